// This dossier already has a rating at this stage: say so kindly, without blame.

#include "kiosk/ui/message_layout.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_already_rated_screen(Ui& ui) {
    Box buttons =
        message_page(ui, "info", theme::kInfo, ui.t(Str::already_title), ui.t(Str::already_body));
    Box home = buttons.centered(std::min(buttons.w, 16.0f * ui.em()), buttons.h);
    if (button(ui, "home", home, ui.t(Str::common_home), ButtonKind::primary)) {
        ui.flow.finish();
    }
}

}  // namespace motcua::kiosk::ui
