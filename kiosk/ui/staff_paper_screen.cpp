// A supervisor types in a paper form (PaperEntry): the dossier code on the keypad (or a
// keyboard or scanner), the stage, one question at a time, the official, a review, then save.
// The form's date shows on the code step and the review, and is changed on the date step.
// The outcome of the last save stays on top until the next form is under way.
//
// [SECTION] index: messages, code, date, stage, question, official, review, screen.

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/code_keypad.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_page.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

// The right end of the bottom bar: `count` buttons from the right, sharing it evenly, each up
// to 12 em wide.
struct ActionBar {
    Box rest;
    int count = 2;
    bool add(Ui& ui, const std::string& name, std::string_view label, ButtonKind kind) {
        float gap = 0.8f * ui.em();
        if (slot_width == 0) {
            slot_width = std::min(12.0f * ui.em(), (rest.w - gap * static_cast<float>(count - 1)) /
                                                       static_cast<float>(std::max(count, 1)));
        }
        Box slot = rest.take_right(slot_width);
        rest.take_right(gap);
        return button(ui, name, slot, label, kind);
    }

  private:
    float slot_width = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Messages
//-----------------------------------------------------------------------------

// The banner for the entry's message, cut off the top of `column`.
void draw_message(Ui& ui, Box& column) {
    const PaperEntry& paper = ui.flow.paper();
    std::string text;
    BannerKind kind = BannerKind::error;
    switch (paper.message()) {
        case PaperMessage::none:
            return;
        case PaperMessage::code_refused:
            text = ui.format(Str::paper_code_refused, {{"example", paper.code_rules().example}});
            break;
        case PaperMessage::already_rated:
            text = ui.format(Str::paper_already_rated,
                             {{"code", paper.dossier_code().empty() ? paper.code_text()
                                                                    : paper.dossier_code()}});
            break;
        case PaperMessage::answer_needed:
            text = ui.t(Str::paper_answer_needed);
            kind = BannerKind::warning;
            break;
        case PaperMessage::save_failed:
            text = ui.t(Str::paper_save_failed);
            break;
        case PaperMessage::saved:
            text = ui.format(Str::paper_saved, {{"code", paper.saved_code()}});
            kind = BannerKind::info;
            break;
        case PaperMessage::date_in_future:
            text = ui.t(Str::paper_date_in_future);
            kind = BannerKind::warning;
            break;
        case PaperMessage::date_too_old:
            text = ui.format(Str::paper_date_too_old,
                             {{"days", std::to_string(PaperEntry::kMaxDaysBack)}});
            kind = BannerKind::warning;
            break;
    }
    column.take_top(banner(ui, column, text, kind));
    column.take_top(0.6f * ui.em());
}

// "Dossier …  ·  Stage …" once the code is accepted.
void draw_context(Ui& ui, Box& column) {
    const PaperEntry& paper = ui.flow.paper();
    if (paper.dossier_code().empty()) {
        return;
    }
    std::string line = ui.format(Str::dossier_label, {{"code", paper.dossier_code()}});
    if (paper.stage()) {
        line += "   ·   " + ui.t(Str::paper_stage) + ": " + ui.text(stage_label(*paper.stage()));
    }
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.bold, line, column.take_top(1.6f * ui.em()),
              theme::kTextMuted, Align::left, VAlign::middle, 0.5f);
    column.take_top(0.4f * ui.em());
}

//-----------------------------------------------------------------------------
// [SECTION] Code
//-----------------------------------------------------------------------------

void draw_code_step(Ui& ui, Box content, ActionBar& actions) {
    PaperEntry& paper = ui.flow.paper();
    Box rest;
    KeypadPress press = draw_code_panel(
        ui, content,
        {[&ui](Box& column) { draw_message(ui, column); }, ui.t(Str::paper_code_instruction),
         paper.code_text(), paper.code_problem() != DossierCodeProblem::none},
        rest);
    if (press.kind == KeypadPress::Kind::erase) {
        paper.erase_last();
        return;
    }
    if (press.kind == KeypadPress::Kind::type) {
        paper.type_on_keypad(press.text);
        return;
    }
    // The form's date under the example, in the warning colour when it is not today so a
    // supervisor typing today's forms after older ones sees it.
    float em = ui.em();
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.bold,
              ui.format(Str::paper_date_line, {{"date", long_date(ui, paper.form_date())}}),
              rest.take_top(1.6f * em), paper.days_back() == 0 ? theme::kText : theme::kWarning,
              Align::left, VAlign::middle, 0.5f);
    rest.take_top(0.4f * em);
    Box change = rest.take_top(2.8f * em);
    change.w = std::min(change.w, 12.0f * em);
    if (button(ui, "paper.date.change", change, ui.t(Str::paper_date_change),
               ButtonKind::secondary)) {
        paper.change_date();
        return;
    }
    actions.count = 2;
    if (actions.add(ui, "paper.code.ok", ui.t(Str::paper_find), ButtonKind::primary)) {
        paper.submit_code();
        return;
    }
    if (!paper.code_text().empty() &&
        actions.add(ui, "paper.code.clear", ui.t(Str::code_clear), ButtonKind::quiet)) {
        paper.clear_code();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Date
//-----------------------------------------------------------------------------

// Buttons in a grid of `columns`, at most 4 em tall; returns the index tapped.
std::optional<std::size_t> button_grid(Ui& ui, const Box& area, const std::string& name,
                                       const std::vector<std::string>& labels, int columns,
                                       std::optional<std::size_t> marked);

// "Today", "Yesterday", then "Monday 23/11" for `days` days before today.
std::string recent_day_label(const Ui& ui, const PaperEntry& paper, int days) {
    if (days == 0) {
        return ui.t(Str::paper_date_today);
    }
    if (days == 1) {
        return ui.t(Str::paper_date_yesterday);
    }
    std::string date = civil_from_days(days_from_civil(paper.today()) - days);
    return ui.t(weekday_name(date)) + " " + date.substr(8, 2) + "/" + date.substr(5, 2);
}

// The date written on the form: the day before or after, or one of the last days at a tap.
void draw_date_step(Ui& ui, Box column, ActionBar& actions) {
    PaperEntry& paper = ui.flow.paper();
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw_message(ui, column);
    draw_text(draw, ui.fonts.heading, ui.t(Str::paper_date_question), column.take_top(2.4f * em),
              theme::kText, Align::left, VAlign::middle, 0.6f);
    column.take_top(0.8f * em);

    // [ Day before ]   Wednesday 25/11/2026   [ Day after ]
    Box stepper = column.take_top(4.0f * em);
    float side = std::min(10.0f * em, stepper.w * 0.28f);
    Box previous = stepper.take_left(side);
    Box next = stepper.take_right(side);
    stepper = stepper.inset(0.6f * em, 0);
    draw->AddRectFilled(stepper.min(), stepper.max(), theme::kSurface, 0.4f * em);
    draw->AddRect(stepper.min(), stepper.max(), theme::kPrimary, 0.4f * em, 0, 0.12f * em);
    draw_text(draw, ui.fonts.heading, long_date(ui, paper.form_date()),
              stepper.inset(0.6f * em, 0.2f * em), theme::kText, Align::center, VAlign::middle,
              0.5f);
    if (button(ui, "paper.date.previous", previous, ui.t(Str::paper_date_previous),
               paper.days_back() < PaperEntry::kMaxDaysBack ? ButtonKind::secondary
                                                            : ButtonKind::quiet)) {
        paper.previous_day();
        return;
    }
    if (button(ui, "paper.date.next", next, ui.t(Str::paper_date_next),
               paper.days_back() > 0 ? ButtonKind::secondary : ButtonKind::quiet)) {
        paper.next_day();
        return;
    }
    column.take_top(0.6f * em);
    const std::string hint =
        ui.format(Str::paper_date_hint, {{"days", std::to_string(PaperEntry::kMaxDaysBack)}});
    draw_text(draw, ui.fonts.body, hint,
              column.take_top(std::min(text_height(ui.fonts.body, hint, column.w), 3.0f * em)),
              theme::kTextMuted, Align::left, VAlign::top, 0.7f);
    column.take_top(1.0f * em);

    // The last eight days, one tap each.
    constexpr int kRecentDays = 8;
    std::vector<std::string> labels;
    for (int days = 0; days < kRecentDays; ++days) {
        labels.push_back(recent_day_label(ui, paper, days));
    }
    std::optional<std::size_t> marked;
    if (paper.days_back() >= 0 && paper.days_back() < kRecentDays) {
        marked = static_cast<std::size_t>(paper.days_back());
    }
    int columns = is_portrait() ? 2 : 4;
    Box grid = column.take_top(std::min(column.h, (kRecentDays / columns) * 4.6f * em));
    if (std::optional<std::size_t> tapped =
            button_grid(ui, grid, "paper.date.day", labels, columns, marked)) {
        paper.choose_days_back(static_cast<int>(*tapped));
        return;
    }
    actions.count = 2;
    if (actions.add(ui, "paper.date.done", ui.t(Str::paper_date_done), ButtonKind::primary)) {
        paper.confirm_date();
        return;
    }
    if (actions.add(ui, "paper.back", ui.t(Str::common_back), ButtonKind::quiet)) {
        paper.back();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Stage
//-----------------------------------------------------------------------------

// Buttons in a grid of `columns`, at most 4 em tall; returns the index tapped.
std::optional<std::size_t> button_grid(Ui& ui, const Box& area, const std::string& name,
                                       const std::vector<std::string>& labels, int columns,
                                       std::optional<std::size_t> marked) {
    float em = ui.em();
    float gap = 0.6f * em;
    int rows = (static_cast<int>(labels.size()) + columns - 1) / columns;
    float row_h = std::clamp((area.h + gap) / static_cast<float>(std::max(rows, 1)) - gap,
                             2.4f * em, 4.0f * em);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        int row = static_cast<int>(i) / columns;
        Box line{area.x, area.y + static_cast<float>(row) * (row_h + gap), area.w, row_h};
        Box cell = line.column(static_cast<int>(i) % columns, columns, gap);
        ButtonKind kind = marked && *marked == i ? ButtonKind::primary : ButtonKind::secondary;
        if (button(ui, name + "." + std::to_string(i), cell, labels[i], kind)) {
            return i;
        }
    }
    return std::nullopt;
}

void draw_stage_step(Ui& ui, Box column, ActionBar& actions) {
    PaperEntry& paper = ui.flow.paper();
    float em = ui.em();
    draw_message(ui, column);
    draw_context(ui, column);
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.heading, ui.t(Str::paper_stage_question),
              column.take_top(2.4f * em), theme::kText, Align::left, VAlign::middle, 0.6f);
    column.take_top(0.6f * em);
    std::vector<std::string> labels;
    for (Stage stage : paper.form().stages) {
        labels.push_back(ui.text(stage_label(stage)));
    }
    if (std::optional<std::size_t> tapped =
            button_grid(ui, column, "paper.stage", labels, is_portrait() ? 1 : 2, std::nullopt)) {
        paper.choose_stage(*tapped);
        return;
    }
    actions.count = 1;
    if (actions.add(ui, "paper.back", ui.t(Str::common_back), ButtonKind::quiet)) {
        paper.back();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Question
//-----------------------------------------------------------------------------

void draw_question_step(Ui& ui, Box column, ActionBar& actions) {
    PaperEntry& paper = ui.flow.paper();
    const Question* question = paper.question();
    if (!question) {
        return;
    }
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw_message(ui, column);
    draw_context(ui, column);
    draw_text(
        draw, ui.fonts.body,
        ui.format(Str::paper_question_of, {{"n", std::to_string(paper.position() + 1)},
                                           {"total", std::to_string(paper.question_count())}}),
        column.take_top(1.5f * em), theme::kTextMuted, Align::left);
    const std::string& text = ui.text(question->text);
    draw_text(draw, ui.fonts.heading, text,
              column.take_top(std::min(text_height(ui.fonts.heading, text, column.w), 4.4f * em)),
              theme::kText, Align::left, VAlign::top, 0.6f);
    column.take_top(0.8f * em);

    std::vector<std::string> options;
    for (const AnswerOption& option : question->options) {
        options.push_back(ui.text(option.label));
    }
    int columns = is_portrait() ? 1 : static_cast<int>(std::min<std::size_t>(options.size(), 4));
    float options_h = is_portrait() ? static_cast<float>(options.size()) * 3.8f * em : 4.4f * em;
    Box option_area = column.take_top(std::min(options_h, column.h));
    if (std::optional<std::size_t> tapped = button_grid(ui, option_area, "paper.option", options,
                                                        columns, paper.chosen(paper.position()))) {
        paper.choose_option(*tapped);
        return;
    }
    if (paper.follow_up_shown()) {
        const FollowUp& follow_up = *question->follow_up;
        column.take_top(1.0f * em);
        draw_text(draw, ui.fonts.bold, ui.t(Str::paper_follow_up), column.take_top(1.6f * em),
                  theme::kText, Align::left);
        column.take_top(0.4f * em);
        // The choices tick on and off, three to a row on a landscape screen.
        int per_row = is_portrait() ? 1 : 3;
        float gap = 0.5f * em;
        for (std::size_t i = 0; i < follow_up.choices.size(); ++i) {
            int row = static_cast<int>(i) / per_row;
            Box line{column.x, column.y + static_cast<float>(row) * (2.6f * em + gap), column.w,
                     2.6f * em};
            Box cell = line.column(static_cast<int>(i) % per_row, per_row, gap);
            bool picked = paper.follow_up_picked(i);
            if (button(ui, "paper.follow_up." + std::to_string(i), cell,
                       ui.text(follow_up.choices[i].label),
                       picked ? ButtonKind::primary : ButtonKind::secondary)) {
                paper.toggle_follow_up(i);
                return;
            }
        }
    }
    actions.count = question->skippable ? 3 : 2;
    if (actions.add(ui, "paper.next", ui.t(Str::common_next), ButtonKind::primary)) {
        paper.next_question();
        return;
    }
    if (question->skippable &&
        actions.add(ui, "paper.skip", ui.t(Str::common_skip), ButtonKind::secondary)) {
        paper.skip_question();
        return;
    }
    if (actions.add(ui, "paper.back", ui.t(Str::common_back), ButtonKind::quiet)) {
        paper.back();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Official
//-----------------------------------------------------------------------------

void draw_official_step(Ui& ui, Box column, ActionBar& actions) {
    PaperEntry& paper = ui.flow.paper();
    float em = ui.em();
    draw_message(ui, column);
    draw_context(ui, column);
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.heading, ui.t(Str::paper_official_question),
              column.take_top(2.4f * em), theme::kText, Align::left, VAlign::middle, 0.6f);
    column.take_top(0.6f * em);
    std::vector<std::string> labels;
    std::optional<std::size_t> marked;
    for (std::size_t i = 0; i < paper.officials().size(); ++i) {
        const StaffMember& member = paper.officials()[i];
        labels.push_back(member.name + " (" + member.id + ")");
        if (paper.official_chosen() && paper.official() && paper.official()->id == member.id) {
            marked = i;
        }
    }
    labels.push_back(ui.t(Str::paper_official_none));
    if (paper.official_chosen() && !paper.official()) {
        marked = labels.size() - 1;
    }
    if (std::optional<std::size_t> tapped =
            button_grid(ui, column, "paper.official", labels, is_portrait() ? 1 : 2, marked)) {
        if (*tapped + 1 == labels.size()) {
            paper.choose_official(std::nullopt);
        } else {
            paper.choose_official(*tapped);
        }
        return;
    }
    actions.count = 1;
    if (actions.add(ui, "paper.back", ui.t(Str::common_back), ButtonKind::quiet)) {
        paper.back();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Review
//-----------------------------------------------------------------------------

void draw_review_step(Ui& ui, Box content, ActionBar& actions) {
    PaperEntry& paper = ui.flow.paper();
    float em = ui.em();
    draw_message(ui, content);
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.heading, ui.t(Str::paper_review_title),
              content.take_top(2.2f * em), theme::kText, Align::left, VAlign::middle, 0.6f);
    content.take_top(0.4f * em);

    // A tap on the date's, the official's or an answer's line changes it; the code and stage
    // stay.
    enum class Edit { none, date, official, answer };
    struct Row {
        Edit edit = Edit::none;
        std::size_t question = 0;
        std::string label;
        std::string value;
    };
    std::vector<Row> rows;
    rows.push_back({Edit::none, 0, ui.t(Str::paper_dossier), paper.dossier_code()});
    if (paper.stage()) {
        rows.push_back(
            {Edit::none, 0, ui.t(Str::paper_stage), ui.text(stage_label(*paper.stage()))});
    }
    rows.push_back({Edit::date, 0, ui.t(Str::paper_date), long_date(ui, paper.form_date())});
    rows.push_back({Edit::official, 0, ui.t(Str::paper_official),
                    paper.official() ? paper.official()->name + " (" + paper.official()->id + ")"
                                     : ui.t(Str::paper_official_none)});
    std::vector<const Question*> questions = paper.form().questions_for(*paper.stage());
    for (std::size_t i = 0; i < questions.size(); ++i) {
        std::optional<std::size_t> chosen = paper.chosen(i);
        std::string value =
            chosen ? ui.text(questions[i]->options[*chosen].label) : ui.t(Str::paper_skipped);
        std::size_t follow_ups = paper.follow_up_ids(i).size();
        if (follow_ups > 0) {
            value += " (+" + std::to_string(follow_ups) + ")";
        }
        rows.push_back({Edit::answer, i, ui.text(questions[i]->text), value});
    }
    int columns = is_portrait() ? 1 : 2;
    std::size_t per_column = (rows.size() + columns - 1) / columns;
    for (int c = 0; c < columns; ++c) {
        Box column = content.column(c, columns, 1.6f * em);
        for (std::size_t i = c * per_column; i < std::min(rows.size(), (c + 1) * per_column); ++i) {
            Box before = column;
            fact_row(ui, column, rows[i].label, rows[i].value);
            Box line{before.x, before.y, before.w, column.y - before.y};
            const Row& row = rows[i];
            if (row.edit == Edit::date && touch_area(ui, "paper.edit.date", line).tapped) {
                paper.change_date();
                return;
            }
            if (row.edit == Edit::official && touch_area(ui, "paper.edit.official", line).tapped) {
                paper.edit_official();
                return;
            }
            if (row.edit == Edit::answer &&
                touch_area(ui, "paper.edit." + std::to_string(row.question), line).tapped) {
                paper.edit_answer(row.question);
                return;
            }
        }
    }
    actions.count = 2;
    if (actions.add(ui, "paper.save", ui.t(Str::paper_save), ButtonKind::primary)) {
        paper.save();
        return;
    }
    if (actions.add(ui, "paper.back", ui.t(Str::common_back), ButtonKind::quiet)) {
        paper.back();
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Screen
//-----------------------------------------------------------------------------

void draw_staff_paper_screen(Ui& ui) {
    bool left = false;
    ActionBar actions;
    Box content = staff_page(ui, ui.t(Str::paper_title), left, &actions.rest);
    if (left || !ui.flow.paper().active()) {
        return;
    }
    switch (ui.flow.paper().step()) {
        case PaperStep::code:
            draw_code_step(ui, content, actions);
            break;
        case PaperStep::stage:
            draw_stage_step(ui, content.centered(std::min(content.w, 48.0f * ui.em()), content.h),
                            actions);
            break;
        case PaperStep::question:
            draw_question_step(ui, content, actions);
            break;
        case PaperStep::official:
            draw_official_step(ui, content, actions);
            break;
        case PaperStep::review:
            draw_review_step(ui, content, actions);
            break;
        case PaperStep::date:
            draw_date_step(ui, content.centered(std::min(content.w, 56.0f * ui.em()), content.h),
                           actions);
            break;
    }
}

}  // namespace motcua::kiosk::ui
