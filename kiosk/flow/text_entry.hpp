#pragma once
// A line of text typed on a staff screen (a void's reason): UTF-8, edited a character at a
// time from the on-screen keyboard or a hardware keyboard, with Vietnamese tone marks put on
// the last vowel the way Vietnamese keyboards do it ("a" then the acute key gives "á").

#include <cstddef>
#include <string>
#include <string_view>

namespace motcua::kiosk {

// The five Vietnamese tone marks (the level tone has none).
enum class ToneMark { acute, grave, hook, tilde, dot };
inline constexpr ToneMark kToneMarks[] = {ToneMark::acute, ToneMark::grave, ToneMark::hook,
                                          ToneMark::tilde, ToneMark::dot};

class TextEntry {
  public:
    explicit TextEntry(std::size_t max_characters) : max_characters_(max_characters) {}

    // Appends one code point (control characters and invalid code points are ignored; so is
    // anything beyond the maximum length).
    void push(char32_t code_point);
    // Appends UTF-8 text (from the on-screen keyboard's keys).
    void type(std::string_view utf8);
    // Removes the last character, if any.
    void pop();
    void clear();
    // Puts `mark` on the last character when it is a Vietnamese vowel (replacing its tone;
    // the same mark again takes it off). False, and nothing changes, otherwise.
    bool apply_tone(ToneMark mark);

    const std::string& text() const { return text_; }
    std::size_t length() const { return characters_; }
    bool blank() const;  // empty or white space only

  private:
    std::string text_;
    std::size_t characters_ = 0;
    std::size_t max_characters_;
};

// The UTF-8 of one code point.
std::string utf8_of(char32_t code_point);

}  // namespace motcua::kiosk
