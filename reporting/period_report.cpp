#include "reporting/period_report.hpp"

#include <stdexcept>

#include "core/clock.hpp"

namespace motcua {

std::string_view to_string(ReportGrouping grouping) {
    return grouping == ReportGrouping::official ? "official" : "unit";
}

bool parse_report_grouping(std::string_view text, ReportGrouping& out) {
    if (text == "unit") {
        out = ReportGrouping::unit;
        return true;
    }
    if (text == "official") {
        out = ReportGrouping::official;
        return true;
    }
    return false;
}

namespace {

ReportRow row_of(const std::string& key, const LocalizedText& name, const Aggregates& figures,
                 const ScoringProfile& profile) {
    ReportRow row;
    row.key = key;
    row.name = name;
    row.scores = score_row(profile, figures.indicators, {}, figures.ratings);
    row.official_score = official_score(profile, figures.indicators);
    return row;
}

LocalizedText official_name(const std::vector<Official>& officials, const std::string& id) {
    for (const auto& official : officials) {
        if (official.id == id) {
            return LocalizedText{official.name, official.name};
        }
    }
    return LocalizedText{};
}

}  // namespace

PeriodReport make_period_report(const std::string& from_date, const std::string& to_date,
                                ReportGrouping grouping, const Aggregates& period,
                                const std::map<std::string, Aggregates>& by_official,
                                const std::vector<Official>& officials,
                                const ScoringProfile& profile, const ReportSettings& settings) {
    PeriodReport report;
    report.from_date = from_date;
    report.to_date = to_date;
    report.grouping = grouping;
    report.kiosk_id = settings.kiosk_id;
    report.unit_code = settings.unit_code;
    report.unit_name = settings.unit_name;
    report.profile = profile;
    report.ratings = period.ratings;
    report.voided = period.voided;
    report.min_ratings_per_official = settings.min_ratings_per_official;

    if (grouping == ReportGrouping::unit) {
        report.rows.push_back(row_of(settings.unit_code, settings.unit_name, period, profile));
        return report;
    }
    for (const auto& [official_id, figures] : by_official) {
        if (official_id.empty()) {
            report.unattributed_ratings += figures.ratings;
        } else if (figures.ratings >= settings.min_ratings_per_official && figures.ratings > 0) {
            report.rows.push_back(
                row_of(official_id, official_name(officials, official_id), figures, profile));
        } else if (figures.ratings > 0) {
            ++report.officials_hidden;
        }
    }
    return report;
}

PeriodReport load_period_report(Store& store, const std::string& from_date,
                                const std::string& to_date, ReportGrouping grouping,
                                const ScoringProfile& profile, const ReportSettings& settings) {
    for (const auto& date : {from_date, to_date}) {
        if (!is_valid_date(date)) {
            throw std::invalid_argument("not a date in the form YYYY-MM-DD: '" + date + "'");
        }
    }
    if (from_date > to_date) {
        throw std::invalid_argument("the period starts (" + from_date + ") after it ends (" +
                                    to_date + ")");
    }
    RatingFilter filter{from_date, to_date, std::nullopt};
    Aggregates period = store.aggregate(filter);
    std::map<std::string, Aggregates> by_official;
    std::vector<Official> officials;
    if (grouping == ReportGrouping::official) {
        by_official = store.aggregate_by_official(filter);
        officials = store.list_officials();
    }
    return make_period_report(from_date, to_date, grouping, period, by_official, officials, profile,
                              settings);
}

}  // namespace motcua
