#pragma once
// CPU and wall time spent drawing frames, for bench/kiosk-idle. Process CPU time is measured
// (not thread time) because Mesa's software rasteriser draws on threads of its own. A frame is
// either shown (rendered and swapped) or skipped (built by ImGui, found to be the very frame
// on screen already, not rendered).

#include <algorithm>
#include <array>
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
        std::size_t bin = static_cast<std::size_t>(std::max<std::int64_t>(cpu, 0) / kBinNs);
        ++cpu_histogram_[std::min(bin, cpu_histogram_.size() - 1)];
        wall_ns_ += wall_now() - wall_start_;
        ++frames_;
    }
    // The frame just shown shaded `pixels` of the screen's `screen` pixels (its damage).
    void note_shaded(long long pixels, long long screen) {
        shaded_pixels_ += pixels;
        screen_pixels_ += screen;
    }
    void skip_frame() {
        skipped_cpu_ns_ += cpu_now() - cpu_start_;
        ++skipped_;
    }
    void note_wakeup() { ++wakeups_; }

    // "frames=N skipped=S cpu_ms_per_frame=X cpu_ms_median_per_frame=M ui_cpu_ms_per_frame=U
    // wall_ms_per_frame=Y cpu_ms_total=T first_frame_cpu_ms=F wakeups=W shaded_pct=P": N
    // frames shown, X ms of CPU per frame shown (mean, UI included) and M the median, S frames
    // skipped, U ms of CPU in ImGui per frame built (shown or skipped), Y ms of wall time per
    // frame shown, T ms of CPU for all frames, F ms of them for the first frame (Mesa compiles
    // its shaders then), W wake-ups from sleep, P the share of the screen's pixels the frames
    // shown shaded (their damage), in percent. The median is to 0.05 ms (frames over 200 ms
    // count as 200 ms).
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
    // Frames shown by their CPU time in 0.05 ms bins, for the median: a kiosk runs for months,
    // so the frames' times are not kept one by one.
    static constexpr std::int64_t kBinNs = 50000;
    std::array<std::uint32_t, 4000> cpu_histogram_{};
    long long shaded_pixels_ = 0;
    long long screen_pixels_ = 0;
};

}  // namespace motcua::kiosk::app
