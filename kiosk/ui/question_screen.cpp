// One question per screen: the question, 2–5 big answers with icon, colour and words, progress,
// and back / skip / continue.

#include <string>

#include "kiosk/ui/choice_card.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

// "Question 3 of 7" and a row of dots, one per question.
void progress(Ui& ui, const Box& box) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    std::size_t count = ui.flow.question_count();
    std::size_t position = ui.flow.question_position();
    std::string label = ui.format(Str::question_progress, {{"i", std::to_string(position + 1)},
                                                           {"n", std::to_string(count)}});
    Box text_box = box;
    float dots_width = std::min(box.w * 0.5f, static_cast<float>(count) * 1.3f * em);
    Box dots = text_box.take_right(dots_width);
    draw_text(draw, ui.fonts.bold, label, text_box, theme::kText, Align::left);
    for (std::size_t i = 0; i < count; ++i) {
        Box cell = dots.column(static_cast<int>(i), static_cast<int>(count), 0);
        float r = std::min(cell.w * 0.3f, 0.35f * em);
        if (i <= position) {
            draw->AddCircleFilled(cell.center(), r, theme::kPrimary, 16);
        } else {
            draw->AddCircle(cell.center(), r, theme::kBorder, 16, 0.1f * em);
        }
    }
}

}  // namespace

void draw_question_screen(Ui& ui) {
    const Question* question = ui.flow.question();
    if (!question) {
        return;
    }
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)),
            ui.format(Str::dossier_label, {{"code", ui.flow.dossier_code()}}));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box content = page.inset(margin, 0.8f * em);

    progress(ui, content.take_top(1.6f * em));
    content.take_top(0.8f * em);

    const std::string& text = ui.text(question->text);
    float text_h = std::min(text_height(ui.fonts.heading, text, content.w), 5.0f * em);
    draw_text(draw, ui.fonts.heading, text, content.take_top(text_h), theme::kText);
    content.take_top(0.2f * em);
    draw_text(draw, ui.fonts.body, ui.t(Str::question_tap_hint), content.take_top(1.4f * em),
              theme::kTextMuted);
    content.take_top(0.8f * em);

    if (ui.flow.bad_scan_notice() || ui.flow.answer_hint()) {
        Str message = ui.flow.bad_scan_notice() ? Str::question_bad_scan : Str::question_hint;
        Box notice = content.take_bottom(3.0f * em);
        banner(ui, notice.inset(0, 0.2f * em), ui.t(message),
               ui.flow.bad_scan_notice() ? BannerKind::info : BannerKind::warning);
        content.take_bottom(0.4f * em);
    }

    int n = static_cast<int>(question->options.size());
    bool portrait = is_portrait();
    Box answers = portrait ? content.centered(content.w, std::min(content.h, n * 6.4f * em))
                           : content.centered(std::min(content.w, n * 11.5f * em),
                                              std::min(content.h, 13.0f * em));
    std::optional<std::size_t> selected = ui.flow.selected_option();
    for (int i = 0; i < n; ++i) {
        const AnswerOption& option = question->options[static_cast<std::size_t>(i)];
        Box card = portrait ? answers.row(i, n, 0.7f * em) : answers.column(i, n, 0.9f * em);
        CardLook look{ui.text(option.label), option.icon, option.color, i + 1,
                      selected == static_cast<std::size_t>(i)};
        if (choice_card(ui, "answer." + std::to_string(i), card, look,
                        portrait ? CardShape::wide : CardShape::tall)) {
            ui.flow.choose_option(static_cast<std::size_t>(i));
            return;
        }
    }

    if (back_button(ui, bottom)) {
        ui.flow.go_back();
        return;
    }
    Box slot = bottom.inset(0, 0.6f * em);
    if (selected) {
        Box next = slot.take_right(std::min(11.0f * em, slot.w * 0.34f));
        if (button(ui, "next", next, ui.t(Str::common_next), ButtonKind::primary)) {
            ui.flow.confirm();
            return;
        }
        slot.take_right(0.8f * em);
    }
    if (question->skippable) {
        Box skip = slot.take_right(std::min(11.0f * em, slot.w * 0.45f));
        if (button(ui, "skip", skip, ui.t(Str::common_skip), ButtonKind::quiet)) {
            ui.flow.skip_question();
        }
    }
}

}  // namespace motcua::kiosk::ui
