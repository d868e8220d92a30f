#pragma once
// The province-wide table of the seed report's appendix: units grouped (departments, then
// district people's committees...), ranked by total within their group, with the nine
// indicator means, total, band, the officials' average score and the number of ratings. Citizen
// indicators come from uploaded ratings, agency indicators from `unit-score set`.

#include <optional>
#include <string>
#include <vector>

#include "core/scoring.hpp"
#include "reporting/report_render.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

struct Period {
    std::string from;  // inclusive YYYY-MM-DD
    std::string to;
};

// "2022" (a year), "2022-Q4" (a quarter), "2022-12" (a month) or "2022-06-01..2022-12-31".
// Throws std::invalid_argument saying what is accepted.
Period parse_period(const std::string& text);
// Checks two dates (real, from <= to); throws std::invalid_argument.
Period make_period(const std::string& from, const std::string& to);

struct UnitRow {
    int rank = 0;  // 1.. within the group; complete rows first, by total, then by name
    UnitInfo unit;
    ScoreRow score;
    std::optional<double> officials_average;  // mean of the per-official scores ("ĐTB CCVC")
};

struct UnitGroup {
    std::string name;  // "" for units not given a group
    std::vector<UnitRow> rows;
};

struct ProvinceReport {
    Period period;
    ScoringProfile profile;
    std::vector<UnitGroup> groups;  // sorted by name; the unnamed group last
};

// Every unit with ratings or agency scores in the period. Agency scores count only when
// entered for exactly this period.
ProvinceReport build_province_report(ServerStore& store, const ScoringProfile& profile,
                                     const Period& period);

// table: a text table per group and a legend of indicator sources; csv: one record per unit
// (RFC 4180); json: the whole report, numbers unrounded, missing figures as null.
std::string render_province_report(const ProvinceReport& report, ReportFormat format);

}  // namespace motcua::server
