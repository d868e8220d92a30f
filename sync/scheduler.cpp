#include "sync/scheduler.hpp"

#include <algorithm>
#include <stdexcept>

namespace motcua {

namespace {

constexpr std::int64_t kMinuteMs = 60 * 1000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;
constexpr int kMinutesPerDay = 24 * 60;

// FNV-1a: the same offset for the same kiosk id on every machine and every build (std::hash
// promises neither).
std::uint64_t stable_hash(const std::string& text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

}  // namespace

bool parse_time_of_day(const std::string& text, int& minutes_out) {
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
        return false;
    }
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) {
        return false;
    }
    minutes_out = hours * 60 + minutes;
    return true;
}

ScheduleSettings schedule_from_window(const std::string& start, const std::string& end) {
    ScheduleSettings settings;
    if (!parse_time_of_day(start, settings.window_start_minute)) {
        throw std::invalid_argument("sync.window_start: expected HH:MM, got '" + start + "'");
    }
    if (!parse_time_of_day(end, settings.window_end_minute)) {
        throw std::invalid_argument("sync.window_end: expected HH:MM, got '" + end + "'");
    }
    if (settings.window_start_minute == settings.window_end_minute) {
        throw std::invalid_argument("sync.window_start and sync.window_end are both " + start +
                                    ": the window would be empty");
    }
    return settings;
}

std::string_view to_string(RunReason reason) {
    switch (reason) {
        case RunReason::none:
            return "none";
        case RunReason::on_demand:
            return "on_demand";
        case RunReason::catch_up:
            return "catch_up";
        case RunReason::nightly:
            return "nightly";
    }
    return "none";
}

SyncSchedule::SyncSchedule(ScheduleSettings settings, const std::string& kiosk_id)
    : settings_(settings) {
    const auto in_day = [](int minute) { return minute >= 0 && minute < kMinutesPerDay; };
    if (!in_day(settings_.window_start_minute) || !in_day(settings_.window_end_minute) ||
        settings_.window_start_minute == settings_.window_end_minute) {
        throw std::invalid_argument("sync window: start and end must be distinct times of day");
    }
    window_minutes_ =
        (settings_.window_end_minute - settings_.window_start_minute + kMinutesPerDay) %
        kMinutesPerDay;
    const int spread = std::max(1, window_minutes_ * 3 / 4);
    offset_minutes_ = static_cast<int>(stable_hash(kiosk_id) % static_cast<std::uint64_t>(spread));
}

UtcMillis SyncSchedule::latest_planned_run(UtcMillis now, int utc_offset_minutes) const {
    const std::int64_t local_now = now + utc_offset_minutes * kMinuteMs;
    const std::int64_t local_midnight = floor_div(local_now, kDayMs) * kDayMs;
    std::int64_t planned =
        local_midnight + (settings_.window_start_minute + offset_minutes_) * kMinuteMs;
    while (planned > local_now) {
        planned -= kDayMs;
    }
    return planned - utc_offset_minutes * kMinuteMs;
}

bool SyncSchedule::inside_window(UtcMillis now, int utc_offset_minutes) const {
    const UtcMillis planned = latest_planned_run(now, utc_offset_minutes);
    const UtcMillis window_end = planned + (window_minutes_ - offset_minutes_) * kMinuteMs;
    return now < window_end;
}

RunReason SyncSchedule::decide(const Clock& clock, const SyncHistory& history) const {
    if (history.on_demand) {
        return RunReason::on_demand;
    }
    const UtcMillis now = clock.now_utc();
    const int utc_offset = clock.utc_offset_minutes(now);
    const bool tried_recently = history.last_attempt_utc &&
                                now - *history.last_attempt_utc < settings_.retry_after_failure_ms;
    const bool success_is_stale =
        !history.last_success_utc || now - *history.last_success_utc >= settings_.catch_up_after_ms;
    if (success_is_stale && !tried_recently) {
        return RunReason::catch_up;
    }
    const UtcMillis planned = latest_planned_run(now, utc_offset);
    const bool succeeded_tonight = history.last_success_utc && *history.last_success_utc >= planned;
    const bool tried_tonight = history.last_attempt_utc && *history.last_attempt_utc >= planned;
    if (inside_window(now, utc_offset) && !succeeded_tonight &&
        !(tried_tonight && tried_recently)) {
        return RunReason::nightly;
    }
    return RunReason::none;
}

}  // namespace motcua
