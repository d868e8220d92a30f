// The period report for staff: month / quarter / year / custom range, then the indicator table
// in the layout of the province's appendix (No., name, criteria 1..9, total, official score,
// band), for the unit and per official, with the number of ratings under every figure,
// agency-entered figures marked and missing ones shown as missing. From StaffReports'
// PeriodReports, the same model `motcua report` prints.

#include <algorithm>
#include <iterator>
#include <string>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_report_widgets.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

Str period_label(PeriodKind kind) {
    switch (kind) {
        case PeriodKind::month:
            return Str::reports_month;
        case PeriodKind::quarter:
            return Str::reports_quarter;
        case PeriodKind::year:
            return Str::reports_year;
        case PeriodKind::custom:
            break;
    }
    return Str::reports_custom;
}

// Landscape: the kinds and the previous / range / next line side by side; portrait: stacked.
// Custom ranges add a line with each end's steps.
void draw_period_picker(Ui& ui, Box& content) {
    float em = ui.em();
    StaffReports& reports = ui.reports;
    float row_h = 2.4f * em;
    Box kinds = content.take_top(row_h);
    Box row = kinds;
    if (is_portrait()) {
        content.take_top(0.4f * em);
        row = content.take_top(row_h);
    } else {
        kinds = row.take_left(row.w * 0.45f);
        row.take_left(1.0f * em);
    }
    int n = static_cast<int>(std::size(kPeriodKinds));
    for (int i = 0; i < n; ++i) {
        PeriodKind kind = kPeriodKinds[i];
        if (button(ui, "report.kind." + std::to_string(i), kinds.column(i, n, 0.4f * em),
                   ui.t(period_label(kind)),
                   kind == reports.period_kind() ? ButtonKind::primary : ButtonKind::secondary)) {
            reports.set_period_kind(kind);
        }
    }
    float button_w = std::min(6.0f * em, row.w * 0.22f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    std::string range = ui.format(
        Str::reports_period,
        {{"from", display_date(reports.period().from)}, {"to", display_date(reports.period().to)}});
    if (button(ui, "report.previous", row.take_left(button_w), ui.t(Str::reports_previous),
               ButtonKind::secondary)) {
        reports.previous_period();
    }
    if (button(ui, "report.next", row.take_right(button_w), ui.t(Str::reports_next),
               ButtonKind::secondary)) {
        reports.next_period();
    }
    draw_text(draw, ui.fonts.bold, range, row.inset(0.4f * em, 0), theme::kText, Align::center,
              VAlign::middle, 0.5f);
    if (reports.period_kind() != PeriodKind::custom) {
        return;
    }
    content.take_top(0.4f * em);
    row = content.take_top(row_h);
    // Custom: each end moves by a day or by a month (30 days).
    Box from = row.take_left(row.w * 0.5f).inset(0.3f * em, 0);
    Box to = row.inset(0.3f * em, 0);
    struct End {
        Box box;
        const char* name;
        Str label;
        const std::string& date;
        void (StaffReports::*move)(int);
    };
    for (const End& end : {End{from, "report.from", Str::reports_from, reports.period().from,
                               &StaffReports::move_custom_from},
                           End{to, "report.to", Str::reports_to, reports.period().to,
                               &StaffReports::move_custom_to}}) {
        Box box = end.box;
        float step_w = std::min(3.0f * em, box.w * 0.14f);
        std::string name = end.name;
        std::string date = ui.t(end.label) + " " + display_date(end.date);
        if (button(ui, name + ".back_month", box.take_left(step_w), "-30", ButtonKind::secondary)) {
            (reports.*end.move)(-30);
        }
        box.take_left(0.2f * em);
        if (button(ui, name + ".back_day", box.take_left(step_w), "-1", ButtonKind::secondary)) {
            (reports.*end.move)(-1);
        }
        if (button(ui, name + ".forward_month", box.take_right(step_w), "+30",
                   ButtonKind::secondary)) {
            (reports.*end.move)(30);
        }
        box.take_right(0.2f * em);
        if (button(ui, name + ".forward_day", box.take_right(step_w), "+1",
                   ButtonKind::secondary)) {
            (reports.*end.move)(1);
        }
        draw_text(draw, ui.fonts.bold, date, box, theme::kText, Align::center, VAlign::middle,
                  0.5f);
    }
}

//-----------------------------------------------------------------------------
// The table
//-----------------------------------------------------------------------------

struct Columns {
    Box number;
    Box name;
    std::vector<Box> indicators;
    Box total;
    Box official;
    Box band;
};

// The name takes a fixed share of the width; the figures share the rest, the total, official
// score and band columns a little wider than an indicator's.
Columns split_columns(const Box& line, std::size_t indicators, float em) {
    Box rest = line;
    Columns columns;
    columns.number = rest.take_left(1.6f * em);
    columns.name = rest.take_left(rest.w * (is_portrait() ? 0.2f : 0.25f));
    float figure_w = rest.w / (static_cast<float>(indicators) + 4.2f);
    columns.band = rest.take_right(figure_w * 1.9f);
    columns.official = rest.take_right(figure_w * 1.1f);
    columns.total = rest.take_right(figure_w * 1.2f);
    for (std::size_t i = 0; i < indicators; ++i) {
        columns.indicators.push_back(rest.take_left(figure_w));
    }
    return columns;
}

// A figure on top, the count of ratings behind it (or the agency mark) under it.
void figure_cell(Ui& ui, const Box& cell, const std::string& figure, const std::string& under,
                 ImU32 color) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Right-aligned like any column of numbers (and never wrapped: "1,69" stays whole).
    Box box = cell.inset(0.15f * ui.em(), 0);
    Box top = box.take_top(box.h * 0.58f);
    draw_text(draw, ui.fonts.bold, figure, top, color, Align::right, VAlign::bottom, 0.4f);
    draw_text(draw, ui.fonts.body, under, box, theme::kTextMuted, Align::right, VAlign::top, 0.35f);
}

void header_row(Ui& ui, const Box& line, const ScoringProfile& profile) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(line.min(), line.max(), theme::kSecondaryPressed);
    Columns columns = split_columns(line, profile.indicators.size(), ui.em());
    auto heading = [&](const Box& box, const std::string& text) {
        draw_text(draw, ui.fonts.bold, text, box.inset(0.1f * ui.em(), 0), theme::kText,
                  Align::center, VAlign::middle, 0.4f);
    };
    heading(columns.number, "#");
    heading(columns.name, ui.t(Str::reports_col_name));
    for (std::size_t i = 0; i < profile.indicators.size(); ++i) {
        heading(columns.indicators[i], profile.indicators[i].id);
    }
    heading(columns.total, ui.t(Str::reports_col_total));
    heading(columns.official, ui.t(Str::reports_col_official));
    heading(columns.band, ui.t(Str::reports_col_band));
}

void report_row(Ui& ui, const Box& line, const std::string& number, const ReportRow& row,
                const ScoringProfile& profile) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float em = ui.em();
    draw->AddLine(ImVec2(line.x, line.y + line.h), ImVec2(line.x + line.w, line.y + line.h),
                  theme::kBorder, 0.04f * em);
    Columns columns = split_columns(line, profile.indicators.size(), em);
    draw_text(draw, ui.fonts.body, number, columns.number, theme::kText);
    Box name = columns.name.inset(0.3f * em, 0);
    Box name_top = name.take_top(name.h * 0.58f);
    draw_text(draw, ui.fonts.bold, ui.text(row.name), name_top, theme::kText, Align::left,
              VAlign::bottom, 0.45f);
    draw_text(draw, ui.fonts.body,
              ui.format(Str::reports_ratings, {{"n", std::to_string(row.scores.ratings)}}), name,
              theme::kTextMuted, Align::left, VAlign::top, 0.45f);
    for (std::size_t i = 0; i < row.scores.figures.size(); ++i) {
        const IndicatorFigure& figure = row.scores.figures[i];
        if (!figure.value) {
            figure_cell(ui, columns.indicators[i], "—", "", theme::kTextMuted);
        } else if (figure.agency_entered) {
            figure_cell(ui, columns.indicators[i], display_number(ui, *figure.value, 2),
                        ui.t(Str::reports_agency_mark), theme::kText);
        } else {
            figure_cell(ui, columns.indicators[i], display_number(ui, *figure.value, 2),
                        "n=" + std::to_string(figure.count), theme::kText);
        }
    }
    figure_cell(ui, columns.total, display_number(ui, row.scores.total, 2),
                "/ " + display_number(ui, row.scores.max_present, 0), theme::kText);
    figure_cell(ui, columns.official,
                row.official_score ? display_number(ui, *row.official_score, 2) : "—", "/ 10",
                theme::kText);
    if (row.scores.band) {
        figure_cell(ui, columns.band, display_band(ui, profile, *row.scores.band), "",
                    theme::kText);
    } else if (row.scores.projected_band) {
        figure_cell(ui, columns.band, display_band(ui, profile, *row.scores.projected_band),
                    ui.t(Str::reports_projected_mark), theme::kText);
    } else {
        figure_cell(ui, columns.band, "—", "", theme::kTextMuted);
    }
}

void group_row(Ui& ui, Box& table, const std::string& text) {
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.bold, text, table.take_top(1.4f * ui.em()),
              theme::kBar, Align::left, VAlign::bottom);
}

void draw_table(Ui& ui, Box table) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const PeriodReport& unit = *ui.reports.unit_report();
    const PeriodReport& officials = *ui.reports.official_report();
    Box legend = table.take_bottom(2.0f * em);
    draw_text(draw, ui.fonts.body, ui.t(Str::reports_legend), legend, theme::kTextMuted,
              Align::left, VAlign::middle, 0.5f);
    header_row(ui, table.take_top(2.0f * em), unit.profile);

    std::size_t rows = unit.rows.size() + std::max<std::size_t>(officials.rows.size(), 1);
    float row_h =
        std::clamp((table.h - 2.8f * em) / static_cast<float>(rows), 1.5f * em, 2.6f * em);
    group_row(ui, table, "I. " + ui.t(Str::reports_unit_rows));
    int number = 1;
    for (const ReportRow& row : unit.rows) {
        report_row(ui, table.take_top(row_h), std::to_string(number++), row, unit.profile);
    }
    group_row(ui, table,
              "II. " + ui.format(Str::reports_officials,
                                 {{"n", std::to_string(officials.min_ratings_per_official)}}));
    if (officials.rows.empty()) {
        draw_text(draw, ui.fonts.body, ui.t(Str::reports_no_official_rows), table.take_top(row_h),
                  theme::kTextMuted, Align::left);
    }
    for (std::size_t i = 0; i < officials.rows.size(); ++i) {
        bool is_last = i + 1 == officials.rows.size();
        bool fits = table.h >= (is_last ? row_h : 2 * row_h);  // this row, and the note after
        if (!fits) {
            // The export has every row; the screen says how many it could not show.
            draw_text(draw, ui.fonts.body,
                      ui.format(Str::reports_more_rows,
                                {{"n", std::to_string(officials.rows.size() - i)}}),
                      table.take_top(row_h), theme::kTextMuted, Align::left);
            break;
        }
        report_row(ui, table.take_top(row_h), std::to_string(number++), officials.rows[i],
                   officials.profile);
    }
}

}  // namespace

void draw_staff_report_screen(Ui& ui) {
    std::optional<ReportPage> frame =
        report_page(ui, Str::reports_report_title, Screen::staff_menu);
    if (!frame) {
        return;
    }
    Box content = frame->content;
    float em = ui.em();
    draw_period_picker(ui, content);
    content.take_top(0.6f * em);
    if (!ui.reports.unit_report() || !ui.reports.official_report()) {
        draw_read_error(ui, content);
        return;
    }
    Box bottom = frame->bottom;
    float export_w = std::min(14.0f * em, bottom.w * 0.5f);
    Box export_box = bottom.take_right(export_w).centered(export_w, 3.0f * em);
    if (ui.flow.staff_member()->role != StaffRole::official &&
        button(ui, "report.export", export_box, ui.t(Str::reports_export), ButtonKind::primary)) {
        ui.flow.open_staff_screen(Screen::staff_export);
        return;
    }
    draw_table(ui, content);
}

}  // namespace motcua::kiosk::ui
