#pragma once
// What the staff screens share: the role's name, and the frame of the sync and admin screens: the
// top bar with the screen's title, a "staff menu" button at the bottom, and label / value rows.

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

// Draws the bars; returns the content area. `left_staff` is set when the bottom button was
// tapped (the flow is back on the staff menu: draw nothing more). `actions`, when given,
// receives the rest of the bottom bar (right of the button) for the screen's own buttons.
Box staff_page(Ui& ui, std::string_view title, bool& left_staff, Box* actions = nullptr);

// "label    value" on one row of `column` (taken from its top); the value wraps up to two
// lines. Returns the height used.
float fact_row(Ui& ui, Box& column, std::string_view label, std::string_view value);

// The role's name, as the PIN pad's list and the staff menu show it.
Str role_text(StaffRole role);

// "HH:MM DD/MM/YYYY" in the clock's local time.
std::string local_time_text(const Clock& clock, UtcMillis when);

}  // namespace motcua::kiosk::ui
