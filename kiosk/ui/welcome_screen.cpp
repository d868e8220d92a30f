// Welcome: who we are, the time, and the two ways in (scan the receipt, or tap to type).

#include <string>

#include "core/clock.hpp"
#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

std::string date_text(const Ui& ui) {
    UtcMillis now = ui.clock.now_utc();
    return long_date(ui, local_date(now, ui.clock.utc_offset_minutes(now)));
}

}  // namespace

void draw_welcome_screen(Ui& ui) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    Box bar = page.take_top(top_bar_height(em));
    top_bar(ui, bar, ui.text(ui.flow.settings().unit_name));

    // Staff get in with a long press on the bar's left corner; a citizen has no reason to
    // hold a finger there for three seconds.
    Touch corner = touch_area(ui, "staff_corner", Box{bar.x, bar.y, 4 * em, bar.h});
    ui.flow.hold_staff_corner(corner.held);
    if (ui.flow.screen() != Screen::welcome) {
        return;
    }

    Box content = page.inset(page_margin(em), 0.8f * em);

    // Footer: the official at the desk, and a notice for staff when ratings wait unsaved.
    Box footer = content.take_bottom(2.0f * em);
    if (ui.flow.staff_alert()) {
        std::string alert =
            ui.format(Str::welcome_staff_alert, {{"n", std::to_string(ui.flow.unsaved_count())}});
        Box alert_box = content.take_bottom(3.2f * em);
        banner(ui, alert_box.inset(0, 0.2f * em), alert, BannerKind::warning);
    }
    if (const auto& official = ui.flow.desk_official()) {
        draw_text(draw, ui.fonts.body, ui.format(Str::welcome_official, {{"name", official->name}}),
                  footer, theme::kTextMuted, Align::left, VAlign::middle);
    }

    // Time and date at the top right.
    Box clock_row = content.take_top(3.4f * em);
    Box time_box = clock_row.take_top(ui.fonts.heading->FontSize * 1.1f);
    draw_text(draw, ui.fonts.heading, clock_text(ui.clock), time_box, theme::kText, Align::right,
              VAlign::top);
    draw_text(draw, ui.fonts.body, date_text(ui), clock_row, theme::kTextMuted, Align::right,
              VAlign::top);

    // The invitation, centred.
    float column_width = std::min(content.w, 38.0f * em);
    Box column = content.centered(column_width, content.h);
    const std::string& title = ui.t(Str::welcome_title);
    const std::string& subtitle = ui.t(Str::welcome_subtitle);
    const std::string& scan = ui.t(Str::welcome_scan);
    const std::string& or_text = ui.t(Str::welcome_or);
    float icon_size = (is_portrait() ? 6.0f : 5.5f) * em;
    float scan_text_width = column.w - icon_size - 1.2f * em;
    float title_h = text_height(ui.fonts.title, title, column.w);
    float subtitle_h = text_height(ui.fonts.body, subtitle, column.w * 0.9f);
    float scan_h = std::max(icon_size, text_height(ui.fonts.heading, scan, scan_text_width));
    float or_h = 1.4f * em;
    float button_h = (is_portrait() ? 4.4f : 3.6f) * em;
    // The title and its subtitle read as one block; the blocks are spread evenly.
    float heading_h = title_h + 0.5f * em + subtitle_h;
    std::vector<Box> rows = stack_rows(column, {heading_h, scan_h, or_h, button_h}, 0.4f * em,
                                       (is_portrait() ? 3.0f : 1.8f) * em);
    Box heading = rows[0];
    draw_text(draw, ui.fonts.title, title, heading.take_top(title_h), theme::kBar);
    heading.take_top(0.5f * em);
    draw_text(draw, ui.fonts.body, subtitle, heading.inset(column.w * 0.05f, 0), theme::kTextMuted);

    Box scan_row = rows[1];
    Box icon_box = scan_row.take_left(icon_size);
    draw_icon(draw, "receipt", icon_box.center(), icon_size, theme::kError);
    scan_row.take_left(1.2f * em);
    draw_text(draw, ui.fonts.heading, scan, scan_row, theme::kText, Align::left);

    // "or" between two rules.
    Box or_row = rows[2];
    float or_width =
        ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, 0, or_text.c_str()).x;
    float rule_y = or_row.center().y;
    float gap = or_width * 0.5f + 0.8f * em;
    draw->AddLine(ImVec2(or_row.x + column.w * 0.15f, rule_y),
                  ImVec2(or_row.center().x - gap, rule_y), theme::kBorder, 0.06f * em);
    draw->AddLine(ImVec2(or_row.center().x + gap, rule_y),
                  ImVec2(or_row.x + or_row.w - column.w * 0.15f, rule_y), theme::kBorder,
                  0.06f * em);
    draw_text(draw, ui.fonts.body, or_text, or_row, theme::kTextMuted);

    Box button_box = rows[3].centered(std::min(column.w, 24.0f * em), button_h);
    if (button(ui, "start", button_box, ui.t(Str::welcome_type_code), ButtonKind::primary)) {
        ui.flow.begin_code_entry();
    }
}

}  // namespace motcua::kiosk::ui
