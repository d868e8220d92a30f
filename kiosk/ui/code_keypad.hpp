#pragma once
// The dossier code's field and keypad, shared by the citizen's code screen and the staff's
// paper-entry and void screens: digits, '.', '-', the letter of the configured example and a
// page with A–Z; what was typed over the rest of the example in grey.

#include <string>

#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

// What a tap on the keypad asks for.
struct KeypadPress {
    enum class Kind { none, type, erase } kind = Kind::none;
    std::string text;  // for `type`
};

// Draws the keys in `area` (targets "key.<char>", "key.erase", "key.letters", "key.digits");
// the letters page is ui.state.keypad_letters.
KeypadPress draw_code_keypad(Ui& ui, const Box& area);

// The field: `typed` followed by the rest of the example in grey; a red border when refused.
void draw_code_field(Ui& ui, const Box& field, const std::string& typed, bool refused);

// The keypad's width for the page shown, at most `available`.
float code_keypad_width(const Ui& ui, float available);

}  // namespace motcua::kiosk::ui
