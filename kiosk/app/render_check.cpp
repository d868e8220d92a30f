#include "kiosk/app/render_check.hpp"

#include <cstdlib>
#include <string>

namespace motcua::kiosk::app {

RenderCheck::RenderCheck(bool partial_frames, std::function<void(std::string_view)> log)
    : log_(std::move(log)) {
    const char* check = std::getenv("MOTCUA_RENDER_CHECK");
    on_ = partial_frames && check != nullptr && std::string(check) == "1";
    if (on_) {
        log_("render check: every partial frame compared with a whole redraw (slow)");
    }
}

RenderCheck::~RenderCheck() {
    if (on_) {
        log_("render check: " + std::to_string(checked_) + " partial frames, " +
             std::to_string(differed_) + " differed from a whole redraw");
    }
}

void RenderCheck::record(long long differing, int first_x, int first_y) {
    ++checked_;
    if (differing == 0) {
        return;
    }
    ++differed_;
    log_("render check: partial frame " + std::to_string(checked_) +
         " differs from its whole redraw in " + std::to_string(differing) +
         " pixels, the first at " + std::to_string(first_x) + "," + std::to_string(first_y));
}

}  // namespace motcua::kiosk::app
