// A supervisor voids a rating (VoidDesk): pick it from the day's ratings or find it by dossier
// code (in the code panel the citizen's code screen and the paper form use) and stage; type the
// reason on the keyboard; confirm. Officials are shown by name. Nothing else about a rating can
// be changed here.
//
// [SECTION] index: messages, finding, reason, confirmation, screen.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/ui/code_keypad.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_page.hpp"
#include "kiosk/ui/staff_report_widgets.hpp"
#include "kiosk/ui/text_keyboard.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Messages
//-----------------------------------------------------------------------------

void draw_message(Ui& ui, Box& column) {
    const VoidDesk& voids = ui.flow.voids();
    std::string text;
    BannerKind kind = BannerKind::error;
    switch (voids.message()) {
        case VoidMessage::none:
            return;
        case VoidMessage::code_refused:
            text = ui.format(Str::paper_code_refused, {{"example", voids.code_rules().example}});
            break;
        case VoidMessage::not_found:
            text = ui.t(Str::void_not_found);
            kind = BannerKind::warning;
            break;
        case VoidMessage::read_failed:
            text = ui.t(Str::void_read_failed);
            break;
        case VoidMessage::reason_needed:
            text = ui.t(Str::void_reason_needed);
            kind = BannerKind::warning;
            break;
        case VoidMessage::voided:
            text = ui.format(Str::void_done, {{"code", voids.voided_code()}});
            kind = BannerKind::info;
            break;
        case VoidMessage::refused:
            text = ui.t(Str::void_refused);
            kind = BannerKind::warning;
            break;
        case VoidMessage::failed:
            text = ui.t(Str::void_failed);
            break;
    }
    column.take_top(banner(ui, column, text, kind));
    column.take_top(0.6f * ui.em());
}

// "09:41   000.00.24.H18-221228-0001" + `between` + "Intake   kiosk" for one rating.
std::string rating_line(Ui& ui, const Rating& rating, const std::string& between) {
    std::string time = local_time_text(ui.clock, rating.created_utc).substr(0, 5);
    return time + "   " + rating.dossier_code + between + ui.text(stage_label(rating.stage)) +
           "   " +
           ui.t(rating.channel == Channel::paper ? Str::void_channel_paper
                                                 : Str::void_channel_kiosk);
}

// The rating's official after `separator`: their name, or their id when the officials table
// does not know them; nothing for a rating made with nobody signed in.
std::string official_part(Ui& ui, const Rating& rating, const std::string& separator) {
    if (rating.official_id.empty()) {
        return {};
    }
    return separator + ui.flow.voids().official_name(rating.official_id);
}

// The bottom bar's two buttons at its right end, the first rightmost, each up to 12 em wide.
std::pair<Box, Box> action_slots(Ui& ui, Box actions) {
    float em = ui.em();
    float slot = std::min(12.0f * em, (actions.w - 0.8f * em) * 0.5f);
    Box first = actions.take_right(slot);
    actions.take_right(0.8f * em);
    return {first, actions.take_right(slot)};
}

//-----------------------------------------------------------------------------
// [SECTION] Finding
//-----------------------------------------------------------------------------

// Previous day, the day, next day, today.
void draw_day_row(Ui& ui, Box row) {
    VoidDesk& voids = ui.flow.voids();
    float em = ui.em();
    float button_w = std::min(7.0f * em, row.w * 0.22f);
    Box previous = row.take_left(button_w);
    Box today = row.take_right(button_w);
    row.take_right(0.5f * em);
    Box next = row.take_right(button_w);
    if (button(ui, "void.previous_day", previous, ui.t(Str::reports_previous_day),
               ButtonKind::secondary)) {
        voids.previous_day();
        ui.state.list_page = 0;
    }
    if (!voids.day_is_today()) {
        if (button(ui, "void.next_day", next, ui.t(Str::reports_next_day), ButtonKind::secondary)) {
            voids.next_day();
            ui.state.list_page = 0;
        }
        if (button(ui, "void.today", today, ui.t(Str::reports_today), ButtonKind::secondary)) {
            voids.show_today();
            ui.state.list_page = 0;
        }
    }
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.heading, display_date(voids.day()),
              row.inset(0.5f * em, 0), theme::kText, Align::center, VAlign::middle, 0.5f);
}

// The day's ratings a page at a time, each on two lines (time and code; stage, channel and
// official); a tap picks one.
void draw_day_list(Ui& ui, Box area) {
    VoidDesk& voids = ui.flow.voids();
    float em = ui.em();
    draw_day_row(ui, area.take_top(3.0f * em));
    area.take_top(0.6f * em);
    const std::vector<Rating>& ratings = voids.day_ratings();
    if (ratings.empty()) {
        draw_text(ImGui::GetWindowDrawList(), ui.fonts.body, ui.t(Str::void_none_that_day),
                  area.take_top(1.6f * em), theme::kTextMuted, Align::left);
        return;
    }
    // Two columns on a landscape screen, one in portrait; as many rows as fit.
    int columns = is_portrait() ? 1 : 2;
    float row_h = 2.4f * em;
    float gap = 0.3f * em;
    Box pager = area.take_bottom(2.8f * em);
    area.take_bottom(0.4f * em);
    std::size_t rows =
        std::max<std::size_t>(1, static_cast<std::size_t>((area.h + gap) / (row_h + gap)));
    std::size_t per_page = rows * static_cast<std::size_t>(columns);
    std::size_t pages = (ratings.size() + per_page - 1) / per_page;
    std::size_t page =
        std::min<std::size_t>(static_cast<std::size_t>(ui.state.list_page), pages - 1);
    for (std::size_t i = page * per_page; i < std::min(ratings.size(), (page + 1) * per_page);
         ++i) {
        std::size_t slot = i - page * per_page;
        Box column = area.column(static_cast<int>(slot / rows), columns, 1.0f * em);
        Box row{column.x, column.y + static_cast<float>(slot % rows) * (row_h + gap), column.w,
                row_h};
        if (button(ui, "void.rating." + std::to_string(i), row,
                   rating_line(ui, ratings[i], "\n") + official_part(ui, ratings[i], "   ·   "),
                   ButtonKind::secondary)) {
            voids.choose(i);
            return;
        }
    }
    if (pages > 1) {
        Box previous = pager.take_left(std::min(8.0f * em, pager.w * 0.3f));
        Box next = pager.take_right(std::min(8.0f * em, pager.w * 0.3f));
        if (page > 0 && button(ui, "void.list.previous", previous, ui.t(Str::page_previous),
                               ButtonKind::secondary)) {
            ui.state.list_page = static_cast<int>(page) - 1;
        }
        if (page + 1 < pages &&
            button(ui, "void.list.next", next, ui.t(Str::page_next), ButtonKind::secondary)) {
            ui.state.list_page = static_cast<int>(page) + 1;
        }
        draw_text(ImGui::GetWindowDrawList(), ui.fonts.body,
                  ui.format(Str::void_page,
                            {{"n", std::to_string(page + 1)}, {"total", std::to_string(pages)}}),
                  pager, theme::kTextMuted);
    }
}

// The dossier code in the shared code panel (a keyboard or scanner works too), the stage under
// it, and "Find" and "Clear" in the bottom bar.
void draw_code_search(Ui& ui, Box area, Box actions) {
    VoidDesk& voids = ui.flow.voids();
    float em = ui.em();
    Box rest;
    KeypadPress press = draw_code_panel(ui, area,
                                        {{},
                                         ui.t(Str::void_code_instruction),
                                         voids.code_text(),
                                         voids.code_problem() != DossierCodeProblem::none},
                                        rest);
    if (press.kind == KeypadPress::Kind::erase) {
        voids.erase_code();
        return;
    }
    if (press.kind == KeypadPress::Kind::type) {
        voids.type_on_keypad(press.text);
        return;
    }
    const std::vector<Stage>& stages = ui.flow.form().stages;
    if (stages.size() > 1) {
        int columns = 2;
        int rows = (static_cast<int>(stages.size()) + columns - 1) / columns;
        Box grid = rest.take_top(static_cast<float>(rows) * 2.8f * em);
        for (std::size_t i = 0; i < stages.size(); ++i) {
            Box cell = grid.row(static_cast<int>(i) / columns, rows, 0.4f * em)
                           .column(static_cast<int>(i) % columns, columns, 0.4f * em);
            bool chosen = stages[i] == voids.search_stage();
            if (button(ui, "void.stage." + std::to_string(i), cell, ui.text(stage_label(stages[i])),
                       chosen ? ButtonKind::primary : ButtonKind::secondary)) {
                voids.choose_search_stage(i);
                return;
            }
        }
    }
    auto [find, clear] = action_slots(ui, actions);
    if (button(ui, "void.find", find, ui.t(Str::void_find), ButtonKind::primary)) {
        voids.find_by_code();
        return;
    }
    if (!voids.code_text().empty() &&
        button(ui, "void.clear", clear, ui.t(Str::code_clear), ButtonKind::quiet)) {
        voids.clear_code();
    }
}

void draw_find_step(Ui& ui, Box content, Box actions) {
    float em = ui.em();
    draw_message(ui, content);
    if (ui.flow.voids().step() != VoidStep::find) {
        return;
    }
    draw_tabs(ui, "void.tab", content.take_top(2.4f * em),
              {ui.t(Str::void_tab_day), ui.t(Str::void_tab_code)});
    content.take_top(0.8f * em);
    if (ui.state.staff_reports_page == 1) {
        draw_code_search(ui, content, actions);
    } else {
        draw_day_list(ui, content);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Reason
//-----------------------------------------------------------------------------

// The rating being voided, on two lines: time and code; stage, channel and official.
void draw_chosen(Ui& ui, Box& column) {
    const std::optional<Rating>& rating = ui.flow.voids().chosen();
    if (!rating) {
        return;
    }
    std::string line = rating_line(ui, *rating, "\n") +
                       official_part(ui, *rating, "   ·   " + ui.t(Str::paper_official) + ": ");
    float height = std::min(text_height(ui.fonts.bold, line, column.w), 3.4f * ui.em());
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.bold, line, column.take_top(height),
              theme::kText, Align::left, VAlign::top, 0.5f);
    column.take_top(0.4f * ui.em());
}

void draw_reason_field(Ui& ui, const Box& field, bool refused) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(field.min(), field.max(), theme::kSurface, 0.4f * em);
    draw->AddRect(field.min(), field.max(), refused ? theme::kError : theme::kPrimary, 0.4f * em, 0,
                  0.14f * em);
    Box inner = field.inset(0.7f * em, 0.3f * em);
    const std::string& reason = ui.flow.voids().reason();
    // The end of what was typed stays in view; a caret after it.
    ImFont* font = ui.fonts.body;
    float width = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, reason.c_str()).x;
    float x = inner.x + std::min(0.0f, inner.w - width - 0.3f * em);
    float y = inner.center().y - font->FontSize * 0.5f;
    draw->PushClipRect(inner.min(), inner.max(), true);
    draw->AddText(font, font->FontSize, ImVec2(x, y), theme::kText, reason.c_str());
    draw->AddLine(ImVec2(x + width + 0.08f * em, y),
                  ImVec2(x + width + 0.08f * em, y + font->FontSize), theme::kPrimary, 0.1f * em);
    draw->PopClipRect();
}

void draw_reason_step(Ui& ui, Box content, Box actions) {
    VoidDesk& voids = ui.flow.voids();
    float em = ui.em();
    // Landscape: the rating and the reason on the left, the keyboard on the right, so the keys
    // keep their height on a short screen. Portrait: the keyboard under them.
    Box about = content;
    Box keys = content;
    if (is_portrait()) {
        float about_h = voids.message() == VoidMessage::none ? 8.5f * em : 11.5f * em;
        about = content.take_top(std::min(content.h * 0.4f, about_h));
        content.take_top(0.6f * em);
        keys = content.take_top(std::min(content.h, 22.0f * em));
    } else {
        about = content.take_left(content.w * 0.4f);
        content.take_left(1.2f * em);
        keys = content.centered(std::min(content.w, 40.0f * em), std::min(content.h, 22.0f * em));
    }
    draw_message(ui, about);
    draw_chosen(ui, about);
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.body, ui.t(Str::void_reason_label),
              about.take_top(1.6f * em), theme::kText, Align::left);
    draw_reason_field(ui, about.take_top(2.8f * em), voids.message() == VoidMessage::reason_needed);
    KeyboardPress press = draw_text_keyboard(ui, keys);
    switch (press.kind) {
        case KeyboardPress::Kind::type:
            voids.type_reason(press.text);
            return;
        case KeyboardPress::Kind::erase:
            voids.erase_reason();
            return;
        case KeyboardPress::Kind::tone:
            voids.apply_tone(press.tone);
            return;
        case KeyboardPress::Kind::none:
            break;
    }
    auto [ask, back] = action_slots(ui, actions);
    if (button(ui, "void.ask", ask, ui.t(Str::void_ask), ButtonKind::danger)) {
        voids.ask_confirmation();
        return;
    }
    if (button(ui, "void.back", back, ui.t(Str::common_back), ButtonKind::quiet)) {
        voids.back();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Confirmation
//-----------------------------------------------------------------------------

void draw_confirm_step(Ui& ui, Box content) {
    VoidDesk& voids = ui.flow.voids();
    float em = ui.em();
    Box column = content.centered(std::min(content.w, 40.0f * em), content.h);
    draw_message(ui, column);
    draw_chosen(ui, column);
    std::string code = voids.chosen() ? voids.chosen()->dossier_code : "";
    column.take_top(
        banner(ui, column, ui.format(Str::void_confirm, {{"code", code}}), BannerKind::warning));
    column.take_top(0.6f * em);
    fact_row(ui, column, ui.t(Str::void_reason_label), voids.reason());
    column.take_top(0.8f * em);
    Box row = column.take_top(3.2f * em);
    if (button(ui, "void.no", row.column(0, 2, em), ui.t(Str::void_no), ButtonKind::secondary)) {
        voids.back();
        return;
    }
    if (button(ui, "void.yes", row.column(1, 2, em), ui.t(Str::void_yes), ButtonKind::danger)) {
        voids.confirm_void();
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Screen
//-----------------------------------------------------------------------------

void draw_staff_void_screen(Ui& ui) {
    bool left = false;
    Box actions;
    Box content = staff_page(ui, ui.t(Str::void_title), left, &actions);
    if (left || !ui.flow.voids().active()) {
        return;
    }
    switch (ui.flow.voids().step()) {
        case VoidStep::find:
            draw_find_step(ui, content, actions);
            break;
        case VoidStep::reason:
            draw_reason_step(ui, content, actions);
            break;
        case VoidStep::confirm:
            draw_confirm_step(ui, content);
            break;
    }
}

}  // namespace motcua::kiosk::ui
