#include "kiosk/ui/message_layout.hpp"

#include <algorithm>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

Box message_page(Ui& ui, std::string_view icon, ImU32 icon_color, std::string_view title,
                 std::string_view body) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)), ui.text(ui.flow.settings().unit_name));
    Box content = page.inset(page_margin(em), 1.2f * em);
    float width = std::min(content.w, (is_portrait() ? 32.0f : 40.0f) * em);
    Box column = content.centered(width, content.h);
    float icon_size = std::min(7.0f * em, column.h * 0.3f);
    float title_h = text_height(ui.fonts.title, title, column.w);
    float body_h = text_height(ui.fonts.heading, body, column.w);
    float buttons_h = 3.6f * em;
    // Sign, words and buttons as one group in the middle of the screen.
    std::vector<Box> rows =
        stack_rows(column, {icon_size, title_h, body_h, buttons_h}, 0.9f * em, 2.0f * em);
    draw_icon(draw, icon, rows[0].center(), icon_size, icon_color);
    draw_text(draw, ui.fonts.title, title, rows[1], theme::kText);
    draw_text(draw, ui.fonts.heading, body, rows[2], theme::kTextMuted);
    Box buttons{content.x, rows[3].y, content.w, rows[3].h};
    return buttons;
}

}  // namespace motcua::kiosk::ui
