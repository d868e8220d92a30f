#pragma once
// The big answer button: icon, colour and words, so the answer is clear without reading, and
// the key number for button boxes. Used for answers, stages and follow-up choices.

#include <string>
#include <string_view>

#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

enum class CardShape {
    tall,  // icon above the words (answers side by side)
    wide,  // icon left of the words (answers stacked, portrait)
};

struct CardLook {
    std::string_view label;
    std::string_view icon;   // may be empty or unknown: words only
    std::string_view color;  // the form's hint
    int number = 0;          // key 1..N; 0 for none
    bool selected = false;
    bool checkbox = false;  // follow-up choices: a tick box instead of an icon
};

// Draws the card and returns true when tapped.
bool choice_card(Ui& ui, const std::string& name, const Box& box, const CardLook& look,
                 CardShape shape);

}  // namespace motcua::kiosk::ui
