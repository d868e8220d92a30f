// After a low answer: what went wrong? Choices tick on and off; continuing with none is fine.

#include <string>

#include "kiosk/ui/choice_card.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_follow_up_screen(Ui& ui) {
    const Question* question = ui.flow.question();
    if (!question || !question->follow_up) {
        return;
    }
    const FollowUp& follow_up = *question->follow_up;
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)),
            ui.format(Str::dossier_label, {{"code", ui.flow.dossier_code()}}));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box content = page.inset(margin, 1.0f * em);

    const std::string& prompt = ui.text(follow_up.prompt);
    float prompt_h = std::min(text_height(ui.fonts.heading, prompt, content.w), 4.5f * em);
    draw_text(draw, ui.fonts.heading, prompt, content.take_top(prompt_h), theme::kText);
    content.take_top(0.2f * em);
    Str hint = follow_up.multiple ? Str::follow_up_hint_multiple : Str::follow_up_hint_single;
    draw_text(draw, ui.fonts.body, ui.t(hint), content.take_top(1.4f * em), theme::kTextMuted);
    content.take_top(0.8f * em);

    int n = static_cast<int>(follow_up.choices.size());
    int columns = is_portrait() || n <= 3 ? 1 : 2;
    int rows = (n + columns - 1) / columns;
    float row_h = std::min(4.2f * em, (content.h - (rows - 1) * 0.6f * em) / rows);
    float grid_w = std::min(content.w, columns * (columns == 1 ? 26.0f : 19.0f) * em);
    Box grid = content.centered(grid_w, rows * row_h + (rows - 1) * 0.6f * em);
    for (int i = 0; i < n; ++i) {
        const AnswerOption& choice = follow_up.choices[static_cast<std::size_t>(i)];
        Box card = grid.row(i / columns, rows, 0.6f * em).column(i % columns, columns, 0.8f * em);
        CardLook look{
            ui.text(choice.label),
            "",
            choice.color.empty() ? std::string_view("blue") : std::string_view(choice.color),
            i + 1,
            ui.flow.follow_up_picked(static_cast<std::size_t>(i)),
            true};
        if (choice_card(ui, "follow_up." + std::to_string(i), card, look, CardShape::wide)) {
            ui.flow.toggle_follow_up(static_cast<std::size_t>(i));
            return;
        }
    }

    if (back_button(ui, bottom)) {
        ui.flow.go_back();
        return;
    }
    Box slot = bottom.inset(0, 0.6f * em);
    Box next = slot.take_right(std::min(11.0f * em, slot.w * 0.34f));
    if (button(ui, "next", next, ui.t(Str::common_next), ButtonKind::primary)) {
        ui.flow.finish_follow_up();
    }
}

}  // namespace motcua::kiosk::ui
