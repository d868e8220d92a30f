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

// What a code panel shows on its field side, top to bottom.
struct CodePanel {
    // Drawn first, cut off the top of the field side (the paper form's message); may be empty.
    std::function<void(Box&)> draw_above;
    std::string instruction;
    std::string typed;
    bool refused = false;
};

// The dossier code's panel of the citizen's code screen, the paper form's code step and the
// void screen's search: the instruction, the field and the configured example, beside the
// keypad (landscape) or above it (portrait). `rest` receives what is left of the field side
// below the example, for the screen's own chips, banners and hints. Returns the key tapped.
KeypadPress draw_code_panel(Ui& ui, Box content, const CodePanel& panel, Box& rest);

}  // namespace motcua::kiosk::ui
