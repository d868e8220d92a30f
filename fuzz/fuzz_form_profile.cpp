// Fuzzes the form profile loader: whatever a province puts in assets/forms/*.json is either a
// Form or a FormError with a message. Any other exception, a crash or a sanitizer report is a
// bug.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/form.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const motcua::Form form = motcua::parse_form(text, "fuzz.json");
        if (form.id.empty()) {
            std::abort();
        }
    } catch (const motcua::FormError& error) {
        if (std::string(error.what()).empty()) {
            std::abort();
        }
    }
    return 0;
}
