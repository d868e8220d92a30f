#pragma once
// The dossier code's field and keypad, shared by the citizen's code screen and the staff's
// paper-entry and void screens: digits, '.', '-', the letter of the configured example and a
// page with A–Z; what was typed over the rest of the example in grey.

#include <functional>
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

// What a code panel shows on its field side, top to bottom.
struct CodePanel {
    // Drawn first, cut off the top of the field side (the paper form's message); may be empty.
    std::function<void(Box&)> draw_above;
    std::string instruction;
    std::string typed;
    bool refused = false;
};

// The dossier code's panel of the citizen's code screen and the paper form's code step: the
// instruction, the field and the configured example, beside the keypad (landscape) or above it
// (portrait). `rest` receives what is left of the field side below the example, for the
// screen's own chips, banners and hints. Returns the key tapped.
KeypadPress draw_code_panel(Ui& ui, Box content, const CodePanel& panel, Box& rest);

}  // namespace motcua::kiosk::ui
