// "Are you still there?": over the screen, in its own window on top, so the touch that answers
// it does not also press a button underneath.

#include <cmath>
#include <string>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_countdown_overlay(Ui& ui, int seconds_left) {
    float em = ui.em();
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::SetNextWindowFocus();
    ImGui::Begin("##countdown", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                     ImGuiWindowFlags_NoNav);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box screen = screen_box();
    draw->AddRectFilled(screen.min(), screen.max(), theme::kShade);

    float width = std::min(screen.w * 0.9f, 26.0f * em);
    float inner_w = width - 2.8f * em;
    const std::string& title = ui.t(Str::countdown_title);
    std::string body = ui.format(Str::countdown_body, {{"n", std::to_string(seconds_left)}});
    float title_h = text_height(ui.fonts.heading, title, inner_w);
    float body_h = text_height(ui.fonts.body, body, inner_w);
    float ring_h = 6.0f * em;
    float button_h = 3.2f * em;
    float gap = 0.8f * em;
    float height = title_h + ring_h + body_h + button_h + 3 * gap + 2.4f * em;
    Box card = screen.centered(width, std::min(screen.h * 0.9f, height));
    draw->AddRectFilled(card.min(), card.max(), theme::kSurface, 0.8f * em);
    Box inner = card.inset(1.4f * em, 1.2f * em);
    draw_text(draw, ui.fonts.heading, title, inner.take_top(title_h), theme::kText);
    inner.take_top(gap);

    // The seconds in a ring that empties as they run out.
    Box ring = inner.take_top(ring_h);
    ImVec2 c = ring.center();
    float r = 2.6f * em;
    int total = std::max(1, ui.flow.settings().countdown_seconds);
    float share = static_cast<float>(seconds_left) / static_cast<float>(total);
    draw->AddCircle(c, r, IM_COL32(0xDD, 0xE3, 0xEC, 0xFF), 64, 0.45f * em);
    const float start = -3.14159265f / 2;
    draw->PathArcTo(c, r, start, start + share * 2 * 3.14159265f, 64);
    draw->PathStroke(theme::kPrimary, 0, 0.45f * em);
    draw_text(draw, ui.fonts.digits, std::to_string(seconds_left), ring, theme::kText);
    inner.take_top(gap);

    draw_text(draw, ui.fonts.body, body, inner.take_top(body_h), theme::kTextMuted);
    inner.take_top(gap);
    // Any touch keeps the rating (see draw_kiosk); this button says so.
    if (button(ui, "countdown.continue", inner.take_top(button_h), ui.t(Str::countdown_continue),
               ButtonKind::primary)) {
        ui.flow.on_pointer();
    }
    ImGui::End();
}

}  // namespace motcua::kiosk::ui
