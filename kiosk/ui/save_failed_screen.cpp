// The store refused the rating: apologise, keep the answers (the flow retries them), point to
// the paper form, and let the citizen try again or leave.

#include "kiosk/ui/message_layout.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_save_failed_screen(Ui& ui) {
    float em = ui.em();
    Box buttons = message_page(ui, "warning", theme::kWarning, ui.t(Str::save_failed_title),
                               ui.t(Str::save_failed_body));
    Box pair = buttons.centered(std::min(buttons.w, 28.0f * em), buttons.h);
    if (button(ui, "retry", pair.column(0, 2, 1.2f * em), ui.t(Str::save_failed_retry),
               ButtonKind::primary)) {
        ui.flow.retry_save();
        return;
    }
    if (button(ui, "done", pair.column(1, 2, 1.2f * em), ui.t(Str::save_failed_done),
               ButtonKind::secondary)) {
        ui.flow.finish();
    }
}

}  // namespace motcua::kiosk::ui
