// Export of the period report shown: choose a folder (the default folder beside the database,
// or a USB stick mounted under /media), save CSV and XLSX, read the outcome in plain words.

#include <string>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_report_widgets.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_staff_export_screen(Ui& ui) {
    std::optional<ReportPage> frame =
        report_page(ui, Str::reports_export_title, Screen::staff_report);
    if (!frame) {
        return;
    }
    Box content = frame->content;
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    StaffReports& reports = ui.reports;
    Box column = content.centered(std::min(content.w, 40.0f * em), content.h);
    if (!reports.unit_report() || !reports.official_report()) {
        draw_read_error(ui, column);
        return;
    }
    draw_text(draw, ui.fonts.heading,
              ui.format(Str::reports_export_period, {{"from", display_date(reports.period().from)},
                                                     {"to", display_date(reports.period().to)}}),
              column.take_top(2.4f * em), theme::kText, Align::left);
    section_heading(ui, column, ui.t(Str::reports_export_choose));
    const std::vector<ExportFolder>& folders = reports.folders();
    if (std::optional<std::size_t> tapped =
            draw_export_folders(ui, column, folders, reports.chosen_folder(), "export.folder")) {
        reports.choose_folder(*tapped);
    }
    Box actions = column.take_top(3.2f * em);
    if (button(ui, "export.rescan", actions.column(0, 2, em), ui.t(Str::reports_export_rescan),
               ButtonKind::secondary)) {
        reports.refresh_folders();
    }
    if (button(ui, "export.save", actions.column(1, 2, em), ui.t(Str::reports_export_save),
               ButtonKind::primary)) {
        reports.export_report();
    }
    column.take_top(1.0f * em);
    const std::optional<ExportOutcome>& outcome = reports.last_export();
    if (outcome && reports.chosen_folder() < folders.size()) {
        banner(ui, column, export_outcome_text(ui, *outcome, folders[reports.chosen_folder()]),
               outcome->status == ExportStatus::written ? BannerKind::info : BannerKind::error);
    }
}

}  // namespace motcua::kiosk::ui
