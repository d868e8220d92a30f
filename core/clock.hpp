#pragma once
// Time as the product sees it: UTC milliseconds plus the local UTC offset in force at that
// moment. Everything that depends on "now" takes a Clock so tests can move time.

#include <cstdint>
#include <string>

namespace motcua {

using UtcMillis = std::int64_t;  // milliseconds since the Unix epoch, UTC

class Clock {
  public:
    virtual ~Clock() = default;
    virtual UtcMillis now_utc() const = 0;
    // Local offset from UTC in minutes at `when` (Vietnam: +420).
    virtual int utc_offset_minutes(UtcMillis when) const = 0;
};

// The machine's clock and time zone (TZ / /etc/localtime).
class SystemClock final : public Clock {
  public:
    UtcMillis now_utc() const override;
    int utc_offset_minutes(UtcMillis when) const override;
};

// A clock that only moves when told to; for tests and drills.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(UtcMillis start, int offset_minutes = 420)
        : now_(start), offset_(offset_minutes) {}
    UtcMillis now_utc() const override { return now_; }
    int utc_offset_minutes(UtcMillis) const override { return offset_; }
    void advance_ms(std::int64_t ms) { now_ += ms; }
    void set(UtcMillis when) { now_ = when; }
    void set_offset(int minutes) { offset_ = minutes; }

  private:
    UtcMillis now_;
    int offset_;
};

// "YYYY-MM-DD" of the local calendar day at `when` with `offset_minutes`.
std::string local_date(UtcMillis when, int offset_minutes);
// "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string format_utc_iso8601(UtcMillis when);
// Parses what format_utc_iso8601 writes (and the same without milliseconds). False on error.
bool parse_utc_iso8601(const std::string& text, UtcMillis& out);
// Checks "YYYY-MM-DD" is a real calendar date.
bool is_valid_date(const std::string& date);
// Days from 1970-01-01 for a valid "YYYY-MM-DD", and back. days_from_civil throws
// std::invalid_argument for anything else; civil_from_days (like local_date and
// format_utc_iso8601) throws std::out_of_range outside the years 0000..9999.
std::int64_t days_from_civil(const std::string& date);
std::string civil_from_days(std::int64_t days);

// A local wall-clock time placed in UTC: `minute_of_day` on `date` ("YYYY-MM-DD"), with the
// offset `clock` has in force at that moment. The offset is asked twice, because a first guess
// made with today's offset may sit across a change. Throws std::invalid_argument for a date
// that is not valid.
struct LocalMoment {
    UtcMillis utc = 0;
    int offset_minutes = 0;
};
LocalMoment utc_of_local_time(const Clock& clock, const std::string& date, int minute_of_day);

}  // namespace motcua
