#pragma once
// An on-screen keyboard for a line of Vietnamese text (a void's reason): digits, Latin letters,
// the Vietnamese letters ă â đ ê ô ơ ư, a few punctuation marks, a case key, and the five tone
// keys that put their mark on the last vowel typed (TextEntry::apply_tone).

#include <string>

#include "kiosk/flow/text_entry.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

struct KeyboardPress {
    enum class Kind { none, type, erase, tone } kind = Kind::none;
    std::string text;                 // for `type`
    ToneMark tone = ToneMark::acute;  // for `tone`
};

// Draws the keys in `area`. Targets: "kbd.<character>" (as shown: "kbd.a", or "kbd.A" in
// capitals), "kbd.space", "kbd.erase", "kbd.case", "kbd.tone.<0..4>" (acute, grave, hook,
// tilde, dot). The case key switches ui.state.keyboard_capitals.
KeyboardPress draw_text_keyboard(Ui& ui, const Box& area);

}  // namespace motcua::kiosk::ui
