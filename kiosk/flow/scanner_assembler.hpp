#pragma once
// Collects the characters a keyboard-wedge scanner (or a person at a keyboard) types, until
// Enter. The flow decides what a finished sequence means; this only gathers it safely.

#include <cstddef>
#include <string>

namespace motcua::kiosk {

class ScannerAssembler {
  public:
    // Longer input is kept up to this many characters and then ignored; the code validator
    // refuses it as too long, so a runaway scanner cannot grow memory.
    static constexpr std::size_t kMaxCharacters = 256;

    // Appends one Unicode code point as UTF-8. Control characters and invalid code points
    // (surrogates, beyond U+10FFFF) are ignored.
    void push(char32_t code_point);
    // Removes the last character, if any.
    void pop();
    // Returns what was gathered and starts again.
    std::string take();
    void clear();

    bool empty() const { return text_.empty(); }
    std::size_t length() const { return characters_; }  // in code points
    const std::string& text() const { return text_; }

  private:
    std::string text_;
    std::size_t characters_ = 0;
};

}  // namespace motcua::kiosk
