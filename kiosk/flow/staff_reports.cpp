#include "kiosk/flow/staff_reports.hpp"

#include <algorithm>
#include <cstdio>

namespace motcua::kiosk {

namespace {

struct Civil {
    int year = 0;
    int month = 0;
    int day = 0;
};

Civil split(const std::string& date) {
    Civil civil;
    std::sscanf(date.c_str(), "%d-%d-%d", &civil.year, &civil.month, &civil.day);
    return civil;
}

std::string join(int year, int month, int day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

std::string add_days(const std::string& date, std::int64_t days) {
    return civil_from_days(days_from_civil(date) + days);
}

// The last day of `month` (1..12) of `year`: the day before the first of the next month.
std::string last_day_of(int year, int month) {
    std::string first_of_next = month == 12 ? join(year + 1, 1, 1) : join(year, month + 1, 1);
    return add_days(first_of_next, -1);
}

// The same day of month `months` months away, clamped to that month's last day.
std::string add_months(const std::string& date, int months) {
    Civil civil = split(date);
    int index = civil.year * 12 + (civil.month - 1) + months;
    int year = index / 12;
    int month = index % 12 + 1;
    std::string last = last_day_of(year, month);
    return std::min(join(year, month, civil.day), last);
}

int months_in(PeriodKind kind) {
    switch (kind) {
        case PeriodKind::month:
            return 1;
        case PeriodKind::quarter:
            return 3;
        case PeriodKind::year:
            return 12;
        case PeriodKind::custom:
            break;
    }
    return 0;
}

}  // namespace

DateRange period_containing(PeriodKind kind, const std::string& date) {
    Civil civil = split(date);
    switch (kind) {
        case PeriodKind::month:
            return {join(civil.year, civil.month, 1), last_day_of(civil.year, civil.month)};
        case PeriodKind::quarter: {
            int first_month = (civil.month - 1) / 3 * 3 + 1;
            return {join(civil.year, first_month, 1), last_day_of(civil.year, first_month + 2)};
        }
        case PeriodKind::year:
            return {join(civil.year, 1, 1), join(civil.year, 12, 31)};
        case PeriodKind::custom:
            break;
    }
    return {date, date};
}

StaffReports::StaffReports(ReportSource& source, const Clock& clock)
    : source_(source), clock_(clock) {}

void StaffReports::refresh_for(const StaffMember& viewer) {
    bool new_viewer = !viewer_ || viewer_->id != viewer.id || viewer_->role != viewer.role;
    viewer_ = viewer;
    UtcMillis now = clock_.now_utc();
    today_ = local_date(now, clock_.utc_offset_minutes(now));
    if (new_viewer) {
        day_ = today_;
        period_kind_ = PeriodKind::month;
        period_ = period_containing(PeriodKind::month, today_);
    }
    day_ = std::min(day_, today_);
    last_export_.reset();
    load_tally();
    load_reports();
    refresh_folders();
}

bool StaffReports::sees_everyone() const {
    return viewer_ && viewer_->role != StaffRole::official;
}

//-----------------------------------------------------------------------------
// Daily tally
//-----------------------------------------------------------------------------

void StaffReports::previous_day() {
    day_ = add_days(day_, -1);
    load_tally();
}

void StaffReports::next_day() {
    if (day_ >= today_) {
        return;
    }
    day_ = add_days(day_, 1);
    load_tally();
}

void StaffReports::show_today() {
    day_ = today_;
    load_tally();
}

void StaffReports::load_tally() {
    tally_.reset();
    tally_error_.clear();
    if (!viewer_) {
        return;
    }
    Fetched<DayTally> fetched = source_.day_tally(day_);
    if (!fetched.value) {
        tally_error_ = fetched.error;
        return;
    }
    if (!sees_everyone()) {
        std::erase_if(fetched.value->officials, [this](const OfficialFigures& figures) {
            return figures.official_id != viewer_->id;
        });
    }
    tally_ = std::move(fetched.value);
}

//-----------------------------------------------------------------------------
// Period report
//-----------------------------------------------------------------------------

void StaffReports::set_period_kind(PeriodKind kind) {
    if (kind == period_kind_) {
        return;
    }
    period_kind_ = kind;
    if (kind != PeriodKind::custom) {
        period_ = period_containing(kind, period_.from);
    }
    load_reports();
}

void StaffReports::previous_period() {
    if (period_kind_ == PeriodKind::custom) {
        std::int64_t length = days_from_civil(period_.to) - days_from_civil(period_.from) + 1;
        period_ = {add_days(period_.from, -length), add_days(period_.to, -length)};
    } else {
        period_ =
            period_containing(period_kind_, add_months(period_.from, -months_in(period_kind_)));
    }
    load_reports();
}

void StaffReports::next_period() {
    if (period_kind_ == PeriodKind::custom) {
        std::int64_t length = days_from_civil(period_.to) - days_from_civil(period_.from) + 1;
        period_ = {add_days(period_.from, length), add_days(period_.to, length)};
    } else {
        period_ =
            period_containing(period_kind_, add_months(period_.from, months_in(period_kind_)));
    }
    load_reports();
}

void StaffReports::move_custom_from(int days) {
    period_.from = add_days(period_.from, days);
    period_.to = std::max(period_.to, period_.from);
    load_reports();
}

void StaffReports::move_custom_to(int days) {
    period_.to = add_days(period_.to, days);
    period_.from = std::min(period_.from, period_.to);
    load_reports();
}

void StaffReports::load_reports() {
    unit_report_.reset();
    official_report_.reset();
    report_error_.clear();
    if (!viewer_) {
        return;
    }
    Fetched<PeriodReport> unit =
        source_.period_report(period_.from, period_.to, ReportGrouping::unit);
    Fetched<PeriodReport> by_official =
        source_.period_report(period_.from, period_.to, ReportGrouping::official);
    if (!unit.value || !by_official.value) {
        report_error_ = unit.value ? by_official.error : unit.error;
        return;
    }
    if (!sees_everyone()) {
        std::erase_if(by_official.value->rows,
                      [this](const ReportRow& row) { return row.key != viewer_->id; });
    }
    unit_report_ = std::move(unit.value);
    official_report_ = std::move(by_official.value);
}

//-----------------------------------------------------------------------------
// Export
//-----------------------------------------------------------------------------

void StaffReports::refresh_folders() {
    std::optional<std::filesystem::path> chosen;
    if (chosen_folder_ < folders_.size()) {
        chosen = folders_[chosen_folder_].path;
    }
    folders_ = source_.export_folders();
    chosen_folder_ = 0;
    for (std::size_t i = 0; i < folders_.size(); ++i) {
        if (chosen && folders_[i].path == *chosen) {
            chosen_folder_ = i;
        }
    }
}

void StaffReports::choose_folder(std::size_t index) {
    if (index < folders_.size()) {
        chosen_folder_ = index;
        last_export_.reset();
    }
}

void StaffReports::export_report() {
    if (!viewer_ || !unit_report_ || !official_report_ || chosen_folder_ >= folders_.size()) {
        return;
    }
    last_export_ = source_.write_export(*unit_report_, *official_report_,
                                        folders_[chosen_folder_].path, *viewer_);
}

}  // namespace motcua::kiosk
