#include "kiosk/ui/staff_report_widgets.hpp"

#include <algorithm>

#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"
#include "reporting/number_format.hpp"
#include "reporting/score_json.hpp"

namespace motcua::kiosk::ui {

bool read_reports_once(Ui& ui) {
    const std::optional<StaffMember>& member = ui.flow.staff_member();
    if (!member) {
        return false;
    }
    if (!ui.state.staff_reports_read) {
        ui.state.staff_reports_read = true;
        ui.reports.refresh_for(*member);
    }
    return true;
}

std::optional<ReportPage> report_page(Ui& ui, Str title, Screen back_to) {
    if (!read_reports_once(ui)) {
        return std::nullopt;
    }
    float em = ui.em();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)), ui.t(title));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    if (back_button(ui, bottom)) {
        if (back_to == Screen::staff_menu) {
            ui.flow.back_to_staff_menu();
        } else {
            ui.flow.open_staff_screen(back_to);
        }
        return std::nullopt;
    }
    return ReportPage{page.inset(margin, 0.8f * em), bottom};
}

std::string display_date(const std::string& iso_date) {
    if (iso_date.size() != 10) {
        return iso_date;
    }
    return iso_date.substr(8, 2) + "/" + iso_date.substr(5, 2) + "/" + iso_date.substr(0, 4);
}

std::string display_number(const Ui& ui, double value, int decimals) {
    std::string text = format_fixed(value, decimals);
    if (ui.language() == Language::vi) {
        std::replace(text.begin(), text.end(), '.', ',');
    }
    return text;
}

std::string display_band(const Ui& ui, const ScoringProfile& profile, const std::string& band_id) {
    return band_text(band_id, profile).in(ui.language());
}

void draw_tabs(Ui& ui, const std::string& name, const Box& box,
               const std::vector<std::string>& labels) {
    int n = static_cast<int>(labels.size());
    for (int i = 0; i < n; ++i) {
        bool selected = ui.state.staff_reports_page == i;
        if (button(ui, name + "." + std::to_string(i), box.column(i, n, 0.4f * ui.em()),
                   labels[static_cast<std::size_t>(i)],
                   selected ? ButtonKind::primary : ButtonKind::secondary)) {
            ui.state.staff_reports_page = i;
        }
    }
}

void section_heading(Ui& ui, Box& column, const std::string& text) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw_text(draw, ui.fonts.bold, text, column.take_top(1.6f * ui.em()), theme::kBar, Align::left,
              VAlign::bottom);
    column.take_top(0.3f * ui.em());
}

void draw_read_error(Ui& ui, const Box& box) {
    Box area = box;
    banner(ui, area.take_top(6.0f * ui.em()), ui.t(Str::reports_error), BannerKind::error);
}

std::optional<std::size_t> draw_export_folders(Ui& ui, Box& column,
                                               const std::vector<ExportFolder>& folders,
                                               std::size_t chosen, const std::string& name) {
    float em = ui.em();
    std::optional<std::size_t> tapped;
    for (std::size_t i = 0; i < folders.size(); ++i) {
        const ExportFolder& folder = folders[i];
        std::string label = folder.is_default ? ui.format(Str::reports_export_default,
                                                          {{"path", folder.path.string()}})
                                              : folder.label;
        if (button(ui, name + "." + std::to_string(i), column.take_top(2.8f * em), label,
                   i == chosen ? ButtonKind::primary : ButtonKind::secondary)) {
            tapped = i;
        }
        column.take_top(0.4f * em);
    }
    if (folders.size() <= 1) {
        draw_text(ImGui::GetWindowDrawList(), ui.fonts.body, ui.t(Str::reports_export_no_sticks),
                  column.take_top(1.6f * em), theme::kTextMuted, Align::left, VAlign::middle, 0.5f);
    }
    return tapped;
}

std::string export_outcome_text(Ui& ui, const ExportOutcome& outcome, const ExportFolder& folder) {
    switch (outcome.status) {
        case ExportStatus::written: {
            std::string files;
            for (const std::string& file : outcome.files) {
                files += (files.empty() ? "" : ", ") + file;
            }
            return ui.format(Str::reports_export_done,
                             {{"files", files}, {"folder", folder.path.string()}});
        }
        case ExportStatus::not_writable:
            return ui.format(Str::reports_export_not_writable, {{"folder", folder.path.string()}});
        case ExportStatus::failed:
            break;
    }
    return ui.t(Str::reports_export_failed);
}

}  // namespace motcua::kiosk::ui
