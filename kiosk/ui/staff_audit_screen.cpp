// The audit log, read-only (AuditViewer): a day, or 7 or 30 days up to it, newest first, a page
// at a time, filtered by kind of action; and its export as CSV into a chosen folder. No button
// here changes or deletes an entry.
//
// [SECTION] index: period and filter, table, export, screen.

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_page.hpp"
#include "kiosk/ui/staff_report_widgets.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"
#include "reporting/audit_export.hpp"

namespace motcua::kiosk::ui {

namespace {

Str span_text(AuditSpan span) {
    switch (span) {
        case AuditSpan::day:
            return Str::audit_span_day;
        case AuditSpan::week:
            return Str::audit_span_week;
        case AuditSpan::month:
            return Str::audit_span_month;
    }
    return Str::audit_span_day;
}

Str filter_text(AuditFilter filter) {
    switch (filter) {
        case AuditFilter::all:
            return Str::audit_filter_all;
        case AuditFilter::sign_ins:
            return Str::audit_filter_sign_ins;
        case AuditFilter::desk:
            return Str::audit_filter_desk;
        case AuditFilter::corrections:
            return Str::audit_filter_corrections;
        case AuditFilter::exports:
            return Str::audit_filter_exports;
    }
    return Str::audit_filter_all;
}

//-----------------------------------------------------------------------------
// [SECTION] Period and filter
//-----------------------------------------------------------------------------

// Previous day, the day, next day; then 1 / 7 / 30 days.
void draw_period_row(Ui& ui, Box row) {
    AuditViewer& audit = ui.flow.audit_log();
    float em = ui.em();
    Box spans = row.take_right(std::min(row.w * 0.42f, 18.0f * em));
    row.take_right(0.8f * em);
    float button_w = std::min(7.0f * em, row.w * 0.3f);
    Box previous = row.take_left(button_w);
    Box next = row.take_right(button_w);
    if (button(ui, "audit.previous_day", previous, ui.t(Str::reports_previous_day),
               ButtonKind::secondary)) {
        audit.previous_day();
    }
    if (!audit.day_is_today() &&
        button(ui, "audit.next_day", next, ui.t(Str::reports_next_day), ButtonKind::secondary)) {
        audit.next_day();
    }
    std::string day = display_date(audit.day());
    if (audit.day_is_today()) {
        day = ui.t(Str::reports_today) + " — " + day;
    }
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.heading, day, row.inset(0.4f * em, 0),
              theme::kText, Align::center, VAlign::middle, 0.45f);
    for (std::size_t i = 0; i < std::size(kAuditSpans); ++i) {
        AuditSpan span = kAuditSpans[i];
        if (button(ui, "audit.span." + std::to_string(i),
                   spans.column(static_cast<int>(i), 3, 0.4f * em), ui.t(span_text(span)),
                   span == audit.span() ? ButtonKind::primary : ButtonKind::secondary)) {
            audit.set_span(span);
        }
    }
}

void draw_filter_row(Ui& ui, const Box& row) {
    AuditViewer& audit = ui.flow.audit_log();
    int count = static_cast<int>(std::size(kAuditFilters));
    for (int i = 0; i < count; ++i) {
        AuditFilter filter = kAuditFilters[i];
        if (button(ui, "audit.filter." + std::to_string(i), row.column(i, count, 0.4f * ui.em()),
                   ui.t(filter_text(filter)),
                   filter == audit.filter() ? ButtonKind::primary : ButtonKind::secondary)) {
            audit.set_filter(filter);
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Table
//-----------------------------------------------------------------------------

// Two lines in a cell: `top` in bold, `bottom` muted.
void draw_cell(Ui& ui, const Box& cell, const std::string& top, const std::string& bottom) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box upper = cell;
    Box lower = upper.take_bottom(cell.h * 0.45f);
    draw_text(draw, ui.fonts.bold, top, upper, theme::kText, Align::left, VAlign::bottom, 0.5f);
    draw_text(draw, ui.fonts.body, bottom, lower, theme::kTextMuted, Align::left, VAlign::top,
              0.5f);
}

// The four columns of a row: time, actor, action, subject and detail.
std::vector<Box> table_columns(const Box& row) {
    Box rest = row;
    float w = row.w;
    std::vector<Box> columns;
    columns.push_back(rest.take_left(w * 0.17f));
    columns.push_back(rest.take_left(w * 0.22f));
    columns.push_back(rest.take_left(w * 0.21f));
    columns.push_back(rest);
    for (Box& column : columns) {
        column = column.inset(0.3f * w / 100.0f, 0);
    }
    return columns;
}

void draw_table(Ui& ui, Box area) {
    AuditViewer& audit = ui.flow.audit_log();
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (audit.read_failed()) {
        draw_read_error(ui, area);
        return;
    }
    if (audit.entries().empty()) {
        draw_text(draw, ui.fonts.body, ui.t(Str::audit_empty), area.take_top(1.6f * em),
                  theme::kTextMuted, Align::left);
        return;
    }
    Box header = area.take_top(1.5f * em);
    std::vector<Box> heads = table_columns(header);
    Str titles[] = {Str::audit_col_time, Str::audit_col_actor, Str::audit_col_action,
                    Str::audit_col_subject};
    for (std::size_t i = 0; i < heads.size(); ++i) {
        draw_text(draw, ui.fonts.bold, ui.t(titles[i]), heads[i], theme::kTextMuted, Align::left,
                  VAlign::middle, 0.5f);
    }
    area.take_top(0.2f * em);
    float row_h = 2.2f * em;
    float gap = 0.15f * em;
    audit.set_page_size(
        std::max<std::size_t>(1, static_cast<std::size_t>((area.h + gap) / (row_h + gap))));
    for (std::size_t i = audit.page_first(); i < audit.page_last(); ++i) {
        const AuditEntry& entry = audit.entries()[i];
        Box row = area.take_top(row_h);
        area.take_top(gap);
        draw->AddRectFilled(row.min(), row.max(), theme::kSurface, 0.25f * em);
        std::vector<Box> cells = table_columns(row.inset(0.4f * em, 0.15f * em));
        std::string local = audit_local_time(ui.clock, entry.at_utc);  // YYYY-MM-DD HH:MM:SS
        draw_cell(ui, cells[0], local.substr(11), display_date(local.substr(0, 10)));
        std::string name = audit.name_of(entry.actor);
        draw_cell(ui, cells[1], name.empty() ? entry.actor : name, name.empty() ? "" : entry.actor);
        draw_cell(ui, cells[2], audit_action_text(entry.action, ui.language()), entry.action);
        draw_cell(ui, cells[3], entry.subject, entry.detail);
    }
}

// "Previous", "Page 1 of 3", "Next" in the bottom bar.
void draw_pager(Ui& ui, Box bar) {
    AuditViewer& audit = ui.flow.audit_log();
    if (audit.page_count() <= 1) {
        return;
    }
    float em = ui.em();
    Box next = bar.take_right(std::min(7.0f * em, bar.w * 0.3f));
    Box label = bar.take_right(std::min(9.0f * em, bar.w * 0.4f));
    Box previous = bar.take_right(std::min(7.0f * em, bar.w));
    if (audit.page() > 0 && button(ui, "audit.previous_page", previous, ui.t(Str::page_previous),
                                   ButtonKind::secondary)) {
        audit.previous_page();
    }
    if (audit.page() + 1 < audit.page_count() &&
        button(ui, "audit.next_page", next, ui.t(Str::page_next), ButtonKind::secondary)) {
        audit.next_page();
    }
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.body,
              ui.format(Str::void_page, {{"n", std::to_string(audit.page() + 1)},
                                         {"total", std::to_string(audit.page_count())}}),
              label, theme::kTextMuted, Align::center, VAlign::middle, 0.5f);
}

void draw_log(Ui& ui, Box content, Box actions) {
    AuditViewer& audit = ui.flow.audit_log();
    float em = ui.em();
    draw_period_row(ui, content.take_top(2.8f * em));
    content.take_top(0.5f * em);
    draw_filter_row(ui, content.take_top(2.4f * em));
    content.take_top(0.4f * em);
    std::string range =
        ui.format(Str::audit_range, {{"from", display_date(audit.from_date())},
                                     {"to", display_date(audit.to_date())},
                                     {"n", std::to_string(audit.entries().size())}});
    Box line = content.take_top(1.6f * em);
    Box note = line.take_right(line.w * 0.5f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw_text(draw, ui.fonts.bold, range, line, theme::kText, Align::left, VAlign::middle, 0.5f);
    draw_text(draw, ui.fonts.body, ui.t(Str::audit_read_only), note, theme::kTextMuted,
              Align::right, VAlign::middle, 0.45f);
    content.take_top(0.3f * em);
    draw_table(ui, content);

    Box export_box = actions.take_right(std::min(10.0f * em, actions.w * 0.35f));
    actions.take_right(0.8f * em);
    if (button(ui, "audit.export", export_box, ui.t(Str::audit_export), ButtonKind::primary)) {
        ui.state.audit_exporting = true;
        audit.refresh_folders();
        return;
    }
    draw_pager(ui, actions);
}

//-----------------------------------------------------------------------------
// [SECTION] Export
//-----------------------------------------------------------------------------

void draw_export(Ui& ui, Box content, Box actions) {
    AuditViewer& audit = ui.flow.audit_log();
    float em = ui.em();
    Box column = content.centered(std::min(content.w, 40.0f * em), content.h);
    std::string range =
        ui.format(Str::audit_range, {{"from", display_date(audit.from_date())},
                                     {"to", display_date(audit.to_date())},
                                     {"n", std::to_string(audit.entries().size())}});
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.heading, range, column.take_top(2.4f * em),
              theme::kText, Align::left, VAlign::middle, 0.5f);
    section_heading(ui, column, ui.t(Str::reports_export_choose));
    if (std::optional<std::size_t> tapped = draw_export_folders(
            ui, column, audit.folders(), audit.chosen_folder(), "audit.folder")) {
        audit.choose_folder(*tapped);
    }
    Box row = column.take_top(3.2f * em);
    if (button(ui, "audit.rescan", row.column(0, 2, em), ui.t(Str::reports_export_rescan),
               ButtonKind::secondary)) {
        audit.refresh_folders();
    }
    if (button(ui, "audit.save", row.column(1, 2, em), ui.t(Str::audit_export_save),
               ButtonKind::primary)) {
        audit.export_shown();
    }
    column.take_top(1.0f * em);
    const std::optional<ExportOutcome>& outcome = audit.last_export();
    if (outcome && audit.chosen_folder() < audit.folders().size()) {
        banner(ui, column,
               export_outcome_text(ui, *outcome, audit.folders()[audit.chosen_folder()]),
               outcome->status == ExportStatus::written ? BannerKind::info : BannerKind::error);
    }
    Box back = actions.take_right(std::min(12.0f * em, actions.w * 0.5f));
    if (button(ui, "audit.export_back", back, ui.t(Str::audit_export_back),
               ButtonKind::secondary)) {
        ui.state.audit_exporting = false;
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Screen
//-----------------------------------------------------------------------------

void draw_staff_audit_screen(Ui& ui) {
    bool left = false;
    Box actions;
    Box content = staff_page(ui, ui.t(Str::audit_title), left, &actions);
    if (left || !ui.flow.audit_log().active()) {
        return;
    }
    if (ui.state.audit_exporting) {
        draw_export(ui, content, actions);
    } else {
        draw_log(ui, content, actions);
    }
}

}  // namespace motcua::kiosk::ui
