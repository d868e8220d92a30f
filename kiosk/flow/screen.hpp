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
    staff_menu,     // what the signed-in staff member may do here, by role
    staff_tally,    // a day's tally: counts, answer bars, indicator means (StaffReports)
    staff_report,   // month / quarter / year / custom table in the seed appendix's layout
    staff_export,   // CSV / XLSX of the report shown, into a chosen folder
    staff_sync,     // upload health: waiting, last success, last error, quarantined; sync now
    staff_admin,    // settings in force, test connection, exit the app (admin)
    staff_paper,    // a supervisor types in a paper form (PaperEntry)
    staff_void,     // a supervisor voids a rating with a reason (VoidDesk)
    staff_audit,    // the audit log, read-only, and its CSV export (AuditViewer)
};

inline constexpr Screen kAllScreens[] = {
    Screen::welcome,      Screen::code_entry,   Screen::stage_choice, Screen::question,
    Screen::follow_up,    Screen::review,       Screen::thank_you,    Screen::already_rated,
    Screen::save_failed,  Screen::staff_pin,    Screen::staff_menu,   Screen::staff_tally,
    Screen::staff_report, Screen::staff_export, Screen::staff_sync,   Screen::staff_admin,
    Screen::staff_paper,  Screen::staff_void,   Screen::staff_audit,
};

std::string_view to_string(Screen screen);
bool parse_screen(std::string_view text, Screen& out);

// Screens a citizen may be on: a scanned code is taken there, and idle time runs the countdown.
bool is_citizen_screen(Screen screen);
// Screens that belong to staff: scanned input is not a dossier code there.
bool is_staff_screen(Screen screen);

}  // namespace motcua::kiosk
