#include "sync/json_check.hpp"

#include "core/text.hpp"

namespace motcua {

namespace {

// A recursive-descent reader of the JSON grammar that only says whether the text follows it.
class Checker {
  public:
    explicit Checker(std::string_view text) : text_(text) {}

    bool whole_object() {
        skip_space();
        if (!next_is('{') || !value(0)) {
            return false;
        }
        skip_space();
        return at_ == text_.size();
    }

  private:
    bool next_is(char c) const { return at_ < text_.size() && text_[at_] == c; }

    bool take(char c) {
        if (!next_is(c)) {
            return false;
        }
        ++at_;
        return true;
    }

    bool take_word(std::string_view word) {
        if (text_.substr(at_, word.size()) != word) {
            return false;
        }
        at_ += word.size();
        return true;
    }

    void skip_space() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' ||
                                      text_[at_] == '\n' || text_[at_] == '\r')) {
            ++at_;
        }
    }

    bool value(std::size_t depth) {
        skip_space();
        if (at_ == text_.size()) {
            return false;
        }
        switch (text_[at_]) {
            case '{':
                return depth < kMaxJsonDepth && object(depth + 1);
            case '[':
                return depth < kMaxJsonDepth && array(depth + 1);
            case '"':
                return string();
            case 't':
                return take_word("true");
            case 'f':
                return take_word("false");
            case 'n':
                return take_word("null");
            default:
                return number();
        }
    }

    bool object(std::size_t depth) {
        ++at_;  // '{'
        skip_space();
        if (take('}')) {
            return true;
        }
        do {
            skip_space();
            if (!string()) {
                return false;
            }
            skip_space();
            if (!take(':') || !value(depth)) {
                return false;
            }
            skip_space();
        } while (take(','));
        return take('}');
    }

    bool array(std::size_t depth) {
        ++at_;  // '['
        skip_space();
        if (take(']')) {
            return true;
        }
        do {
            if (!value(depth)) {
                return false;
            }
            skip_space();
        } while (take(','));
        return take(']');
    }

    // The four hex digits of a unicode escape; -1 when they are not.
    int hex_code_unit() {
        if (text_.size() - at_ < 4) {
            return -1;
        }
        int unit = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[at_++];
            const int digit = c >= '0' && c <= '9'   ? c - '0'
                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
            if (digit < 0) {
                return -1;
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }

    // After a unicode escape's "u": a code unit that is not a surrogate, or a high surrogate
    // followed by a second escape of a low one (a lone surrogate is no character; nlohmann
    // refuses it too).
    bool unicode_escape() {
        const int unit = hex_code_unit();
        if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) {
            return false;
        }
        if (unit < 0xD800 || unit > 0xDBFF) {
            return true;
        }
        if (!take_word("\\u")) {
            return false;
        }
        const int low = hex_code_unit();
        return low >= 0xDC00 && low <= 0xDFFF;
    }

    // Bytes of 0x80 and above are checked as UTF-8 for the whole text in is_json_object.
    bool string() {
        if (!take('"')) {
            return false;
        }
        while (at_ < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[at_++]);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c != '\\') {
                continue;
            }
            if (at_ == text_.size()) {
                return false;
            }
            const char escape = text_[at_++];
            if (escape == 'u') {
                if (!unicode_escape()) {
                    return false;
                }
            } else if (std::string_view("\"\\/bfnrt").find(escape) == std::string_view::npos) {
                return false;
            }
        }
        return false;
    }

    std::size_t digits() {
        const std::size_t first = at_;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
            ++at_;
        }
        return at_ - first;
    }

    // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    bool number() {
        take('-');
        if (take('0')) {
            if (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
                return false;
            }
        } else if (digits() == 0) {
            return false;
        }
        if (take('.') && digits() == 0) {
            return false;
        }
        if (take('e') || take('E')) {
            if (!take('+')) {
                take('-');
            }
            if (digits() == 0) {
                return false;
            }
        }
        return true;
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

}  // namespace

bool is_json_object(std::string_view text) {
    return Checker(text).whole_object() && is_valid_utf8(text);
}

}  // namespace motcua
