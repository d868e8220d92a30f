#pragma once
// The event-driven loop: it sleeps in glfwWaitEventsTimeout() until input arrives, another
// thread posts work, or the flow has something due (countdown digit, thank-you end, retry)
// or Welcome's clock turns a minute. Then it draws a few frames and sleeps again, so a kiosk
// at rest on Welcome uses next to no CPU.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "kiosk/app/frame_stats.hpp"
#include "kiosk/app/kiosk_window.hpp"
#include "kiosk/app/run_queue.hpp"
#include "kiosk/app/shown_frame.hpp"
#include "kiosk/app/startup_steps.hpp"
#include "kiosk/flow/kiosk_flow.hpp"
#include "kiosk/flow/staff_reports.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/hit_map.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/strings.hpp"

namespace motcua::kiosk::app {

struct AppSetup {
    ui::FontFiles fonts;
    std::vector<std::string> texts;  // every text the screens may show, for the glyph set
    std::filesystem::path screenshot;
    int screenshot_after_frames = 4;
    bool frame_stats = false;
    ui::UiState ui_state;             // the first frame's visual state (a demo screen's tab)
    StartupSteps* startup = nullptr;  // told when the first frame is on screen
};

class KioskApp {
  public:
    // Sets up ImGui on the window's OpenGL context. Throws ui::FontError.
    KioskApp(KioskWindow& window, KioskFlow& flow, const ui::Strings& strings, const Clock& clock,
             RunQueue& queue, StaffReports& reports, AppSetup setup, KioskWindow::LogFn log);
    ~KioskApp();
    KioskApp(const KioskApp&) = delete;
    KioskApp& operator=(const KioskApp&) = delete;

    // Runs until an admin exits, stop() is called, or the screenshot was written. Returns the
    // process exit code.
    int run();
    // From the UI thread (e.g. a task posted by the signal watcher).
    void stop() { stopping_ = true; }

  private:
    // What the screen shows, beyond the flow's revision: the minute on Welcome's clock and
    // the countdown's digit.
    struct ViewKey {
        std::uint64_t revision = 0;
        std::string minute;
        std::optional<int> countdown;
        bool operator==(const ViewKey&) const = default;
    };

    ViewKey view_key() const;
    double seconds_until_due() const;
    void rebuild_fonts();
    void draw_frame();

    KioskWindow& window_;
    KioskFlow& flow_;
    const ui::Strings& strings_;
    const Clock& clock_;
    RunQueue& queue_;
    StaffReports& reports_;
    AppSetup setup_;
    KioskWindow::LogFn log_;

    ui::Fonts fonts_;
    ui::FontSet font_set_;
    ui::HitMap hits_;
    ui::UiState ui_state_;
    FrameStats stats_;
    ShownFrame shown_frame_;
    int frames_drawn_ = 0;
    bool stopping_ = false;
    bool screenshot_written_ = false;
};

}  // namespace motcua::kiosk::app
