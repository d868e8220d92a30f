#pragma once
// The layout shared by the closing screens (thank you, already rated, could not save): a
// large sign, a title, a few calm sentences, and buttons below.

#include <string_view>

#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

// Draws the top bar, sign, title and body; returns the strip where the buttons go.
Box message_page(Ui& ui, std::string_view icon, ImU32 icon_color, std::string_view title,
                 std::string_view body);

}  // namespace motcua::kiosk::ui
