// The nightly window, the per-kiosk offset and the catch-up rule, on a clock the test moves.

#include <catch2/catch.hpp>
#include <set>

#include "sync/scheduler.hpp"

using namespace motcua;

namespace {

constexpr int kVietnam = 420;
constexpr std::int64_t kMinute = 60000;
constexpr std::int64_t kHour = 60 * kMinute;

// UTC of a local date and minute of the day in Vietnam.
UtcMillis local(const std::string& date, int minute_of_day) {
    return days_from_civil(date) * 24 * kHour + minute_of_day * kMinute - kVietnam * kMinute;
}

RunReason decide(const SyncSchedule& schedule, UtcMillis now, const SyncHistory& history) {
    ManualClock clock(now, kVietnam);
    return schedule.decide(clock, history);
}

}  // namespace

TEST_CASE("each kiosk gets a stable offset inside the first three quarters of the window") {
    const ScheduleSettings settings;  // 01:00-04:00
    std::set<int> offsets;
    for (int i = 0; i < 40; ++i) {
        const std::string id = "dienbien-kiosk-" + std::to_string(i);
        const SyncSchedule schedule(settings, id);
        CHECK(schedule.kiosk_offset_minutes() >= 0);
        CHECK(schedule.kiosk_offset_minutes() < 135);
        CHECK(SyncSchedule(settings, id).kiosk_offset_minutes() == schedule.kiosk_offset_minutes());
        offsets.insert(schedule.kiosk_offset_minutes());
    }
    CHECK(offsets.size() >= 20);  // spread, not piled on one minute
}

TEST_CASE("the nightly run happens once per night at the kiosk's planned minute") {
    const SyncSchedule schedule(ScheduleSettings{}, "kiosk-a");
    const int planned_minute = 60 + schedule.kiosk_offset_minutes();
    const UtcMillis planned = local("2024-05-02", planned_minute);
    CHECK(schedule.latest_planned_run(planned + 5 * kMinute, kVietnam) == planned);
    CHECK(schedule.latest_planned_run(planned - kMinute, kVietnam) == planned - 24 * kHour);

    SyncHistory history;
    history.last_success_utc = planned - 20 * kHour;  // yesterday evening: fresh
    history.last_attempt_utc = history.last_success_utc;

    CHECK(decide(schedule, planned - kMinute, history) == RunReason::none);
    CHECK(decide(schedule, planned, history) == RunReason::nightly);
    CHECK(decide(schedule, planned + 30 * kMinute, history) == RunReason::nightly);

    SECTION("after a success, nothing more that night") {
        history.last_attempt_utc = planned;
        history.last_success_utc = planned + kMinute;
        CHECK(decide(schedule, planned + 10 * kMinute, history) == RunReason::none);
        CHECK(decide(schedule, local("2024-05-02", 239), history) == RunReason::none);
        CHECK(decide(schedule, planned + 24 * kHour, history) == RunReason::nightly);
    }
    SECTION("after a failure, again after the retry interval while the window lasts") {
        history.last_attempt_utc = planned;
        CHECK(decide(schedule, planned + 10 * kMinute, history) == RunReason::none);
        CHECK(decide(schedule, planned + 30 * kMinute, history) == RunReason::nightly);
        history.last_attempt_utc = local("2024-05-02", 230);
        CHECK(decide(schedule, local("2024-05-02", 240), history) == RunReason::none);
        // By mid-morning the last success is more than a day old: catch up.
        CHECK(decide(schedule, local("2024-05-02", 600), history) == RunReason::catch_up);
    }
}

TEST_CASE("a kiosk whose last success is older than a day catches up at once") {
    const SyncSchedule schedule(ScheduleSettings{}, "kiosk-b");
    const UtcMillis afternoon = local("2024-05-02", 14 * 60);
    SyncHistory history;
    CHECK(decide(schedule, afternoon, history) == RunReason::catch_up);  // never synced

    history.last_success_utc = afternoon - 25 * kHour;
    history.last_attempt_utc = history.last_success_utc;
    CHECK(decide(schedule, afternoon, history) == RunReason::catch_up);

    history.last_attempt_utc = afternoon - 10 * kMinute;  // a catch-up just failed
    CHECK(decide(schedule, afternoon, history) == RunReason::none);
    CHECK(decide(schedule, afternoon + 20 * kMinute, history) == RunReason::catch_up);

    history.last_success_utc = afternoon - 23 * kHour;
    history.last_attempt_utc = history.last_success_utc;
    CHECK(decide(schedule, afternoon, history) == RunReason::none);
}

TEST_CASE("a request from staff runs at once") {
    const SyncSchedule schedule(ScheduleSettings{}, "kiosk-c");
    const UtcMillis noon = local("2024-05-02", 12 * 60);
    SyncHistory history;
    history.last_success_utc = noon - kHour;
    history.last_attempt_utc = noon - kMinute;
    CHECK(decide(schedule, noon, history) == RunReason::none);
    history.on_demand = true;
    CHECK(decide(schedule, noon, history) == RunReason::on_demand);
}

TEST_CASE("a window may cross midnight") {
    const ScheduleSettings settings = schedule_from_window("23:00", "02:00");
    const SyncSchedule schedule(settings, "kiosk-d");
    const int offset = schedule.kiosk_offset_minutes();
    CHECK(offset < 135);
    const UtcMillis planned = local("2024-05-01", 23 * 60 + offset);
    SyncHistory history;
    history.last_success_utc = planned - 20 * kHour;
    history.last_attempt_utc = history.last_success_utc;
    CHECK(decide(schedule, planned - kMinute, history) == RunReason::none);
    CHECK(decide(schedule, planned, history) == RunReason::nightly);
    CHECK(decide(schedule, local("2024-05-02", 2 * 60), history) == RunReason::none);
}

TEST_CASE("window times are HH:MM and may not be equal") {
    int minutes = -1;
    CHECK(parse_time_of_day("01:30", minutes));
    CHECK(minutes == 90);
    CHECK_FALSE(parse_time_of_day("24:00", minutes));
    CHECK_FALSE(parse_time_of_day("1:30", minutes));
    CHECK_FALSE(parse_time_of_day("01-30", minutes));
    CHECK_THROWS_WITH(schedule_from_window("01:00", "1am"), Catch::Contains("sync.window_end"));
    CHECK_THROWS_WITH(schedule_from_window("02:00", "02:00"), Catch::Contains("empty"));
}
