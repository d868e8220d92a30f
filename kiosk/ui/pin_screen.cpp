// The staff PIN pad: dots for the digits typed, a reason when refused, a keypad.

#include <string>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

void draw_pin_entry(Ui& ui, Box area) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw_text(draw, ui.fonts.heading, ui.t(Str::pin_hint), area.take_top(2.2f * em), theme::kText);
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
    if (ui.flow.pin_problem() != PinProblem::none) {
        Str text = ui.flow.pin_problem() == PinProblem::locked ? Str::pin_locked : Str::pin_wrong;
        banner(ui, area, ui.t(text), BannerKind::error);
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

    Box entry = content;
    Box pad = content;
    if (is_portrait()) {
        entry = content.take_top(10.0f * em).centered(std::min(content.w, 20.0f * em), 10.0f * em);
        pad = content.centered(std::min(content.w, 20.0f * em), std::min(content.h, 18.0f * em));
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
