// Fuzzes the kiosk configuration loader (TOML): a configuration is either loaded or refused with
// a ConfigError naming the key; nothing else may escape.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        motcua::parse_config(text, "/fuzz/kiosk.toml");
    } catch (const motcua::ConfigError& error) {
        if (std::string(error.what()).empty()) {
            std::abort();
        }
    }
    return 0;
}
