#include "kiosk/app/frame_stats.hpp"

#include <cstdio>

namespace motcua::kiosk::app {

std::string FrameStats::summary() const {
    double frames = frames_ > 0 ? static_cast<double>(frames_) : 1.0;
    char text[200];
    std::snprintf(text, sizeof text,
                  "frames=%lld cpu_ms_per_frame=%.2f ui_cpu_ms_per_frame=%.2f "
                  "wall_ms_per_frame=%.2f wakeups=%lld",
                  static_cast<long long>(frames_), static_cast<double>(cpu_ns_) / 1e6 / frames,
                  static_cast<double>(ui_cpu_ns_) / 1e6 / frames,
                  static_cast<double>(wall_ns_) / 1e6 / frames, static_cast<long long>(wakeups_));
    return text;
}

}  // namespace motcua::kiosk::app
