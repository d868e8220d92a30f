// Why the citizen is at the counter: shown only when the form is used at several stages.

#include <string>

#include "kiosk/ui/choice_card.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

const char* stage_icon(Stage stage) {
    switch (stage) {
        case Stage::intake:
            return "stage_intake";
        case Stage::supplement:
            return "stage_supplement";
        case Stage::refusal:
            return "stage_refusal";
        case Stage::result_return:
            return "stage_return";
    }
    return "";
}

}  // namespace

void draw_stage_screen(Ui& ui) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)),
            ui.format(Str::dossier_label, {{"code", ui.flow.dossier_code()}}));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box content = page.inset(margin, 1.0f * em);

    const std::string& title = ui.t(Str::stage_title);
    Box title_box = content.take_top(text_height(ui.fonts.heading, title, content.w));
    draw_text(draw, ui.fonts.heading, title, title_box, theme::kText);
    content.take_top(0.3f * em);
    draw_text(draw, ui.fonts.body, ui.t(Str::stage_hint), content.take_top(1.4f * em),
              theme::kTextMuted);
    content.take_top(1.0f * em);

    const std::vector<Stage>& stages = ui.flow.form().stages;
    int n = static_cast<int>(stages.size());
    bool portrait = is_portrait();
    Box cards = portrait ? content.centered(content.w, std::min(content.h, n * 6.0f * em))
                         : content.centered(std::min(content.w, n * 11.0f * em),
                                            std::min(content.h, 13.0f * em));
    for (int i = 0; i < n; ++i) {
        Box card = portrait ? cards.row(i, n, 0.8f * em) : cards.column(i, n, 1.0f * em);
        std::string label = ui.text(stage_label(stages[i]));
        CardLook look{label, stage_icon(stages[i]), "blue", i + 1,
                      ui.flow.stage_highlight() == static_cast<std::size_t>(i)};
        if (choice_card(ui, "stage." + std::to_string(i), card, look,
                        portrait ? CardShape::wide : CardShape::tall)) {
            ui.flow.choose_stage(stages[i]);
            return;
        }
    }
    if (back_button(ui, bottom)) {
        ui.flow.go_back();
    }
}

}  // namespace motcua::kiosk::ui
