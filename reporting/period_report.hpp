#pragma once
// The indicator table for a period, in the layout of the province's appendix table: one row per
// unit (this kiosk's unit) or per official, with the nine indicator means, the count of ratings
// behind every figure, the total, the band and the per-official score. Plain structs built from
// the store's Aggregates and the scoring profile; used by `motcua report` and the kiosk's staff
// screen, rendered by report_render.hpp.
//
// Rules the numbers follow:
//  - every figure is core's score_row / official_score over the store's aggregate: unrounded
//    means, missing indicators missing (never zero), the band only for a complete row;
//  - rows by official are shown only for officials with at least `min_ratings_per_official`
//    ratings in the period; the others are counted in `officials_hidden`;
//  - voided ratings appear only in `voided`.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/scoring.hpp"
#include "core/text.hpp"
#include "storage/store.hpp"

namespace motcua {

enum class ReportGrouping { unit, official };
std::string_view to_string(ReportGrouping grouping);
bool parse_report_grouping(std::string_view text, ReportGrouping& out);

struct ReportRow {
    std::string key;     // the unit code, or the official id
    LocalizedText name;  // the unit's name, or the official's name (the same in both languages)
    ScoreRow scores;
    std::optional<double> official_score;  // the profile's per-official formula
};

struct PeriodReport {
    std::string from_date;  // inclusive, YYYY-MM-DD
    std::string to_date;    // inclusive
    ReportGrouping grouping = ReportGrouping::unit;
    std::string kiosk_id;
    std::string unit_code;
    LocalizedText unit_name;
    ScoringProfile profile;  // columns, sources and band names

    std::vector<ReportRow> rows;  // unit: exactly one row; official: by official id
    std::int64_t ratings = 0;     // non-voided ratings in the period
    std::int64_t voided = 0;
    int min_ratings_per_official = 0;
    std::int64_t officials_hidden = 0;      // only for grouping == official
    std::int64_t unattributed_ratings = 0;  // only for grouping == official
};

struct ReportSettings {
    std::string kiosk_id;
    std::string unit_code;
    LocalizedText unit_name;
    int min_ratings_per_official = 5;
};

// Builds the report from figures already read from the store. For grouping == unit only
// `period` is used; for grouping == official `by_official` (keyed by official id, "" for
// unattributed ratings) gives the rows and `officials` their names.
PeriodReport make_period_report(const std::string& from_date, const std::string& to_date,
                                ReportGrouping grouping, const Aggregates& period,
                                const std::map<std::string, Aggregates>& by_official,
                                const std::vector<Official>& officials,
                                const ScoringProfile& profile, const ReportSettings& settings);

// Reads the period's figures from the store and builds the report. Throws std::invalid_argument
// when a date is not a real YYYY-MM-DD date or from_date is after to_date; StoreError from the
// store.
PeriodReport load_period_report(Store& store, const std::string& from_date,
                                const std::string& to_date, ReportGrouping grouping,
                                const ScoringProfile& profile, const ReportSettings& settings);

}  // namespace motcua
