// The answers before sending; a tap on a line changes that answer.

#include <string>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_review_screen(Ui& ui) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)),
            ui.format(Str::dossier_label, {{"code", ui.flow.dossier_code()}}));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box content = page.inset(margin, 0.8f * em);

    draw_text(draw, ui.fonts.heading, ui.t(Str::review_title),
              content.take_top(ui.fonts.heading->FontSize * 1.2f), theme::kText);
    content.take_top(0.5f * em);

    // One line per question, as tall as the screen allows, separated by rules.
    std::vector<ReviewRow> rows = ui.flow.review_rows();
    int n = static_cast<int>(rows.size());
    bool portrait = is_portrait();
    float row_h =
        std::min((portrait ? 5.0f : 3.6f) * em, content.h / static_cast<float>(std::max(1, n)));
    Box list = content.take_top(row_h * static_cast<float>(n));
    draw->AddRectFilled(list.min(), list.max(), theme::kSurface, 0.4f * em);
    draw->AddRect(list.min(), list.max(), theme::kBorder, 0.4f * em, 0, 0.06f * em);
    for (int i = 0; i < n; ++i) {
        const ReviewRow& row = rows[static_cast<std::size_t>(i)];
        Box line = list.row(i, n, 0);
        Touch touch = touch_area(ui, "review.row." + std::to_string(i), line);
        if (touch.pressed) {
            draw->AddRectFilled(line.min(), line.max(), theme::kSecondaryPressed, 0.4f * em);
        }
        if (i > 0) {
            draw->AddLine(line.min(), ImVec2(line.x + line.w, line.y), theme::kBorder, 0.05f * em);
        }
        Box inner = line.inset(0.7f * em, 0.15f * em);
        Box change = inner.take_right(portrait ? 2.6f * em : 3.4f * em);
        draw_text(draw, ui.fonts.bold, ui.t(Str::review_change), change, theme::kPrimary,
                  Align::right);
        Box answer = inner.take_right(inner.w * (portrait ? 0.40f : 0.34f));
        inner.take_right(0.6f * em);
        draw_text(draw, ui.fonts.body, ui.text(row.question->text), inner, theme::kText,
                  Align::left, VAlign::middle, 0.75f);
        if (row.answer) {
            theme::AnswerColors colors = theme::answer_colors(row.answer->color);
            float icon = std::min(answer.h, 1.8f * em);
            Box icon_box = answer.take_left(icon);
            if (draw_icon(draw, row.answer->icon, icon_box.center(), icon, colors.icon)) {
                answer.take_left(0.4f * em);
            } else {
                answer.x = icon_box.x;
                answer.w += icon;
            }
            std::string label = ui.text(row.answer->label);
            if (row.follow_ups > 0) {
                label += "  " +
                         ui.format(Str::review_follow_ups, {{"n", std::to_string(row.follow_ups)}});
            }
            draw_text(draw, ui.fonts.bold, label, answer, theme::kText, Align::left, VAlign::middle,
                      0.75f);
        } else {
            draw_text(draw, ui.fonts.body, ui.t(Str::review_skipped), answer, theme::kTextMuted,
                      Align::left);
        }
        if (touch.tapped) {
            ui.flow.edit_answer(static_cast<std::size_t>(i));
            return;
        }
    }

    if (back_button(ui, bottom)) {
        ui.flow.go_back();
        return;
    }
    Box slot = bottom.inset(0, 0.6f * em);
    Box send = slot.take_right(std::min(13.0f * em, slot.w * 0.4f));
    if (button(ui, "send", send, ui.t(Str::review_send), ButtonKind::primary)) {
        ui.flow.send();
        return;
    }
    // Between the two buttons: how to change an answer.
    slot.take_left(std::min(9.5f * em, bottom.w * 0.3f) + 0.8f * em);
    slot.take_right(0.8f * em);
    draw_text(draw, ui.fonts.body, ui.t(Str::review_hint), slot, theme::kTextMuted);
}

}  // namespace motcua::kiosk::ui
