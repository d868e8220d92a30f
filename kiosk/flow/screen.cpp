#include "kiosk/flow/screen.hpp"

namespace motcua::kiosk {

std::string_view to_string(Screen screen) {
    switch (screen) {
        case Screen::welcome:
            return "welcome";
        case Screen::code_entry:
            return "code_entry";
        case Screen::stage_choice:
            return "stage_choice";
        case Screen::question:
            return "question";
        case Screen::follow_up:
            return "follow_up";
        case Screen::review:
            return "review";
        case Screen::thank_you:
            return "thank_you";
        case Screen::already_rated:
            return "already_rated";
        case Screen::save_failed:
            return "save_failed";
        case Screen::staff_pin:
            return "staff_pin";
        case Screen::staff_menu:
            return "staff_menu";
        case Screen::staff_tally:
            return "staff_tally";
        case Screen::staff_report:
            return "staff_report";
        case Screen::staff_export:
            return "staff_export";
        case Screen::staff_sync:
            return "staff_sync";
        case Screen::staff_admin:
            return "staff_admin";
        case Screen::staff_paper:
            return "staff_paper";
        case Screen::staff_void:
            return "staff_void";
        case Screen::staff_audit:
            return "staff_audit";
    }
    return "unknown";
}

bool parse_screen(std::string_view text, Screen& out) {
    for (Screen screen : kAllScreens) {
        if (to_string(screen) == text) {
            out = screen;
            return true;
        }
    }
    return false;
}

bool is_citizen_screen(Screen screen) {
    return !is_staff_screen(screen);
}

bool is_staff_screen(Screen screen) {
    return screen == Screen::staff_pin || screen == Screen::staff_menu ||
           screen == Screen::staff_tally || screen == Screen::staff_report ||
           screen == Screen::staff_export || screen == Screen::staff_sync ||
           screen == Screen::staff_admin || screen == Screen::staff_paper ||
           screen == Screen::staff_void || screen == Screen::staff_audit;
}

}  // namespace motcua::kiosk
