#pragma once
// The event-driven loop: it sleeps in glfwWaitEventsTimeout() until input arrives, another
// thread posts work, or the flow has something due (countdown digit, thank-you end, retry)
// or Welcome's clock turns a minute. Then it draws a few frames and sleeps again, so a kiosk
// at rest on Welcome uses next to no CPU.

#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "kiosk/app/frame_stats.hpp"
#include "kiosk/app/kiosk_window.hpp"
#include "kiosk/app/presenter.hpp"
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
    // The atlas at the em of the window's expected size, from a thread started before the
    // window opened (no ImGui context may exist until it is done); not valid: built here.
    std::future<std::unique_ptr<ui::BuiltFonts>> built_fonts;
    std::filesystem::path screenshot;
    int screenshot_after_frames = 4;
    bool frame_stats = false;
    ui::UiState ui_state;             // the first frame's visual state (a demo screen's tab)
    StartupSteps* startup = nullptr;  // told when the first frame is on screen
    // Work nobody waits for (e.g. the database checkpoint): called when every frame the last
    // input or change needed is on screen, just before the loop sleeps.
    std::function<void()> when_idle;
};

class KioskApp {
  public:
    // Sets up ImGui and the presenter for the window's renderer. Throws ui::FontError, or
    // std::runtime_error when the window cannot show the renderer's frames.
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
    float window_em() const;
    // Builds the atlas again when the window's size asks for another em, then uploads it.
    void rebuild_fonts();
    // Uploads the atlas as the font texture, frees its pixels and sizes the style to its em.
    void upload_fonts();
    void draw_frame();

    KioskWindow& window_;
    KioskFlow& flow_;
    const ui::Strings& strings_;
    const Clock& clock_;
    RunQueue& queue_;
    StaffReports& reports_;
    AppSetup setup_;
    KioskWindow::LogFn log_;

    std::unique_ptr<ui::BuiltFonts> fonts_;  // ImGui's atlas
    std::unique_ptr<Presenter> presenter_;
    ui::HitMap hits_;
    ui::UiState ui_state_;
    FrameStats stats_;
    ShownFrame shown_frame_;
    int frames_drawn_ = 0;
    bool stopping_ = false;
    bool screenshot_written_ = false;
};

}  // namespace motcua::kiosk::app
