// Fuzzes the scoring profile loader: a profile is either loaded or refused with a
// ScoringError naming the problem; nothing else may escape.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/scoring.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        motcua::parse_scoring_profile(text, "fuzz.json");
    } catch (const motcua::ScoringError& error) {
        if (std::string(error.what()).empty()) {
            std::abort();
        }
    }
    return 0;
}
