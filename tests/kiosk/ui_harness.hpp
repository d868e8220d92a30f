#pragma once
// The real kiosk screens in an ImGui context with no window and no renderer: frames are built
// and thrown away, the mouse is injected, and tests assert on the flow. The staff report,
// corrections and audit screens read a real store in a temporary folder (reports()).

#include <string>

#include "flow_fixture.hpp"
#include "kiosk/app/staff_records_store.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/hit_map.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/strings.hpp"
#include "staff_reports_fixture.hpp"

namespace motcua::kiosk::testing {

ui::Strings load_strings();

class HeadlessUi {
  public:
    explicit HeadlessUi(FlowHarness& harness, float width = 1280, float height = 800);
    ~HeadlessUi();
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    // One frame with the mouse where it is.
    void frame();
    // Draws a frame, then presses and releases the mouse at the centre of the target `name`
    // (as recorded while drawing). Fails the test when the target is not on screen.
    void tap(const std::string& name);
    // Presses at the target and keeps the finger down for `seconds` of the flow's clock.
    void hold(const std::string& name, double seconds);
    bool on_screen(const std::string& name);

    const ui::HitMap& hits() const { return hits_; }
    ReportsBackend& reports() { return reports_; }
    float em() const { return fonts_.em; }

  private:
    void move_to(const std::string& name);

    FlowHarness& harness_;
    ui::Strings strings_;
    ui::Fonts font_storage_;
    ui::FontSet fonts_;
    ui::HitMap hits_;
    ui::UiState state_;
    ReportsBackend reports_;
    app::StoreStaffRecords records_;
};

}  // namespace motcua::kiosk::testing
