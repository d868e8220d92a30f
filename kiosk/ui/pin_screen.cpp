// Staff sign-in: first the list of active staff to choose who is signing in, then the PIN
// pad: dots for the digits typed, a reason when refused, a keypad.

#include <string>

#include "core/clock.hpp"

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_page.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

std::string locked_text(Ui& ui) {
    std::optional<UtcMillis> until = ui.flow.pin_locked_until();
    if (!until) {
        return ui.t(Str::pin_locked);
    }
    // Rounded up to the minute, in local time.
    UtcMillis at = *until + 59999;
    std::int64_t minutes = at / 60000 + ui.clock.utc_offset_minutes(at);
    std::int64_t minute_of_day = ((minutes % 1440) + 1440) % 1440;
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                  static_cast<int>(minute_of_day % 60));
    return ui.format(Str::pin_locked_until, {{"time", time}});
}

void draw_staff_list(Ui& ui, Box content) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box column = content.centered(std::min(content.w, 40.0f * em), content.h);
    draw_text(draw, ui.fonts.heading, ui.t(Str::pin_who), column.take_top(2.4f * em), theme::kText);
    column.take_top(0.6f * em);
    if (ui.flow.pin_problem() == PinProblem::locked) {
        column.take_top(banner(ui, column, locked_text(ui), BannerKind::error));
        column.take_top(0.8f * em);
    }
    const std::vector<StaffMember>& staff = ui.flow.pin_candidates();
    if (staff.empty()) {
        banner(ui, column, ui.t(Str::pin_no_staff), BannerKind::warning);
        return;
    }
    int columns = column.w > 30.0f * em ? 2 : 1;
    float gap = 0.6f * em;
    int rows = (static_cast<int>(staff.size()) + columns - 1) / columns;
    float row_h = std::min(4.0f * em, (column.h + gap) / static_cast<float>(rows) - gap);
    for (std::size_t i = 0; i < staff.size(); ++i) {
        int row = static_cast<int>(i) / columns;
        Box line{column.x, column.y + static_cast<float>(row) * (row_h + gap), column.w, row_h};
        Box cell = line.column(static_cast<int>(i) % columns, columns, gap);
        std::string name = "staff." + staff[i].id;
        Touch touch = touch_area(ui, name, cell);
        draw->AddRectFilled(cell.min(), cell.max(),
                            touch.pressed ? theme::kSecondaryPressed : theme::kSurface, 0.4f * em);
        draw->AddRect(cell.min(), cell.max(), theme::kBorder, 0.4f * em, 0, 0.08f * em);
        Box text = cell.inset(0.8f * em, 0.3f * em);
        Box top = text.take_top(text.h * 0.58f);
        draw_text(draw, ui.fonts.bold, staff[i].name, top, theme::kText, Align::left,
                  VAlign::bottom);
        draw_text(draw, ui.fonts.body, ui.t(role_text(staff[i].role)), text, theme::kTextMuted,
                  Align::left, VAlign::top);
        if (touch.tapped) {
            ui.flow.choose_pin_official(i);
            return;
        }
    }
}

void draw_pin_entry(Ui& ui, Box area) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::string& name = ui.flow.pin_official()->name;
    draw_text(draw, ui.fonts.heading, ui.format(Str::pin_for, {{"name", name}}),
              area.take_top(2.2f * em), theme::kText);
    area.take_top(0.5f * em);
    Box dots = area.take_top(3.0f * em);
    draw->AddRectFilled(dots.min(), dots.max(), theme::kSurface, 0.4f * em);
    draw->AddRect(dots.min(), dots.max(), theme::kPrimary, 0.4f * em, 0, 0.14f * em);
    int typed = static_cast<int>(ui.flow.pin_length());
    float step = 1.3f * em;
    float x = dots.center().x - step * static_cast<float>(typed - 1) * 0.5f;
    for (int i = 0; i < typed; ++i) {
        draw->AddCircleFilled(ImVec2(x + step * static_cast<float>(i), dots.center().y), 0.4f * em,
                              theme::kText, 16);
    }
    area.take_top(0.6f * em);
    if (ui.flow.pin_problem() == PinProblem::locked) {
        banner(ui, area, locked_text(ui), BannerKind::error);
    } else if (ui.flow.pin_problem() == PinProblem::wrong) {
        banner(ui, area, ui.t(Str::pin_wrong), BannerKind::error);
    }
}

void draw_pin_pad(Ui& ui, const Box& pad) {
    float em = ui.em();
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"};
    float gap = 0.5f * em;
    for (int i = 0; i < 12; ++i) {
        Box cell = pad.row(i / 3, 4, gap).column(i % 3, 3, gap);
        std::string key = keys[i];
        if (key == "erase") {
            if (button(ui, "pin.erase", cell, "", ButtonKind::secondary, "erase")) {
                ui.flow.erase_pin_digit();
                return;
            }
        } else if (key == "ok") {
            if (button(ui, "pin.ok", cell, ui.t(Str::pin_ok), ButtonKind::primary)) {
                ui.flow.submit_pin();
                return;
            }
        } else if (button(ui, "pin." + key, cell, key, ButtonKind::secondary)) {
            ui.flow.type_pin_digit(key[0]);
            return;
        }
    }
}

}  // namespace

void draw_pin_screen(Ui& ui) {
    float em = ui.em();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)), ui.t(Str::pin_title));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box content = page.inset(margin, 1.0f * em);

    if (!ui.flow.pin_official()) {
        draw_staff_list(ui, content);
        if (ui.flow.screen() == Screen::staff_pin && back_button(ui, bottom)) {
            ui.flow.go_back();
        }
        return;
    }
    Box entry = content;
    Box pad = content;
    if (is_portrait()) {
        // The name, the dots and the keys as one group in the middle, the keys as tall as a
        // thumb likes them: no empty band between the dots and the keys.
        float entry_h = 9.0f * em;
        float pad_h = std::min(content.h - entry_h, 24.0f * em);
        Box group = content.centered(std::min(content.w, 24.0f * em), entry_h + pad_h);
        entry = group.take_top(entry_h);
        pad = group;
    } else {
        Box left = content.take_left(content.w * 0.5f);
        entry =
            left.centered(std::min(left.w - 2.0f * em, 18.0f * em), std::min(left.h, 10.0f * em));
        pad = content.centered(std::min(content.w, 18.0f * em), std::min(content.h, 16.0f * em));
    }
    draw_pin_entry(ui, entry);
    draw_pin_pad(ui, pad);
    if (ui.flow.screen() != Screen::staff_pin) {
        return;
    }
    if (back_button(ui, bottom)) {
        ui.flow.go_back();
    }
}

}  // namespace motcua::kiosk::ui
