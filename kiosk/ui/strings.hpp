#pragma once
// The kiosk's own texts in Vietnamese and English, loaded from assets/i18n/{vi,en}.json.

#include <array>
#include <filesystem>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "kiosk/ui/string_keys.hpp"

namespace motcua::kiosk::ui {

// A strings file that cannot be used; what() names the file and the key.
class StringsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Strings {
  public:
    // Reads <dir>/vi.json and <dir>/en.json: flat objects of key -> text. Every key of Str must
    // be present in both, nothing else may be, and every text must be non-empty UTF-8 (stored
    // NFC). Throws StringsError.
    static Strings load(const std::filesystem::path& dir);
    // The same from two JSON texts, for tests; `source` prefixes messages.
    static Strings parse(const std::string& vi_json, const std::string& en_json,
                         const std::string& source);

    const std::string& get(Str key, Language language) const;
    // `text` with each "{name}" replaced by its value.
    std::string format(
        Str key, Language language,
        std::initializer_list<std::pair<std::string_view, std::string>> values) const;

    // Every text in both languages (for building the font's glyph set).
    std::vector<std::string_view> all() const;

    static std::string_view key_name(Str key);
    static constexpr std::size_t kCount = 0
#define MOTCUA_KIOSK_STRING_COUNT(name) +1
        MOTCUA_KIOSK_STRING_KEYS(MOTCUA_KIOSK_STRING_COUNT)
#undef MOTCUA_KIOSK_STRING_COUNT
        ;

  private:
    std::array<std::string, kCount> vi_;
    std::array<std::string, kCount> en_;
};

}  // namespace motcua::kiosk::ui
