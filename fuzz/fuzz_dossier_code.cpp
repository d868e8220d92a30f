// Fuzzes the dossier-code normaliser with the default rules: any bytes a scanner or a keyboard
// may send. A code it accepts must be short enough, valid UTF-8 and accepted unchanged when
// checked again (normalising is idempotent); a refusal must say why in both languages.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/dossier_code.hpp"
#include "core/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const motcua::DossierCodeValidator validator{motcua::DossierCodeRules{}};
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const motcua::DossierCodeResult result = validator.check(raw);
    if (!result.ok()) {
        if (result.message_en.empty() || result.message_vi.empty()) {
            std::abort();
        }
        return 0;
    }
    if (result.code.empty() || result.code.size() > validator.rules().max_length) {
        std::abort();
    }
    const motcua::DossierCodeResult again = validator.check(result.code);
    if (!again.ok() || again.code != result.code) {
        std::abort();
    }
    return 0;
}
