#pragma once
// The kiosk's ImGui front: draw_kiosk() draws one frame of whatever screen the flow is on.
// Screens only read the flow's state and call its functions; they hold no state of their own
// except what is purely visual (UiState).

#include <string>

#include "core/clock.hpp"
#include "kiosk/flow/kiosk_flow.hpp"
#include "kiosk/flow/staff_reports.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/hit_map.hpp"
#include "kiosk/ui/strings.hpp"

namespace motcua::kiosk::ui {

// Visual state the flow has no reason to know.
struct UiState {
    bool keypad_letters = false;  // the code keypad shows A–Z instead of digits
    Screen last_screen = Screen::welcome;
    bool staff_reports_read = false;  // a staff report screen re-reads its figures once
    int staff_reports_page = 0;       // the tab shown on a staff report screen
    int list_page = 0;                // the page of a list (the void screen's day)
    bool keyboard_capitals = false;   // the text keyboard shows capitals
    bool audit_exporting = false;     // the audit screen shows the export's folders
};

struct Ui {
    KioskFlow& flow;
    const Strings& strings;
    const FontSet& fonts;
    const Clock& clock;  // for the time shown on Welcome
    HitMap& hits;
    UiState& state;
    StaffReports& reports;  // what the staff report screens show

    float em() const { return fonts.em; }
    Language language() const { return flow.language(); }
    const std::string& t(Str key) const { return strings.get(key, flow.language()); }
    std::string format(
        Str key, std::initializer_list<std::pair<std::string_view, std::string>> values) const {
        return strings.format(key, flow.language(), values);
    }
    const std::string& text(const LocalizedText& localized) const {
        return localized.in(flow.language());
    }
};

// One frame: call between ImGui::NewFrame() and ImGui::Render().
void draw_kiosk(Ui& ui);

// "HH:MM" of local time now; what Welcome shows (the app redraws when it changes).
std::string clock_text(const Clock& clock);

}  // namespace motcua::kiosk::ui
