#pragma once
// The screens of the kiosk, as the flow knows them. The UI draws one of them at a time.

#include <string_view>

namespace motcua::kiosk {

enum class Screen {
    welcome,        // attract screen: unit, desk official, "scan or tap", clock, language
    code_entry,     // on-screen keypad for the dossier code (also shows a refused code's reason)
    stage_choice,   // why the citizen is at the counter; only when the form has several stages
    question,       // one question per screen
    follow_up,      // "what went wrong?" after a low answer
    review,         // the answers before sending (configurable)
    thank_you,      // shown for a few seconds after a successful save
    already_rated,  // this dossier already has a rating at this stage
    save_failed,    // the store refused to save: apologise, keep the answers, offer retry
    staff_pin,      // PIN pad guarding staff functions
    staff_menu,     // what a signed-in admin may do here (exit); staff mode grows from it
};

inline constexpr Screen kAllScreens[] = {
    Screen::welcome,     Screen::code_entry, Screen::stage_choice, Screen::question,
    Screen::follow_up,   Screen::review,     Screen::thank_you,    Screen::already_rated,
    Screen::save_failed, Screen::staff_pin,  Screen::staff_menu,
};

std::string_view to_string(Screen screen);
bool parse_screen(std::string_view text, Screen& out);

// Screens a citizen may be on: a scanned code is taken there, and idle time runs the countdown.
bool is_citizen_screen(Screen screen);
// Screens that belong to staff: scanned input is not a dossier code there.
bool is_staff_screen(Screen screen);

}  // namespace motcua::kiosk
