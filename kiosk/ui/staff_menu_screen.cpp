// What a signed-in admin can do at the kiosk. Staff mode (tallies, reports, paper forms) adds
// its entries here.

#include <string>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_staff_menu_screen(Ui& ui) {
    const std::optional<StaffMember>& member = ui.flow.staff_member();
    if (!member) {
        return;
    }
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)), ui.t(Str::pin_title));
    float margin = page_margin(em);
    Box content = page.inset(margin, 1.5f * em);
    Box column = content.centered(std::min(content.w, 24.0f * em), content.h);

    draw_text(draw, ui.fonts.heading, ui.format(Str::staff_hello, {{"name", member->name}}),
              column.take_top(2.2f * em), theme::kText, Align::left);
    if (member->role == StaffRole::admin) {
        draw_text(draw, ui.fonts.body, ui.t(Str::staff_role_admin), column.take_top(1.5f * em),
                  theme::kTextMuted, Align::left);
    }
    column.take_top(1.0f * em);
    if (ui.flow.unsaved_count() > 0) {
        std::string warning =
            ui.format(Str::staff_unsaved, {{"n", std::to_string(ui.flow.unsaved_count())}});
        column.take_top(banner(ui, column, warning, BannerKind::warning));
        column.take_top(1.0f * em);
    }
    if (button(ui, "home", column.take_top(3.4f * em), ui.t(Str::common_home),
               ButtonKind::secondary)) {
        ui.flow.leave_staff();
        return;
    }
    column.take_top(1.0f * em);
    if (member->role == StaffRole::admin && button(ui, "staff.exit", column.take_top(3.4f * em),
                                                   ui.t(Str::staff_exit), ButtonKind::danger)) {
        ui.flow.request_exit();
    }
}

}  // namespace motcua::kiosk::ui
