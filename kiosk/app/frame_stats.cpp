#include "kiosk/app/frame_stats.hpp"

#include <cstdio>

namespace motcua::kiosk::app {

std::string FrameStats::summary() const {
    double shown = frames_ > 0 ? static_cast<double>(frames_) : 1.0;
    double built = frames_ + skipped_ > 0 ? static_cast<double>(frames_ + skipped_) : 1.0;
    char text[280];
    std::snprintf(text, sizeof text,
                  "frames=%lld skipped=%lld cpu_ms_per_frame=%.2f ui_cpu_ms_per_frame=%.2f "
                  "wall_ms_per_frame=%.2f cpu_ms_total=%.1f first_frame_cpu_ms=%.1f wakeups=%lld",
                  static_cast<long long>(frames_), static_cast<long long>(skipped_),
                  static_cast<double>(cpu_ns_) / 1e6 / shown,
                  static_cast<double>(ui_cpu_ns_) / 1e6 / built,
                  static_cast<double>(wall_ns_) / 1e6 / shown,
                  static_cast<double>(cpu_ns_ + skipped_cpu_ns_) / 1e6,
                  static_cast<double>(first_frame_cpu_ns_) / 1e6, static_cast<long long>(wakeups_));
    return text;
}

}  // namespace motcua::kiosk::app
