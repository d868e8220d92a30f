// The day's tally for staff: a day picker, then three tabs. Overview: ratings by stage and
// channel, indicator means with the total and the band for what citizens rated, overall
// satisfaction, voided ratings. Answers: a bar chart per question. By official: the officials
// at or above the minimum (an official sees only their own row). Everything comes from
// StaffReports' DayTally, the same model `motcua tally --json` prints.
//
// [SECTION] index: overview, answers, officials, screen.

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/answer_columns.hpp"
#include "kiosk/ui/bar_chart.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_report_widgets.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

// Colours of the bars by the answer's points: full points green, none red, others amber;
// answers without points (not applicable, flags) blue.
ImU32 bar_color(const OptionShare& option) {
    if (!option.points) {
        return theme::kInfo;
    }
    if (*option.points >= 2) {
        return theme::kSuccess;
    }
    return *option.points == 0 ? theme::kError : theme::kWarning;
}

std::vector<BarRow> bar_rows(const Ui& ui, const QuestionDistribution& question) {
    std::vector<BarRow> rows;
    for (const OptionShare& option : question.options) {
        rows.push_back({ui.text(option.label), option.count, option.percent, bar_color(option)});
    }
    return rows;
}

// One line of label and figure, the figure right-aligned.
void figure_line(Ui& ui, Box& column, float height, const std::string& label,
                 const std::string& figure) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box line = column.take_top(height);
    Box right = line.take_right(std::min(line.w * 0.35f, 9.0f * ui.em()));
    draw_text(draw, ui.fonts.body, label, line, theme::kText, Align::left, VAlign::middle, 0.5f);
    draw_text(draw, ui.fonts.bold, figure, right, theme::kText, Align::right, VAlign::middle, 0.5f);
}

// The share of its preferred height a block may use: 1 when it fits, less to squeeze it in.
float fit_factor(float available, float preferred) {
    return preferred <= 0 ? 1.0f : std::clamp(available / preferred, 0.55f, 1.0f);
}

//-----------------------------------------------------------------------------
// [SECTION] Overview
//-----------------------------------------------------------------------------

void draw_counts(Ui& ui, Box column, const DayTally& tally) {
    float em = ui.em();
    std::vector<const StageChannelFigure*> lines;
    for (const StageChannelFigure& figure : tally.by_stage_channel) {
        // Paper forms are rare: their lines only when there are some.
        if (figure.ratings > 0 || figure.channel == Channel::kiosk) {
            lines.push_back(&figure);
        }
    }
    const QuestionDistribution* overall = nullptr;
    for (const ExtraShares& extra : tally.extras) {
        if (extra.extra_id == "overall" && !extra.questions.empty()) {
            overall = &extra.questions.front();
        }
    }
    std::size_t bars = overall ? overall->options.size() : 0;
    float preferred = 2 * 1.9f * em + static_cast<float>(lines.size()) * 1.5f * em + 0.6f * em +
                      bar_chart_height(bars, em);
    float k = fit_factor(column.h, preferred);

    section_heading(ui, column, ui.t(Str::reports_by_stage));
    for (const StageChannelFigure* figure : lines) {
        std::string label = ui.text(stage_label(figure->stage)) + " — " +
                            ui.t(figure->channel == Channel::kiosk ? Str::reports_channel_kiosk
                                                                   : Str::reports_channel_paper);
        figure_line(ui, column, 1.5f * em * k, label, std::to_string(figure->ratings));
    }
    column.take_top(0.6f * em * k);
    section_heading(ui, column, ui.t(Str::reports_overall));
    if (overall) {
        std::vector<BarRow> rows = bar_rows(ui, *overall);
        draw_bar_chart(ImGui::GetWindowDrawList(), ui.fonts.body,
                       column.take_top(std::min(column.h, bar_chart_height(rows.size(), em))), rows,
                       em);
    }
}

void draw_indicators(Ui& ui, Box column, const DayTally& tally) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float em = ui.em();
    const ScoreRow& scores = tally.scores;
    // The lines share what the total and the band's banner (about 5 em) leave.
    float line_h = 1.45f * em *
                   fit_factor(column.h - 1.9f * em - 5.5f * em,
                              static_cast<float>(scores.figures.size()) * 1.45f * em);
    section_heading(ui, column, ui.t(Str::reports_indicators));
    for (std::size_t i = 0; i < scores.figures.size(); ++i) {
        const IndicatorFigure& figure = scores.figures[i];
        const IndicatorDef& definition = tally.profile.indicators[i];
        Box line = column.take_top(line_h);
        Box count = line.take_right(4.5f * em);
        Box mean = line.take_right(5.5f * em);
        std::string label = figure.indicator + "  " + ui.text(definition.name);
        bool present = figure.value.has_value();
        ImU32 color = present ? theme::kText : theme::kTextMuted;
        draw_text(draw, ui.fonts.body, label, line, color, Align::left, VAlign::middle, 0.45f);
        draw_text(draw, present ? ui.fonts.bold : ui.fonts.body,
                  present ? display_number(ui, *figure.value, 2) : ui.t(Str::reports_missing), mean,
                  color, Align::right, VAlign::middle, 0.5f);
        if (present) {
            draw_text(draw, ui.fonts.body, "n = " + std::to_string(figure.count), count,
                      theme::kTextMuted, Align::right, VAlign::middle, 0.5f);
        }
    }
    column.take_top(0.5f * em);
    std::string total = display_number(ui, scores.total, 2);
    std::string max = display_number(ui, scores.max_present, 0);
    std::string line;
    if (scores.band) {
        line = ui.format(Str::reports_official_band,
                         {{"total", total},
                          {"max", max},
                          {"band", display_band(ui, tally.profile, *scores.band)}});
        column.take_top(banner(ui, column, line, BannerKind::info));
        return;
    }
    draw_text(draw, ui.fonts.body,
              ui.format(Str::reports_partial_total, {{"total", total}, {"max", max}}),
              column.take_top(1.6f * em), theme::kText, Align::left, VAlign::middle, 0.5f);
    if (scores.projected_band) {
        line = ui.format(Str::reports_projected_band,
                         {{"scaled", display_number(ui, *scores.projected_total, 2)},
                          {"full", display_number(ui, tally.profile.max_total(), 0)},
                          {"band", display_band(ui, tally.profile, *scores.projected_band)}});
    } else {
        line = ui.t(Str::reports_no_band);
    }
    column.take_top(banner(ui, column, line, BannerKind::info));
}

void draw_overview(Ui& ui, const Box& area, const DayTally& tally) {
    float gap = 1.5f * ui.em();
    if (is_portrait()) {
        Box top = area;
        Box bottom = top.take_bottom(area.h * 0.5f);
        draw_counts(ui, top, tally);
        draw_indicators(ui, bottom, tally);
        return;
    }
    draw_counts(ui, area.column(0, 2, gap), tally);
    draw_indicators(ui, area.column(1, 2, gap), tally);
}

//-----------------------------------------------------------------------------
// [SECTION] Answers
//-----------------------------------------------------------------------------

void draw_answers(Ui& ui, const Box& area, const DayTally& tally) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float em = ui.em();
    // Each question's preferred height: its heading (two lines of small bold text: questions
    // are long), its bars, the gap after them.
    constexpr float kHeading = 2.0f;
    constexpr float kGap = 0.6f;
    std::vector<float> heights;
    for (const QuestionDistribution& question : tally.questions) {
        heights.push_back((kHeading + kGap) * em + bar_chart_height(question.options.size(), em));
    }
    // Portrait keeps one column: two would leave the bars no width.
    AnswerColumns arrangement = is_portrait() ? arrange_answers(heights, area.h, 1, 1)
                                              : arrange_answers(heights, area.h, 2, 3);
    const float k = arrangement.scale;
    const int columns = static_cast<int>(arrangement.columns.size());
    for (int c = 0; c < columns; ++c) {
        Box column = area.column(c, columns, 1.5f * em);
        for (std::size_t index : arrangement.columns[static_cast<std::size_t>(c)]) {
            const QuestionDistribution& question = tally.questions[index];
            Box heading = column.take_top(kHeading * em * k);
            Box answered = heading.take_right(6.5f * em);  // over the bars' figures
            draw_text(draw, ui.fonts.bold, ui.text(question.text), heading, theme::kText,
                      Align::left, VAlign::middle, 0.45f);
            draw_text(draw, ui.fonts.body,
                      ui.format(Str::reports_answered, {{"n", std::to_string(question.answered)}}),
                      answered, theme::kTextMuted, Align::right, VAlign::middle, 0.5f);
            std::vector<BarRow> rows = bar_rows(ui, question);
            draw_bar_chart(draw, ui.fonts.body,
                           column.take_top(bar_chart_height(rows.size(), em) * k), rows, em);
            column.take_top(kGap * em * k);
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Officials
//-----------------------------------------------------------------------------

void draw_officials(Ui& ui, Box area, const DayTally& tally) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float em = ui.em();
    bool own_only = ui.flow.staff_member() && ui.flow.staff_member()->role == StaffRole::official;
    section_heading(
        ui, area,
        ui.format(Str::reports_officials, {{"n", std::to_string(tally.min_ratings_per_official)}}));
    if (own_only) {
        draw_text(draw, ui.fonts.body, ui.t(Str::reports_own_only), area.take_top(1.5f * em),
                  theme::kTextMuted, Align::left);
    }
    if (tally.officials.empty()) {
        draw_text(draw, ui.fonts.body, ui.t(Str::reports_no_official_rows),
                  area.take_top(1.5f * em), theme::kTextMuted, Align::left);
    }
    // Cards in two columns on a landscape screen, as tall as the space allows; the notes on
    // hidden and unattributed ratings keep 3.5 em at the bottom.
    Box notes = area.take_bottom(std::min(area.h, 3.5f * em));
    int columns = is_portrait() ? 1 : 2;
    int card_rows = (static_cast<int>(tally.officials.size()) + columns - 1) / columns;
    float card_h =
        std::min(4.2f * em, area.h / static_cast<float>(std::max(card_rows, 1)) - 0.5f * em);
    for (std::size_t i = 0; i < tally.officials.size(); ++i) {
        const OfficialFigures& official = tally.officials[i];
        int card_row = static_cast<int>(i) / columns;
        Box column = area.column(static_cast<int>(i) % columns, columns, 1.0f * em);
        Box card{column.x, column.y + static_cast<float>(card_row) * (card_h + 0.5f * em), column.w,
                 card_h};
        draw->AddRectFilled(card.min(), card.max(), theme::kSurface, 0.3f * em);
        draw->AddRect(card.min(), card.max(), theme::kBorder, 0.3f * em, 0, 0.05f * em);
        Box inner = card.inset(0.8f * em, 0.3f * em);
        Box top = inner.take_top(inner.h * 0.5f);
        Box ratings = top.take_right(10.0f * em);
        std::string name = official.name.empty() ? official.official_id : official.name;
        draw_text(draw, ui.fonts.bold, name, top, theme::kText, Align::left);
        draw_text(draw, ui.fonts.body,
                  ui.format(Str::reports_ratings, {{"n", std::to_string(official.ratings)}}),
                  ratings, theme::kText, Align::right);
        std::string details;
        if (official.official_score) {
            details = ui.format(Str::reports_official_score,
                                {{"score", display_number(ui, *official.official_score, 2)}});
        }
        if (official.scores.projected_band) {
            details +=
                (details.empty() ? "" : "   —   ") +
                ui.format(
                    Str::reports_projected_band,
                    {{"scaled", display_number(ui, *official.scores.projected_total, 2)},
                     {"full", display_number(ui, tally.profile.max_total(), 0)},
                     {"band", display_band(ui, tally.profile, *official.scores.projected_band)}});
        }
        draw_text(draw, ui.fonts.body, details, inner, theme::kTextMuted, Align::left,
                  VAlign::middle, 0.5f);
    }
    area = notes;
    if (!own_only && tally.officials_hidden > 0) {
        draw_text(draw, ui.fonts.body,
                  ui.format(Str::reports_officials_hidden,
                            {{"n", std::to_string(tally.officials_hidden)}}),
                  area.take_top(1.5f * em), theme::kTextMuted, Align::left);
    }
    if (!own_only && tally.unattributed_ratings > 0) {
        draw_text(draw, ui.fonts.body,
                  ui.format(Str::reports_unattributed,
                            {{"n", std::to_string(tally.unattributed_ratings)}}),
                  area.take_top(1.5f * em), theme::kTextMuted, Align::left);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Screen
//-----------------------------------------------------------------------------

// Previous day, the day (with its ratings and voided count under it), next day, today.
void draw_day_picker(Ui& ui, Box row) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float em = ui.em();
    StaffReports& reports = ui.reports;
    float button_w = std::min(8.0f * em, row.w * 0.2f);
    Box previous = row.take_left(button_w);
    Box today = row.take_right(button_w);
    row.take_right(0.5f * em);
    Box next = row.take_right(button_w);
    if (button(ui, "tally.previous_day", previous, ui.t(Str::reports_previous_day),
               ButtonKind::secondary)) {
        reports.previous_day();
    }
    if (!reports.day_is_today()) {
        if (button(ui, "tally.next_day", next, ui.t(Str::reports_next_day),
                   ButtonKind::secondary)) {
            reports.next_day();
        }
        if (button(ui, "tally.today", today, ui.t(Str::reports_today), ButtonKind::secondary)) {
            reports.show_today();
        }
    }
    std::string day = display_date(reports.day());
    if (reports.day_is_today()) {
        day = ui.t(Str::reports_today) + " — " + day;
    }
    Box middle = row.inset(0.5f * em, 0);
    Box top = middle.take_top(middle.h * 0.58f);
    draw_text(draw, ui.fonts.heading, day, top, theme::kText, Align::center, VAlign::middle, 0.5f);
    if (const std::optional<DayTally>& tally = reports.tally()) {
        draw_text(draw, ui.fonts.body,
                  ui.format(Str::reports_ratings, {{"n", std::to_string(tally->ratings)}}) +
                      "   —   " +
                      ui.format(Str::reports_voided, {{"n", std::to_string(tally->voided)}}),
                  middle, theme::kTextMuted, Align::center, VAlign::middle, 0.5f);
    }
}

}  // namespace

void draw_staff_tally_screen(Ui& ui) {
    std::optional<ReportPage> frame = report_page(ui, Str::reports_tally_title, Screen::staff_menu);
    if (!frame) {
        return;
    }
    Box content = frame->content;
    float em = ui.em();
    draw_day_picker(ui, content.take_top(3.0f * em));
    content.take_top(0.5f * em);

    const std::optional<DayTally>& tally = ui.reports.tally();
    if (!tally) {
        draw_read_error(ui, content);
        return;
    }
    draw_tabs(ui, "tally.tab", content.take_top(2.4f * em),
              {ui.t(Str::reports_page_overview), ui.t(Str::reports_page_answers),
               ui.t(Str::reports_page_officials)});
    content.take_top(0.6f * em);
    switch (ui.state.staff_reports_page) {
        case 1:
            draw_answers(ui, content, *tally);
            break;
        case 2:
            draw_officials(ui, content, *tally);
            break;
        default:
            draw_overview(ui, content, *tally);
            break;
    }
}

}  // namespace motcua::kiosk::ui
