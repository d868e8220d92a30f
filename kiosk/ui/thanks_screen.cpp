// Thank you: for a few seconds, then Welcome. Nothing here repeats the answers: the official
// across the counter must not learn them.

#include "kiosk/ui/message_layout.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_thanks_screen(Ui& ui) {
    message_page(ui, "success", theme::kSuccess, ui.t(Str::thanks_title), ui.t(Str::thanks_body));
    // A tap anywhere below the bar finishes at once.
    Box page = screen_box();
    page.take_top(top_bar_height(ui.em()));
    if (touch_area(ui, "thanks.finish", page).tapped) {
        ui.flow.finish();
    }
}

}  // namespace motcua::kiosk::ui
