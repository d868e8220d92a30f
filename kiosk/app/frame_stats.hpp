#pragma once
// CPU and wall time spent drawing frames, for bench/kiosk-idle. Process CPU time is measured
// (not thread time) because Mesa's software rasteriser draws on threads of its own. A frame is
// either shown (rendered and swapped) or skipped (built by ImGui, found to be the very frame
// on screen already, not rendered).

#include <cstdint>
#include <ctime>
#include <string>

namespace motcua::kiosk::app {

class FrameStats {
  public:
    void begin_frame() {
        cpu_start_ = cpu_now();
        wall_start_ = wall_now();
    }
    // The part spent building the frame in ImGui (screens, text layout), before OpenGL.
    void ui_done() { ui_cpu_ns_ += cpu_now() - cpu_start_; }
    void end_frame() {
        std::int64_t cpu = cpu_now() - cpu_start_;
        if (frames_ == 0) {
            first_frame_cpu_ns_ = cpu;
        }
        cpu_ns_ += cpu;
        wall_ns_ += wall_now() - wall_start_;
        ++frames_;
    }
    void skip_frame() {
        skipped_cpu_ns_ += cpu_now() - cpu_start_;
        ++skipped_;
    }
    void note_wakeup() { ++wakeups_; }

    // "frames=N skipped=S cpu_ms_per_frame=X ui_cpu_ms_per_frame=U wall_ms_per_frame=Y
    // cpu_ms_total=T first_frame_cpu_ms=F wakeups=W": N frames shown and X ms of CPU per frame
    // shown (UI included), S frames skipped, U ms of CPU in ImGui per frame built (shown or
    // skipped), Y ms of wall time per frame shown, T ms of CPU for all frames, F ms of them for
    // the first frame (Mesa compiles its shaders then), W wake-ups from sleep.
    std::string summary() const;

  private:
    static std::int64_t cpu_now() { return read(CLOCK_PROCESS_CPUTIME_ID); }
    static std::int64_t wall_now() { return read(CLOCK_MONOTONIC); }
    static std::int64_t read(clockid_t id) {
        timespec ts{};
        clock_gettime(id, &ts);
        return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }

    std::int64_t cpu_start_ = 0;
    std::int64_t wall_start_ = 0;
    std::int64_t cpu_ns_ = 0;
    std::int64_t ui_cpu_ns_ = 0;
    std::int64_t wall_ns_ = 0;
    std::int64_t skipped_cpu_ns_ = 0;
    std::int64_t first_frame_cpu_ns_ = 0;
    std::int64_t frames_ = 0;
    std::int64_t skipped_ = 0;
    std::int64_t wakeups_ = 0;
};

}  // namespace motcua::kiosk::app
