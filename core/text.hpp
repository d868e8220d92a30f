#pragma once
// Languages and translated text. Every string a citizen or official sees exists in
// Vietnamese (the default) and English.

#include <string>
#include <string_view>

namespace motcua {

enum class Language { vi, en };

// "vi" / "en"; anything else is nullopt-like: returns false.
bool parse_language(std::string_view text, Language& out);
std::string_view to_string(Language language);

struct LocalizedText {
    std::string vi;
    std::string en;

    const std::string& in(Language language) const { return language == Language::en ? en : vi; }
};

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Canonical composition (NFC) of well-formed UTF-8, via ICU. Vietnamese typed on different
// keyboards arrives decomposed or composed; storing NFC keeps comparisons and exports exact.
// Precondition: is_valid_utf8(text).
std::string to_nfc(std::string_view text);

}  // namespace motcua
