#include "kiosk/app/kiosk_app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdint>
#include <string>

#include "kiosk/app/gl_presenter.hpp"
#include "kiosk/app/screenshot.hpp"
#include "kiosk/app/software_presenter.hpp"
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
    // The atlas may still be building on its own thread (main.cpp starts it before the window
    // opens): ImGui's context is made only once it is done, and takes it as its atlas.
    if (setup_.built_fonts.valid()) {
        fonts_ = setup_.built_fonts.get();
        log_("font atlas: built on its own thread while the window opened, CPU " +
             std::to_string(static_cast<int>(fonts_->cpu_ms)) + " ms");
    } else {
        fonts_ = ui::build_fonts(setup_.fonts, window_em(), setup_.texts);
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext(&fonts_->atlas);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no ImGui settings file
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    if (window_.renderer() == Renderer::opengl) {
        ImGui_ImplGlfw_InitForOpenGL(window_.handle(), true);
        presenter_ = std::make_unique<GlPresenter>(window_.handle(), log_);
    } else {
        ImGui_ImplGlfw_InitForOther(window_.handle(), true);
        presenter_ = std::make_unique<SoftwarePresenter>(window_.handle(), log_);
    }
    if (fonts_->set.em == window_em()) {
        upload_fonts();
    } else {
        rebuild_fonts();  // the window opened at another size than main.cpp expected
    }
}

KioskApp::~KioskApp() {
    if (setup_.frame_stats) {
        std::fprintf(stderr, "frame-stats: %s\n", stats_.summary().c_str());
    }
    presenter_.reset();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

float KioskApp::window_em() const {
    int width = 0;
    int height = 0;
    glfwGetWindowSize(window_.handle(), &width, &height);
    return ui::em_for_display(static_cast<float>(width), static_cast<float>(height));
}

void KioskApp::rebuild_fonts() {
    float em = window_em();
    if (em == fonts_->set.em) {
        return;
    }
    std::vector<std::string_view> texts(setup_.texts.begin(), setup_.texts.end());
    fonts_->set = fonts_->fonts.build(fonts_->atlas, setup_.fonts, em, texts);
    upload_fonts();
}

void KioskApp::upload_fonts() {
    ImFontAtlas& atlas = fonts_->atlas;
    std::size_t texture_bytes = presenter_->upload_font_atlas(atlas);
    log_("font atlas: " + std::to_string(atlas.TexWidth) + "x" + std::to_string(atlas.TexHeight) +
         " px, " + std::to_string(ui::glyph_count(atlas)) + " glyphs, em " +
         std::to_string(static_cast<int>(fonts_->set.em)) + " px, texture " +
         std::to_string(texture_bytes / 1024) + " KiB");
    // The atlas's CPU copy of the coverage (2 MB at 1080p) is not needed once uploaded.
    atlas.ClearTexData();
    ui::theme::apply_style(ImGui::GetStyle(), fonts_->set.em);
    ImGui::GetIO().MouseDragThreshold = fonts_->set.em;  // a shaky finger is still a tap
    shown_frame_.forget();
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
            if (setup_.when_idle) {
                setup_.when_idle();
            }
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
        if (window_.take_exposed()) {
            // Another window covered part of the screen: its pixels are gone, draw them again.
            shown_frame_.forget();
            frames_pending = std::max(frames_pending, kFramesAfterTimedChange);
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
    presenter_->new_frame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (window_.pointer_hidden()) {
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    }
    ImGui::NewFrame();
    ui::Ui ui{flow_, strings_, fonts_->set, clock_, hits_, ui_state_, reports_};
    ui::draw_kiosk(ui);
    if (io.MouseReleased[0]) {
        window_.note_release_drawn();
    }
    ImGui::Render();
    stats_.ui_done();
    // Most frames drawn after a tap show what the first one showed, or change a small part
    // of it; only the pixels that can differ are drawn (frame_damage.hpp). A screenshot reads
    // the frame just rendered, so it renders every frame, whole.
    ImDrawData& frame = *ImGui::GetDrawData();
    Damage damage = shown_frame_.replace(frame);
    if (damage.empty() && setup_.screenshot.empty()) {
        stats_.skip_frame();
        return;
    }
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window_.handle(), &width, &height);
    if (!setup_.screenshot.empty() || !presenter_->partial()) {
        damage = whole_screen(width, height);
    }
    presenter_->draw(frame, damage, ui::theme::kBackground, width, height);
    ++frames_drawn_;
    if (!setup_.screenshot.empty() && frames_drawn_ >= setup_.screenshot_after_frames) {
        write_screenshot(setup_.screenshot, presenter_->read_rgb(width, height), width, height);
        log_("screenshot written: " + setup_.screenshot.string());
        screenshot_written_ = true;
    }
    presenter_->present(damage, width, height);
    stats_.note_shaded(damage.area(), static_cast<long long>(width) * height);
    stats_.end_frame();
    if (frames_drawn_ == 1) {
        if (setup_.startup) {
            setup_.startup->done("first frame");
        }
        // Unix time in ms, so bench/kiosk-idle can measure start-up to the first frame.
        const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
        log_("first frame: at " +
             std::to_string(
                 std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count()) +
             " ms unix time");
    }
}

}  // namespace motcua::kiosk::app
