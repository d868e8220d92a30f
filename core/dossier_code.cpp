#include "core/dossier_code.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include <re2/re2.h>

#include "core/text.hpp"

namespace motcua {

namespace {

// Anything longer than this many bytes per allowed character is refused before any Unicode
// work or regular-expression matching is done on it (4 bytes is the longest UTF-8 character).
constexpr std::size_t kBytesPerCharacter = 4;
constexpr std::size_t kShownInMessage = 40;

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// White space a scanner or a copy-paste may add: ASCII space and controls of the space class,
// no-break space U+00A0, ideographic space U+3000, and a byte order mark U+FEFF.
std::size_t leading_space_length(std::string_view text) {
    if (!text.empty() && is_ascii_space(text.front())) {
        return 1;
    }
    for (std::string_view space : {"\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"}) {
        if (text.substr(0, space.size()) == space) {
            return space.size();
        }
    }
    return 0;
}

std::size_t trailing_space_length(std::string_view text) {
    if (!text.empty() && is_ascii_space(text.back())) {
        return 1;
    }
    for (std::string_view space : {"\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"}) {
        if (text.size() >= space.size() && text.substr(text.size() - space.size()) == space) {
            return space.size();
        }
    }
    return 0;
}

// Removes white space and the configured scanner characters from both ends, in any mix
// ("  *000.00.24.H18-221228-0001*\r\n").
std::string_view trim(std::string_view text, const std::string& strip_chars) {
    while (!text.empty()) {
        std::size_t cut = leading_space_length(text);
        if (cut == 0 && strip_chars.find(text.front()) != std::string::npos) {
            cut = 1;
        }
        if (cut == 0) {
            break;
        }
        text.remove_prefix(cut);
    }
    while (!text.empty()) {
        std::size_t cut = trailing_space_length(text);
        if (cut == 0 && strip_chars.find(text.back()) != std::string::npos) {
            cut = 1;
        }
        if (cut == 0) {
            break;
        }
        text.remove_suffix(cut);
    }
    return text;
}

// The position of the first C0/C1 control character or DEL, or npos. `text` is valid UTF-8.
std::size_t find_control_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7F) {
            return i;
        }
        // U+0080..U+009F are encoded as C2 80..C2 9F.
        if (byte == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) {
                return i;
            }
        }
    }
    return std::string_view::npos;
}

// Characters that look like the ones codes use, as word processors and phone keyboards write
// them: Unicode hyphens and dashes (U+2010..U+2015) and the minus sign (U+2212) become '-',
// full-width ASCII (U+FF01..U+FF5E) becomes ASCII. A code pasted from a document then matches.
std::string fold_lookalikes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 == 0xE2 && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            const bool dash = b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95;  // U+2010..U+2015
            const bool minus = b1 == 0x88 && b2 == 0x92;               // U+2212
            if (dash || minus) {
                out.push_back('-');
                i += 2;
                continue;
            }
        }
        if (b0 == 0xEF && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            const unsigned code_point = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
            if (code_point >= 0xFF01 && code_point <= 0xFF5E) {
                out.push_back(static_cast<char>(code_point - 0xFF01 + 0x21));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

// What was typed, safe to print in a log line: printable ASCII as is, other bytes as \xNN,
// cut after a few dozen characters.
std::string printable(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < kShownInMessage; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7F) {
            out.push_back(text[i]);
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
            out += escaped;
        }
    }
    if (text.size() > kShownInMessage) {
        out += "...";
    }
    return out;
}

}  // namespace

DossierCodeValidator::DossierCodeValidator(DossierCodeRules rules) : rules_(std::move(rules)) {
    if (rules_.max_length == 0) {
        throw std::invalid_argument("dossier code max_length must be at least 1");
    }
    const bool strip_chars_printable_ascii =
        std::all_of(rules_.strip_chars.begin(), rules_.strip_chars.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return byte > 0x20 && byte < 0x7F;
        });
    if (!strip_chars_printable_ascii) {
        throw std::invalid_argument(
            "dossier code strip_chars may only contain printable ASCII characters other than "
            "space (got '" +
            printable(rules_.strip_chars) + "')");
    }
    RE2::Options options;
    options.set_log_errors(false);
    auto pattern = std::make_shared<const RE2>(rules_.pattern, options);
    if (!pattern->ok()) {
        throw std::invalid_argument("dossier code pattern '" + rules_.pattern +
                                    "' is not a valid regular expression: " + pattern->error());
    }
    pattern_ = std::move(pattern);
    const DossierCodeResult example = check(rules_.example);
    if (!example.ok() || example.code != rules_.example) {
        throw std::invalid_argument("dossier code example '" + printable(rules_.example) +
                                    "' is not accepted as it stands by pattern '" + rules_.pattern +
                                    "'");
    }
}

DossierCodeResult DossierCodeValidator::check(std::string_view raw) const {
    const std::string expected =
        "expected a dossier code like " + rules_.example + " (matching " + rules_.pattern + ")";
    const std::string ask_again =
        " Mã có dạng " + rules_.example + ". Xin vui lòng quét lại hoặc nhập lại.";
    DossierCodeResult result;
    const auto refuse = [&](DossierCodeProblem problem, const std::string& what,
                            const std::string& vi_first_sentence) {
        result.problem = problem;
        result.code.clear();
        result.message_en = what + "; " + expected;
        result.message_vi = vi_first_sentence + ask_again;
        return result;
    };

    if (raw.size() > rules_.max_length * kBytesPerCharacter + 64) {
        return refuse(DossierCodeProblem::too_long,
                      "dossier code too long (" + std::to_string(raw.size()) + " bytes; at most " +
                          std::to_string(rules_.max_length) + ")",
                      "Mã hồ sơ quá dài.");
    }
    if (!is_valid_utf8(raw)) {
        return refuse(DossierCodeProblem::invalid_utf8,
                      "dossier code is not valid UTF-8 ('" + printable(raw) +
                          "'; a scanner set to the wrong keyboard layout?)",
                      "Chưa đọc được mã hồ sơ.");
    }
    const std::string_view trimmed = trim(raw, rules_.strip_chars);
    if (trimmed.empty()) {
        return refuse(DossierCodeProblem::empty, "dossier code is empty", "Chưa có mã hồ sơ.");
    }
    const std::size_t control = find_control_character(trimmed);
    if (control != std::string_view::npos) {
        return refuse(DossierCodeProblem::control_character,
                      "dossier code '" + printable(trimmed) +
                          "' contains a control character at byte " + std::to_string(control),
                      "Mã hồ sơ chưa đúng.");
    }
    std::string code = fold_lookalikes(to_nfc(trimmed));
    std::transform(code.begin(), code.end(), code.begin(), [](char c) {
        return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    });
    if (code.size() > rules_.max_length) {
        return refuse(DossierCodeProblem::too_long,
                      "dossier code too long (" + std::to_string(code.size()) + " bytes; at most " +
                          std::to_string(rules_.max_length) + ")",
                      "Mã hồ sơ quá dài.");
    }
    if (!RE2::FullMatch(code, *pattern_)) {
        return refuse(DossierCodeProblem::bad_shape,
                      "dossier code '" + printable(code) + "' does not have the expected shape",
                      "Mã hồ sơ chưa đúng.");
    }
    result.code = std::move(code);
    return result;
}

}  // namespace motcua
