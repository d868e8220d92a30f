#pragma once
// One function per screen (one file each). Each draws the whole display for its screen from
// the flow's state and calls the flow when the citizen acts. After calling the flow a screen
// returns at once: the next frame draws whatever screen the flow moved to.

#include "kiosk/ui/kiosk_ui.hpp"

namespace motcua::kiosk::ui {

void draw_welcome_screen(Ui& ui);
void draw_code_screen(Ui& ui);
void draw_stage_screen(Ui& ui);
void draw_question_screen(Ui& ui);
void draw_follow_up_screen(Ui& ui);
void draw_review_screen(Ui& ui);
void draw_thanks_screen(Ui& ui);
void draw_already_rated_screen(Ui& ui);
void draw_save_failed_screen(Ui& ui);
void draw_pin_screen(Ui& ui);
void draw_staff_menu_screen(Ui& ui);
// The staff report screens draw from ui.reports (StaffReports).
void draw_staff_tally_screen(Ui& ui);
void draw_staff_report_screen(Ui& ui);
void draw_staff_export_screen(Ui& ui);
void draw_staff_sync_screen(Ui& ui);
void draw_staff_admin_screen(Ui& ui);
// The corrections and audit screens draw from ui.flow's PaperEntry, VoidDesk and AuditViewer.
void draw_staff_paper_screen(Ui& ui);
void draw_staff_void_screen(Ui& ui);
void draw_staff_audit_screen(Ui& ui);
// Over any citizen screen while the idle countdown runs.
void draw_countdown_overlay(Ui& ui, int seconds_left);

}  // namespace motcua::kiosk::ui
