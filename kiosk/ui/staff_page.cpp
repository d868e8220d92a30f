#include "kiosk/ui/staff_page.hpp"

#include <cstdio>

#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

Str role_text(StaffRole role) {
    switch (role) {
        case StaffRole::official:
            return Str::staff_role_official;
        case StaffRole::supervisor:
            return Str::staff_role_supervisor;
        case StaffRole::admin:
            return Str::staff_role_admin;
    }
    return Str::staff_role_official;
}

Box staff_page(Ui& ui, std::string_view title, bool& left_staff, Box* actions) {
    float em = ui.em();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)), title);
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box slot = bottom.inset(0, 0.6f * em);
    slot.w = std::min(12.0f * em, slot.w * 0.45f);
    left_staff =
        button(ui, "staff.menu", slot, ui.t(Str::staff_menu_back), ButtonKind::secondary, "back");
    if (left_staff) {
        ui.flow.back_to_staff_menu();
    }
    if (actions) {
        Box rest = bottom.inset(0, 0.6f * em);
        rest.take_left(slot.w + 1.0f * em);
        *actions = rest;
    }
    return page.inset(margin, 1.0f * em);
}

float fact_row(Ui& ui, Box& column, std::string_view label, std::string_view value) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float label_w = std::min(15.0f * em, column.w * 0.42f);
    float value_w = column.w - label_w - 0.8f * em;
    // As tall as the longer of the two (a long label wraps too), within 3.2 em.
    float height = std::min(std::max(text_height(ui.fonts.bold, value, value_w),
                                     text_height(ui.fonts.body, label, label_w)),
                            3.2f * em);
    height = std::max(height, 1.5f * em);
    Box row = column.take_top(height);
    column.take_top(0.35f * em);
    Box label_box = row.take_left(label_w);
    row.take_left(0.8f * em);
    draw_text(draw, ui.fonts.body, label, label_box, theme::kTextMuted, Align::left, VAlign::top,
              0.7f);
    draw_text(draw, ui.fonts.bold, value, row, theme::kText, Align::left, VAlign::top, 0.5f);
    draw->AddLine(ImVec2(label_box.x, row.y + row.h + 0.17f * em),
                  ImVec2(row.x + row.w, row.y + row.h + 0.17f * em), theme::kSecondaryPressed,
                  0.05f * em);
    return height;
}

std::string local_time_text(const Clock& clock, UtcMillis when) {
    int offset = clock.utc_offset_minutes(when);
    std::string date = local_date(when, offset);  // YYYY-MM-DD
    std::int64_t minutes = when / 60000 + offset;
    std::int64_t minute_of_day = ((minutes % 1440) + 1440) % 1440;
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d %s/%s/%s", static_cast<int>(minute_of_day / 60),
                  static_cast<int>(minute_of_day % 60), date.substr(8, 2).c_str(),
                  date.substr(5, 2).c_str(), date.substr(0, 4).c_str());
    return text;
}

}  // namespace motcua::kiosk::ui
