#pragma once
// CPU and wall time spent drawing frames, for bench/kiosk-idle. Process CPU time is measured
// (not thread time) because Mesa's software rasteriser draws on threads of its own.

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
        cpu_ns_ += cpu_now() - cpu_start_;
        wall_ns_ += wall_now() - wall_start_;
        ++frames_;
    }
    void note_wakeup() { ++wakeups_; }

    // "frames=N cpu_ms_per_frame=X ui_cpu_ms_per_frame=U wall_ms_per_frame=Y wakeups=W"
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
    std::int64_t frames_ = 0;
    std::int64_t wakeups_ = 0;
};

}  // namespace motcua::kiosk::app
