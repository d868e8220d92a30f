#include "kiosk/flow/text_entry.hpp"

#include <array>

namespace motcua::kiosk {

namespace {

// Each Vietnamese vowel with no tone, acute, grave, hook above, tilde and dot below.
constexpr std::array<std::array<const char*, 6>, 24> kVowels = {{
    {"a", "á", "à", "ả", "ã", "ạ"}, {"ă", "ắ", "ằ", "ẳ", "ẵ", "ặ"}, {"â", "ấ", "ầ", "ẩ", "ẫ", "ậ"},
    {"e", "é", "è", "ẻ", "ẽ", "ẹ"}, {"ê", "ế", "ề", "ể", "ễ", "ệ"}, {"i", "í", "ì", "ỉ", "ĩ", "ị"},
    {"o", "ó", "ò", "ỏ", "õ", "ọ"}, {"ô", "ố", "ồ", "ổ", "ỗ", "ộ"}, {"ơ", "ớ", "ờ", "ở", "ỡ", "ợ"},
    {"u", "ú", "ù", "ủ", "ũ", "ụ"}, {"ư", "ứ", "ừ", "ử", "ữ", "ự"}, {"y", "ý", "ỳ", "ỷ", "ỹ", "ỵ"},
    {"A", "Á", "À", "Ả", "Ã", "Ạ"}, {"Ă", "Ắ", "Ằ", "Ẳ", "Ẵ", "Ặ"}, {"Â", "Ấ", "Ầ", "Ẩ", "Ẫ", "Ậ"},
    {"E", "É", "È", "Ẻ", "Ẽ", "Ẹ"}, {"Ê", "Ế", "Ề", "Ể", "Ễ", "Ệ"}, {"I", "Í", "Ì", "Ỉ", "Ĩ", "Ị"},
    {"O", "Ó", "Ò", "Ỏ", "Õ", "Ọ"}, {"Ô", "Ố", "Ồ", "Ổ", "Ỗ", "Ộ"}, {"Ơ", "Ớ", "Ờ", "Ở", "Ỡ", "Ợ"},
    {"U", "Ú", "Ù", "Ủ", "Ũ", "Ụ"}, {"Ư", "Ứ", "Ừ", "Ử", "Ữ", "Ự"}, {"Y", "Ý", "Ỳ", "Ỷ", "Ỹ", "Ỵ"},
}};

std::size_t column_of(ToneMark mark) {
    return static_cast<std::size_t>(mark) + 1;
}

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Where the last UTF-8 character of `text` starts.
std::size_t last_character_start(const std::string& text) {
    std::size_t at = text.size();
    while (at > 0) {
        --at;
        if (!is_continuation(text[at])) {
            break;
        }
    }
    return at;
}

}  // namespace

std::string utf8_of(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

void TextEntry::push(char32_t c) {
    bool control = c < 0x20 || (c >= 0x7F && c < 0xA0);
    bool invalid = (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF;
    if (control || invalid || characters_ >= max_characters_) {
        return;
    }
    text_ += utf8_of(c);
    ++characters_;
}

void TextEntry::type(std::string_view utf8) {
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (characters_ >= max_characters_) {
            return;
        }
        if (!is_continuation(utf8[i])) {
            ++characters_;
        }
        text_ += utf8[i];
    }
}

void TextEntry::pop() {
    if (text_.empty()) {
        return;
    }
    text_.erase(last_character_start(text_));
    --characters_;
}

void TextEntry::clear() {
    text_.clear();
    characters_ = 0;
}

bool TextEntry::apply_tone(ToneMark mark) {
    if (text_.empty()) {
        return false;
    }
    std::size_t start = last_character_start(text_);
    std::string last = text_.substr(start);
    for (const auto& vowel : kVowels) {
        for (std::size_t column = 0; column < vowel.size(); ++column) {
            if (last != vowel[column]) {
                continue;
            }
            std::size_t wanted = column == column_of(mark) ? 0 : column_of(mark);
            text_.replace(start, std::string::npos, vowel[wanted]);
            return true;
        }
    }
    return false;
}

bool TextEntry::blank() const {
    for (char c : text_) {
        if (c != ' ' && c != '\t') {
            return false;
        }
    }
    return true;
}

}  // namespace motcua::kiosk
