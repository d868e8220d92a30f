#pragma once
// When the kiosk uploads, as pure logic over a Clock: a nightly window (default 01:00-04:00
// local) with a per-kiosk offset inside it, derived from the kiosk id, so a province's kiosks
// do not all arrive at once; a catch-up run whenever the last success is older than a day
// (at start-up in particular); and runs on demand.

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace motcua {

struct ScheduleSettings {
    int window_start_minute = 60;  // minutes after local midnight
    int window_end_minute = 240;   // may be earlier than the start: the window crosses midnight
    std::int64_t catch_up_after_ms = 24LL * 3600 * 1000;
    // After a failed run, wait this long before trying again (inside the window or catching up).
    std::int64_t retry_after_failure_ms = 30LL * 60 * 1000;
};

// "HH:MM" (00:00..23:59) to minutes after midnight; false when malformed.
bool parse_time_of_day(const std::string& text, int& minutes_out);

// The window from the configuration's "HH:MM" texts; throws std::invalid_argument naming the
// bad value, or when start and end are equal (an empty window).
ScheduleSettings schedule_from_window(const std::string& start, const std::string& end);

struct SyncHistory {
    std::optional<UtcMillis> last_success_utc;
    std::optional<UtcMillis> last_attempt_utc;
    bool on_demand = false;  // someone asked for a sync now
};

enum class RunReason { none, on_demand, catch_up, nightly };
std::string_view to_string(RunReason reason);

class SyncSchedule {
  public:
    SyncSchedule(ScheduleSettings settings, const std::string& kiosk_id);

    // Minutes after the window's start at which this kiosk's nightly run is planned: a
    // deterministic hash of the kiosk id, spread over the first three quarters of the window so
    // a failed first try still has time to be retried inside it.
    int kiosk_offset_minutes() const { return offset_minutes_; }

    // The planned nightly run that most recently began at or before `now` (UTC), with the local
    // offset `utc_offset_minutes` in force.
    UtcMillis latest_planned_run(UtcMillis now, int utc_offset_minutes) const;

    // Whether to run now, and why. On demand wins; then catch-up; then the nightly window.
    RunReason decide(const Clock& clock, const SyncHistory& history) const;

  private:
    bool inside_window(UtcMillis now, int utc_offset_minutes) const;

    ScheduleSettings settings_;
    int window_minutes_;
    int offset_minutes_;
};

}  // namespace motcua
