#include "core/clock.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace motcua {

namespace {

constexpr std::int64_t kMillisPerSecond = 1000;
constexpr std::int64_t kMillisPerDay = 86'400'000;

// Division rounding toward minus infinity, so instants before 1970 fall on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

struct CivilDate {
    std::int64_t year;
    unsigned month;  // 1..12
    unsigned day;    // 1..31
};

bool is_leap_year(std::int64_t year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned days_in_month(std::int64_t year, unsigned month) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_date(const CivilDate& date) {
    const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t year_of_era = year - era * 400;                                  // [0, 399]
    const std::int64_t month_index = date.month > 2 ? date.month - 3 : date.month + 9;  // March = 0
    const std::int64_t day_of_year = (153 * month_index + 2) / 5 + date.day - 1;        // [0, 365]
    const std::int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
    return era * 146097 + day_of_era - 719468;
}

// Howard Hinnant's civil_from_days, the inverse of days_from_date.
CivilDate date_from_days(std::int64_t days) {
    const std::int64_t shifted = days + 719468;
    const std::int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
    const std::int64_t day_of_era = shifted - era * 146097;  // [0, 146096]
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
    const std::int64_t month_index = (5 * day_of_year + 2) / 153;                // March = 0
    const auto day = static_cast<unsigned>(day_of_year - (153 * month_index + 2) / 5 + 1);
    const auto month = static_cast<unsigned>(month_index < 10 ? month_index + 3 : month_index - 9);
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return {year, month, day};
}

// Reads exactly `count` ASCII digits at `pos`.
bool read_digits(const std::string& text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) {
        return false;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    return true;
}

bool parse_date(const std::string& text, CivilDate& out) {
    int year = 0;
    int month = 0;
    int day = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_digits(text, 0, 4, year) ||
        !read_digits(text, 5, 2, month) || !read_digits(text, 8, 2, day)) {
        return false;
    }
    if (month < 1 || month > 12 || day < 1 ||
        static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
        return false;
    }
    out = {year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
    return true;
}

std::string format_date(const CivilDate& date) {
    if (date.year < 0 || date.year > 9999) {
        throw std::out_of_range("date outside the years 0000..9999");
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year), date.month,
                  date.day);
    return buffer;
}

}  // namespace

UtcMillis SystemClock::now_utc() const {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
}

int SystemClock::utc_offset_minutes(UtcMillis when) const {
    const auto seconds = static_cast<std::time_t>(floor_div(when, kMillisPerSecond));
    std::tm local{};
    if (localtime_r(&seconds, &local) == nullptr) {
        return 0;
    }
    return static_cast<int>(local.tm_gmtoff / 60);
}

std::string local_date(UtcMillis when, int offset_minutes) {
    const std::int64_t local_millis = when + std::int64_t{offset_minutes} * 60 * kMillisPerSecond;
    return format_date(date_from_days(floor_div(local_millis, kMillisPerDay)));
}

std::string format_utc_iso8601(UtcMillis when) {
    const std::int64_t days = floor_div(when, kMillisPerDay);
    const std::int64_t millis_of_day = when - days * kMillisPerDay;
    const std::int64_t seconds_of_day = millis_of_day / kMillisPerSecond;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02d.%03dZ",
                  static_cast<int>(seconds_of_day / 3600),
                  static_cast<int>(seconds_of_day / 60 % 60), static_cast<int>(seconds_of_day % 60),
                  static_cast<int>(millis_of_day % kMillisPerSecond));
    return format_date(date_from_days(days)) + buffer;
}

bool parse_utc_iso8601(const std::string& text, UtcMillis& out) {
    // "YYYY-MM-DDTHH:MM:SSZ" (20 characters) or "YYYY-MM-DDTHH:MM:SS.mmmZ" (24).
    if (text.size() != 20 && text.size() != 24) {
        return false;
    }
    CivilDate date{};
    int hours = 0;
    int minutes = 0;
    int seconds = 0;
    int millis = 0;
    if (!parse_date(text.substr(0, 10), date) || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':' || text.back() != 'Z' || !read_digits(text, 11, 2, hours) ||
        !read_digits(text, 14, 2, minutes) || !read_digits(text, 17, 2, seconds)) {
        return false;
    }
    if (text.size() == 24 && (text[19] != '.' || !read_digits(text, 20, 3, millis))) {
        return false;
    }
    if (hours > 23 || minutes > 59 || seconds > 59) {
        return false;
    }
    const std::int64_t seconds_of_day = hours * 3600 + minutes * 60 + seconds;
    out = days_from_date(date) * kMillisPerDay + seconds_of_day * kMillisPerSecond + millis;
    return true;
}

bool is_valid_date(const std::string& date) {
    CivilDate parsed{};
    return parse_date(date, parsed);
}

std::int64_t days_from_civil(const std::string& date) {
    CivilDate parsed{};
    if (!parse_date(date, parsed)) {
        throw std::invalid_argument("not a calendar date in the form YYYY-MM-DD: '" + date + "'");
    }
    return days_from_date(parsed);
}

std::string civil_from_days(std::int64_t days) {
    return format_date(date_from_days(days));
}

LocalMoment utc_of_local_time(const Clock& clock, const std::string& date, int minute_of_day) {
    const UtcMillis local_millis = (days_from_civil(date) * 1440 + minute_of_day) * 60000;
    const UtcMillis now = clock.now_utc();
    int offset = clock.utc_offset_minutes(local_millis - clock.utc_offset_minutes(now) * 60000);
    offset = clock.utc_offset_minutes(local_millis - offset * 60000);
    return {local_millis - offset * 60000, offset};
}

}  // namespace motcua
