// The staff menu: who is signed in, the desk sign-in, and the screens their role may open.

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_page.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

struct MenuEntry {
    Screen screen;
    Str label;
    const char* name;
};

constexpr MenuEntry kEntries[] = {
    {Screen::staff_tally, Str::staff_menu_tally, "staff.tally"},
    {Screen::staff_report, Str::staff_menu_report, "staff.report"},
    {Screen::staff_export, Str::staff_menu_export, "staff.export"},
    {Screen::staff_sync, Str::staff_menu_sync, "staff.sync"},
    {Screen::staff_paper, Str::staff_menu_paper, "staff.paper"},
    {Screen::staff_void, Str::staff_menu_void, "staff.void"},
    {Screen::staff_audit, Str::staff_menu_audit, "staff.audit"},
    {Screen::staff_admin, Str::staff_menu_admin, "staff.admin"},
};

// The desk sign-in: who is at the desk now, and the buttons this member may press.
void draw_desk(Ui& ui, Box& column, const StaffMember& member) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::optional<StaffMember>& desk = ui.flow.desk_official();
    std::string now = desk ? ui.format(Str::staff_desk_now, {{"name", desk->name}})
                           : ui.t(Str::staff_desk_nobody);
    draw_text(draw, ui.fonts.bold, now, column.take_top(1.8f * em), theme::kText, Align::left);
    const std::string& note = ui.t(Str::staff_desk_note);
    float note_h = std::min(text_height(ui.fonts.body, note, column.w), 3.0f * em);
    draw_text(draw, ui.fonts.body, note, column.take_top(note_h), theme::kTextMuted, Align::left,
              VAlign::top, 0.7f);
    column.take_top(0.6f * em);
    bool at_desk = desk && desk->id == member.id;
    bool may_sign_out = desk && (at_desk || member.role != StaffRole::official);
    std::vector<std::pair<const char*, Str>> buttons;
    if (!at_desk) {
        buttons.push_back({"desk.signin", Str::staff_desk_in});
    }
    if (may_sign_out) {
        buttons.push_back({"desk.signout", Str::staff_desk_out});
    }
    Box row = column.take_top(3.2f * em);
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        Box cell = row.column(static_cast<int>(i), static_cast<int>(buttons.size()), 0.6f * em);
        ButtonKind kind =
            buttons[i].second == Str::staff_desk_in ? ButtonKind::primary : ButtonKind::secondary;
        if (button(ui, buttons[i].first, cell, ui.t(buttons[i].second), kind)) {
            if (buttons[i].second == Str::staff_desk_in) {
                ui.flow.sign_in_at_desk();
            } else {
                ui.flow.sign_out_from_desk();
            }
            return;
        }
    }
}

std::vector<MenuEntry> entries_for(StaffRole role) {
    std::vector<MenuEntry> entries;
    for (const MenuEntry& entry : kEntries) {
        if (KioskFlow::role_may_open(role, entry.screen)) {
            entries.push_back(entry);
        }
    }
    return entries;
}

// The screens this member's role may open, as a grid of buttons as tall as the area allows
// (between 3.2 and 5 em).
void draw_entries(Ui& ui, const Box& area, const std::vector<MenuEntry>& entries, int columns) {
    float em = ui.em();
    float gap = 0.6f * em;
    int rows = (static_cast<int>(entries.size()) + columns - 1) / columns;
    float row_h = std::clamp((area.h + gap) / static_cast<float>(std::max(rows, 1)) - gap,
                             3.2f * em, 5.0f * em);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        int row = static_cast<int>(i) / columns;
        Box line{area.x, area.y + static_cast<float>(row) * (row_h + gap), area.w, row_h};
        Box cell = line.column(static_cast<int>(i) % columns, columns, gap);
        if (button(ui, entries[i].name, cell, ui.t(entries[i].label), ButtonKind::secondary)) {
            ui.flow.open_staff_screen(entries[i].screen);
            return;
        }
    }
}

}  // namespace

void draw_staff_menu_screen(Ui& ui) {
    const std::optional<StaffMember>& signed_in = ui.flow.staff_member();
    if (!signed_in) {
        return;
    }
    const StaffMember member = *signed_in;
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)), ui.t(Str::pin_title));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box content = page.inset(margin, 1.0f * em);

    // Landscape: the person and the desk on the left, the screens on the right (in two
    // columns when there are many). Portrait: the person and the desk on top, then the screens
    // one under the other, as tall as the rest of the height allows.
    std::vector<MenuEntry> entries = entries_for(member.role);
    Box about = content;
    Box entry_area = content;
    int columns = 1;
    if (is_portrait()) {
        columns = entries.size() > 5 ? 2 : 1;
        // What the greeting and the desk block need (more with the unsaved-ratings banner).
        float about_h = ui.flow.unsaved_count() > 0 ? 14.5f * em : 11.5f * em;
        about = content.take_top(std::min(content.h * 0.4f, about_h));
        content.take_top(1.0f * em);
        entry_area = content;
    } else {
        columns = entries.size() > 4 ? 2 : 1;
        Box both = content.centered(std::min(content.w, columns == 2 ? 64.0f * em : 56.0f * em),
                                    content.h);
        about = both.take_left(columns == 2 ? both.w * 0.4f : both.w * 0.5f - 1.0f * em);
        both.take_left(2.0f * em);
        entry_area = both;
    }

    draw_text(draw, ui.fonts.heading, ui.format(Str::staff_hello, {{"name", member.name}}),
              about.take_top(2.2f * em), theme::kText, Align::left);
    draw_text(draw, ui.fonts.body, ui.t(role_text(member.role)), about.take_top(1.5f * em),
              theme::kTextMuted, Align::left);
    about.take_top(0.8f * em);
    if (ui.flow.unsaved_count() > 0) {
        std::string warning =
            ui.format(Str::staff_unsaved, {{"n", std::to_string(ui.flow.unsaved_count())}});
        about.take_top(banner(ui, about, warning, BannerKind::warning));
        about.take_top(0.8f * em);
    }
    draw_desk(ui, about, member);
    if (ui.flow.screen() != Screen::staff_menu) {
        return;
    }
    draw_entries(ui, entry_area, entries, columns);
    if (ui.flow.screen() != Screen::staff_menu) {
        return;
    }

    Box leave = bottom.inset(0, 0.6f * em);
    leave = leave.take_right(std::min(14.0f * em, leave.w * 0.5f));
    if (button(ui, "staff.leave", leave, ui.t(Str::staff_leave), ButtonKind::primary)) {
        ui.flow.leave_staff();
    }
}

}  // namespace motcua::kiosk::ui
