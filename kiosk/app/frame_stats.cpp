#include "kiosk/app/frame_stats.hpp"

#include <cstdio>

namespace motcua::kiosk::app {

std::string FrameStats::summary() const {
    double shown = frames_ > 0 ? static_cast<double>(frames_) : 1.0;
    double built = frames_ + skipped_ > 0 ? static_cast<double>(frames_ + skipped_) : 1.0;
    // The middle frame (the two middle ones for an even count), each at its bin's centre.
    auto at_rank = [this](std::int64_t rank) {
        std::int64_t seen = 0;
        for (std::size_t bin = 0; bin < cpu_histogram_.size(); ++bin) {
            seen += cpu_histogram_[bin];
            if (seen > rank) {
                return (static_cast<double>(bin) + 0.5) * static_cast<double>(kBinNs);
            }
        }
        return 0.0;
    };
    double median_ns = frames_ > 0 ? (at_rank((frames_ - 1) / 2) + at_rank(frames_ / 2)) / 2 : 0;
    double shaded_pct = screen_pixels_ > 0 ? 100.0 * static_cast<double>(shaded_pixels_) /
                                                 static_cast<double>(screen_pixels_)
                                           : 0.0;
    char text[400];
    std::snprintf(text, sizeof text,
                  "frames=%lld skipped=%lld cpu_ms_per_frame=%.2f cpu_ms_median_per_frame=%.2f "
                  "ui_cpu_ms_per_frame=%.2f wall_ms_per_frame=%.2f cpu_ms_total=%.1f "
                  "first_frame_cpu_ms=%.1f wakeups=%lld shaded_pct=%.1f",
                  static_cast<long long>(frames_), static_cast<long long>(skipped_),
                  static_cast<double>(cpu_ns_) / 1e6 / shown, median_ns / 1e6,
                  static_cast<double>(ui_cpu_ns_) / 1e6 / built,
                  static_cast<double>(wall_ns_) / 1e6 / shown,
                  static_cast<double>(cpu_ns_ + skipped_cpu_ns_) / 1e6,
                  static_cast<double>(first_frame_cpu_ns_) / 1e6, static_cast<long long>(wakeups_),
                  shaded_pct);
    return text;
}

}  // namespace motcua::kiosk::app
