#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/clock.hpp"

using namespace motcua;

namespace {
UtcMillis utc(const std::string& text) {
    UtcMillis out = 0;
    REQUIRE(parse_utc_iso8601(text, out));
    return out;
}
}  // namespace

TEST_CASE("days_from_civil and civil_from_days agree with known dates", "[clock]") {
    CHECK(days_from_civil("1970-01-01") == 0);
    CHECK(days_from_civil("1970-01-02") == 1);
    CHECK(days_from_civil("1969-12-31") == -1);
    CHECK(days_from_civil("2000-03-01") == 11017);
    CHECK(days_from_civil("2022-12-28") == 19354);
    CHECK(civil_from_days(19354) == "2022-12-28");
    CHECK(civil_from_days(-719468) == "0000-03-01");
    const std::int64_t first = days_from_civil("0000-01-01");
    const std::int64_t last = days_from_civil("9999-12-31");
    CHECK(civil_from_days(first) == "0000-01-01");
    CHECK(civil_from_days(last) == "9999-12-31");
    CHECK_THROWS_AS(civil_from_days(last + 1), std::out_of_range);
    for (std::int64_t day = first; day <= last; day += 997) {
        CHECK(days_from_civil(civil_from_days(day)) == day);
    }
    CHECK_THROWS_AS(days_from_civil("2022-02-30"), std::invalid_argument);
}

TEST_CASE("is_valid_date knows leap years", "[clock]") {
    CHECK(is_valid_date("2024-02-29"));
    CHECK(is_valid_date("2000-02-29"));        // divisible by 400
    CHECK_FALSE(is_valid_date("1900-02-29"));  // divisible by 100 only
    CHECK_FALSE(is_valid_date("2023-02-29"));
    CHECK(is_valid_date("2023-12-31"));
    CHECK_FALSE(is_valid_date("2023-13-01"));
    CHECK_FALSE(is_valid_date("2023-04-31"));
    CHECK_FALSE(is_valid_date("2023-00-10"));
    CHECK_FALSE(is_valid_date("2023-1-01"));
    CHECK_FALSE(is_valid_date("2023/01/01"));
    CHECK_FALSE(is_valid_date(""));
    CHECK(days_from_civil("2024-03-01") - days_from_civil("2024-02-28") == 2);
    CHECK(days_from_civil("2023-03-01") - days_from_civil("2023-02-28") == 1);
}

TEST_CASE("ISO 8601 UTC times round-trip and bad ones are refused", "[clock]") {
    CHECK(format_utc_iso8601(0) == "1970-01-01T00:00:00.000Z");
    CHECK(format_utc_iso8601(-1) == "1969-12-31T23:59:59.999Z");
    const UtcMillis when = utc("2022-12-28T02:15:30.250Z");
    CHECK(format_utc_iso8601(when) == "2022-12-28T02:15:30.250Z");
    CHECK(utc("2022-12-28T02:15:30Z") == when - 250);
    CHECK(utc("2024-02-29T23:59:59.999Z") + 1 == utc("2024-03-01T00:00:00Z"));
    UtcMillis out = 0;
    for (const char* bad :
         {"", "2022-12-28", "2022-12-28T24:00:00Z", "2022-12-28T02:60:00Z", "2022-12-28T02:15:30",
          "2022-12-28T02:15:30+07:00", "2022-02-30T00:00:00Z", "2022-12-28 02:15:30Z",
          "2022-12-28T02:15:30.25Z", "2022-12-28T02:15:30,250Z"}) {
        INFO(bad);
        CHECK_FALSE(parse_utc_iso8601(bad, out));
    }
}

TEST_CASE("local_date follows the offset across midnight", "[clock]") {
    // 17:00 UTC is already the next day in Vietnam (+07:00).
    CHECK(local_date(utc("2022-12-27T17:00:00Z"), 420) == "2022-12-28");
    CHECK(local_date(utc("2022-12-27T16:59:59.999Z"), 420) == "2022-12-27");
    CHECK(local_date(utc("2022-12-27T16:59:59.999Z"), 0) == "2022-12-27");
    // West of Greenwich the local day is still the previous one.
    CHECK(local_date(utc("2023-01-01T03:00:00Z"), -300) == "2022-12-31");
    CHECK(local_date(utc("2024-02-29T20:00:00Z"), 300) == "2024-03-01");
    CHECK(local_date(-1, 0) == "1969-12-31");
}

TEST_CASE("ManualClock moves only when told and SystemClock reads the time zone", "[clock]") {
    ManualClock clock(utc("2022-12-28T01:00:00Z"));
    CHECK(clock.utc_offset_minutes(clock.now_utc()) == 420);
    clock.advance_ms(60'000);
    CHECK(format_utc_iso8601(clock.now_utc()) == "2022-12-28T01:01:00.000Z");
    clock.set_offset(-60);
    CHECK(clock.utc_offset_minutes(0) == -60);

    const char* previous = std::getenv("TZ");
    const std::string saved = previous != nullptr ? previous : "";
    setenv("TZ", "ICT-7", 1);  // POSIX form: needs no tzdata
    tzset();
    SystemClock system;
    CHECK(system.utc_offset_minutes(utc("2022-12-28T01:00:00Z")) == 420);
    setenv("TZ", "UTC0", 1);
    tzset();
    CHECK(system.utc_offset_minutes(utc("2022-12-28T01:00:00Z")) == 0);
    if (previous != nullptr) {
        setenv("TZ", saved.c_str(), 1);
    } else {
        unsetenv("TZ");
    }
    tzset();
    CHECK(system.now_utc() > utc("2022-12-28T00:00:00Z"));
}

namespace {

// Local time is UTC+1 before `change` and UTC+2 from it on, like a summer-time switch.
class ChangingClock final : public motcua::Clock {
  public:
    ChangingClock(motcua::UtcMillis now, motcua::UtcMillis change) : now_(now), change_(change) {}
    motcua::UtcMillis now_utc() const override { return now_; }
    int utc_offset_minutes(motcua::UtcMillis when) const override {
        return when < change_ ? 60 : 120;
    }

  private:
    motcua::UtcMillis now_;
    motcua::UtcMillis change_;
};

}  // namespace

TEST_CASE("a local time is placed in UTC with the offset in force then", "[clock]") {
    ManualClock vietnam(utc("2024-03-10T05:00:00Z"), 420);
    LocalMoment noon = utc_of_local_time(vietnam, "2024-03-05", 12 * 60);
    CHECK(noon.utc == utc("2024-03-05T05:00:00Z"));
    CHECK(noon.offset_minutes == 420);
    CHECK(local_date(noon.utc, noon.offset_minutes) == "2024-03-05");

    // Today's offset (+2) would put 00:30 local on the day before the change; the offset in
    // force then (+1) puts it right.
    ChangingClock summer(utc("2024-04-10T12:00:00Z"), utc("2024-03-31T01:00:00Z"));
    LocalMoment before = utc_of_local_time(summer, "2024-03-30", 30);
    CHECK(before.offset_minutes == 60);
    CHECK(before.utc == utc("2024-03-29T23:30:00Z"));
    LocalMoment after = utc_of_local_time(summer, "2024-04-01", 12 * 60);
    CHECK(after.offset_minutes == 120);
    CHECK(after.utc == utc("2024-04-01T10:00:00Z"));

    CHECK_THROWS_AS(utc_of_local_time(vietnam, "2024-02-30", 0), std::invalid_argument);
}
