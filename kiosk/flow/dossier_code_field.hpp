#pragma once
// The dossier code being typed on a code screen: the citizen's (Screen::code_entry), the
// supervisor's paper form and the void screen's search. On-screen keypad taps add to the text;
// keyboard or scanner characters after keypad taps, or after a refused code, start a new code,
// so a scan is never appended to half a code typed by hand or to the code just refused. Any
// edit clears the problem shown. Checked against the configured rules (the pattern and its
// example).

#include <cstddef>
#include <string>
#include <string_view>

#include "core/dossier_code.hpp"
#include "kiosk/flow/scanner_assembler.hpp"

namespace motcua::kiosk {

class DossierCodeField {
  public:
    // `validator` must outlive the field.
    explicit DossierCodeField(const DossierCodeValidator& validator) : validator_(validator) {}

    // Keypad keys (ASCII), added to what is there, up to the rules' maximum length.
    void tap(std::string_view keys);
    // One keyboard or scanner character.
    void type(char32_t code_point);
    void erase_last();
    void clear();
    // Checks the text. A refused code stays shown with its problem(); the next keyboard or
    // scanner character starts a new one.
    DossierCodeResult submit();
    // Shows a code refused elsewhere (a scan on another screen) as it was typed, with its
    // problem: ASCII kept, any other character shown as '?' since none can be part of a code.
    void show_refused(std::string_view raw, DossierCodeProblem problem);
    // The text was used (looked up and not found, say): the next keyboard or scanner character
    // starts a new code, as after a refusal. Keypad taps still add to it.
    void next_keyboard_starts_new_code() { keyboard_starts_new_code_ = true; }

    const std::string& text() const { return text_.text(); }
    DossierCodeProblem problem() const { return problem_; }
    const DossierCodeRules& rules() const { return validator_.rules(); }

  private:
    const DossierCodeValidator& validator_;
    ScannerAssembler text_;
    // The next keyboard or scanner character clears the text first.
    bool keyboard_starts_new_code_ = false;
    DossierCodeProblem problem_ = DossierCodeProblem::none;
};

}  // namespace motcua::kiosk
