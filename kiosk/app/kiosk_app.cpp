#include "kiosk/app/kiosk_app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <string>

#include "kiosk/app/screenshot.hpp"
#include "kiosk/app/systemd_notify.hpp"
#include "kiosk/ui/theme.hpp"

namespace motcua::kiosk::app {

namespace {

// After input, draw this many frames: ImGui needs one to see a press, one for the release,
// and one more for the state the release led to. A change that came with time alone (the
// clock's minute, a countdown digit, a timeout) needs one frame.
constexpr int kFramesAfterInput = 3;
constexpr int kFramesAfterTimedChange = 1;

}  // namespace

KioskApp::KioskApp(KioskWindow& window, KioskFlow& flow, const ui::Strings& strings,
                   const Clock& clock, RunQueue& queue, StaffReports& reports, AppSetup setup,
                   KioskWindow::LogFn log)
    : window_(window),
      flow_(flow),
      strings_(strings),
      clock_(clock),
      queue_(queue),
      reports_(reports),
      setup_(std::move(setup)),
      log_(std::move(log)),
      ui_state_(setup_.ui_state) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no ImGui settings file
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplGlfw_InitForOpenGL(window_.handle(), true);
    ImGui_ImplOpenGL3_Init("#version 130");
    rebuild_fonts();
}

KioskApp::~KioskApp() {
    if (setup_.frame_stats) {
        std::fprintf(stderr, "frame-stats: %s\n", stats_.summary().c_str());
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

void KioskApp::rebuild_fonts() {
    int width = 0;
    int height = 0;
    glfwGetWindowSize(window_.handle(), &width, &height);
    float em = ui::em_for_display(static_cast<float>(width), static_cast<float>(height));
    if (font_set_.body && em == font_set_.em) {
        return;
    }
    std::vector<std::string_view> texts(setup_.texts.begin(), setup_.texts.end());
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    font_set_ = fonts_.build(*ImGui::GetIO().Fonts, setup_.fonts, em, texts);
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ui::theme::apply_style(ImGui::GetStyle(), em);
    ImGui::GetIO().MouseDragThreshold = em;  // a shaky finger is still a tap
}

KioskApp::ViewKey KioskApp::view_key() const {
    ViewKey key;
    key.revision = flow_.revision();
    if (flow_.screen() == Screen::welcome) {
        key.minute = ui::clock_text(clock_);
    }
    key.countdown = flow_.countdown_seconds_left();
    return key;
}

double KioskApp::seconds_until_due() const {
    UtcMillis now = clock_.now_utc();
    // Welcome shows the time: wake at the next minute.
    UtcMillis due = now - now % 60000 + 60000;
    if (std::optional<UtcMillis> flow_due = flow_.next_wakeup()) {
        due = std::min(due, *flow_due);
    }
    return std::max<double>(0.0, static_cast<double>(due - now) / 1000.0 + 0.002);
}

int KioskApp::run() {
    int frames_pending = std::max(kFramesAfterInput, setup_.screenshot_after_frames);
    ViewKey shown = view_key();
    // Under systemd: READY=1 now, WATCHDOG=1 from every turn of the loop (docs/deployment.md).
    SystemdNotifier systemd;
    systemd.ready();
    while (!stopping_ && !flow_.exit_requested() && !window_.close_requested()) {
        systemd.watchdog_ping();
        if (frames_pending > 0) {
            glfwPollEvents();
        } else {
            double wait = seconds_until_due();
            if (auto interval = systemd.watchdog_interval()) {
                wait = std::min(wait, static_cast<double>(interval->count()) / 1000.0);
            }
            if (wait > 0) {
                glfwWaitEventsTimeout(wait);
            } else {
                glfwPollEvents();
            }
            stats_.note_wakeup();
        }
        bool input = queue_.run_pending();
        for (const InputEvent& event : window_.take_input()) {
            input = true;
            if (event.kind == InputEvent::Kind::character) {
                flow_.on_char(event.character);
            } else {
                flow_.on_key(event.key);
            }
        }
        input = window_.take_pointer_activity() || input;
        if (window_.take_resized()) {
            rebuild_fonts();
            input = true;
        }
        flow_.tick();
        ViewKey key = view_key();
        if (input) {
            frames_pending = std::max(frames_pending, kFramesAfterInput);
        } else if (key != shown) {
            frames_pending = std::max(frames_pending, kFramesAfterTimedChange);
        }
        shown = key;
        if (frames_pending > 0) {
            draw_frame();
            --frames_pending;
            if (screenshot_written_) {
                return 0;
            }
            // A tap handled while drawing moved the flow: show where it led.
            ViewKey after = view_key();
            if (after != shown) {
                shown = after;
                frames_pending = std::max(frames_pending, kFramesAfterInput);
            }
        }
    }
    return 0;
}

void KioskApp::draw_frame() {
    stats_.begin_frame();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (window_.pointer_hidden()) {
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    }
    ImGui::NewFrame();
    ui::Ui ui{flow_, strings_, font_set_, clock_, hits_, ui_state_, reports_};
    ui::draw_kiosk(ui);
    if (io.MouseReleased[0]) {
        window_.note_release_drawn();
    }
    ImGui::Render();
    stats_.ui_done();

    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window_.handle(), &width, &height);
    glViewport(0, 0, width, height);
    ImVec4 background = ImGui::ColorConvertU32ToFloat4(ui::theme::kBackground);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frames_drawn_;
    if (!setup_.screenshot.empty() && frames_drawn_ >= setup_.screenshot_after_frames) {
        write_screenshot(setup_.screenshot, width, height);
        log_("screenshot written: " + setup_.screenshot.string());
        screenshot_written_ = true;
    }
    glfwSwapBuffers(window_.handle());
    stats_.end_frame();
    if (frames_drawn_ == 1) {
        // Unix time in ms, so bench/kiosk-idle can measure start-up to the first frame.
        const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
        log_("first frame: at " +
             std::to_string(
                 std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count()) +
             " ms unix time");
    }
}

}  // namespace motcua::kiosk::app
