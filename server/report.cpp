#include "server/report.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "core/clock.hpp"
#include "reporting/csv.hpp"
#include "reporting/number_format.hpp"
#include "reporting/score_json.hpp"
#include "reporting/text_table.hpp"

// [SECTION] Periods
// [SECTION] Building
// [SECTION] Rendering

namespace motcua::server {

//-----------------------------------------------------------------------------
// [SECTION] Periods
//-----------------------------------------------------------------------------

namespace {

constexpr const char* kPeriodHelp =
    "expected a year (2022), a quarter (2022-Q4), a month (2022-12) or a date range "
    "(2022-06-01..2022-12-31)";

bool all_digits(const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY-MM-01" for a year of four digits and a month 1..12.
std::string month_start(int year, int month) {
    const std::string month_text = std::to_string(month);
    return std::to_string(year) + (month < 10 ? "-0" : "-") + month_text + "-01";
}

std::string last_day_of_month(int year, int month) {
    const std::string next = month == 12 ? month_start(year + 1, 1) : month_start(year, month + 1);
    return civil_from_days(days_from_civil(next) - 1);
}

}  // namespace

Period make_period(const std::string& from, const std::string& to) {
    if (!is_valid_date(from)) {
        throw std::invalid_argument("'" + from + "' is not a date YYYY-MM-DD");
    }
    if (!is_valid_date(to)) {
        throw std::invalid_argument("'" + to + "' is not a date YYYY-MM-DD");
    }
    if (from > to) {
        throw std::invalid_argument("the period starts (" + from + ") after it ends (" + to + ")");
    }
    return Period{from, to};
}

Period parse_period(const std::string& text) {
    const auto range = text.find("..");
    if (range != std::string::npos) {
        return make_period(text.substr(0, range), text.substr(range + 2));
    }
    const std::string year_text = text.substr(0, 4);
    if (text.size() < 4 || !all_digits(year_text)) {
        throw std::invalid_argument("period '" + text + "': " + kPeriodHelp);
    }
    const int year = std::stoi(year_text);
    if (text.size() == 4) {
        return Period{month_start(year, 1), last_day_of_month(year, 12)};
    }
    if (text.size() == 7 && text[4] == '-' && text[5] == 'Q' && text[6] >= '1' && text[6] <= '4') {
        const int quarter = text[6] - '0';
        return Period{month_start(year, quarter * 3 - 2), last_day_of_month(year, quarter * 3)};
    }
    if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(5))) {
        const int month = std::stoi(text.substr(5));
        if (month >= 1 && month <= 12) {
            return Period{month_start(year, month), last_day_of_month(year, month)};
        }
    }
    throw std::invalid_argument("period '" + text + "': " + kPeriodHelp);
}

//-----------------------------------------------------------------------------
// [SECTION] Building
//-----------------------------------------------------------------------------

ProvinceReport build_province_report(ServerStore& store, const ScoringProfile& profile,
                                     const Period& period) {
    const std::map<std::string, UnitTallies> tallies = store.tallies(period.from, period.to);
    std::map<std::string, std::map<std::string, double>> agency;
    for (const UnitScore& score : store.unit_scores(period.from, period.to)) {
        agency[score.unit_code][score.indicator] = score.score;
    }
    std::map<std::string, UnitInfo> known;
    for (const UnitInfo& unit : store.list_units()) {
        known[unit.unit_code] = unit;
    }
    std::set<std::string> codes;
    for (const auto& [code, tally] : tallies) {
        codes.insert(code);
    }
    for (const auto& [code, values] : agency) {
        codes.insert(code);
    }

    std::map<std::string, UnitGroup> groups;
    for (const std::string& code : codes) {
        UnitRow row;
        const auto info = known.find(code);
        row.unit = info != known.end() ? info->second : UnitInfo{code, code, ""};
        const auto tally = tallies.find(code);
        const UnitTallies empty;
        const UnitTallies& unit_tally = tally != tallies.end() ? tally->second : empty;
        const auto values = agency.find(code);
        try {
            row.score =
                score_row(profile, unit_tally.indicators,
                          values != agency.end() ? values->second : std::map<std::string, double>{},
                          unit_tally.ratings);
        } catch (const ScoringError& error) {
            throw ScoringError("unit " + code + ": " + error.what());
        }
        double sum = 0;
        int officials = 0;
        for (const auto& [official, indicators] : unit_tally.officials) {
            if (const auto score = official_score(profile, indicators)) {
                sum += *score;
                ++officials;
            }
        }
        if (officials > 0) {
            row.officials_average = sum / officials;
        }
        UnitGroup& group = groups[row.unit.group];
        group.name = row.unit.group;
        group.rows.push_back(std::move(row));
    }

    ProvinceReport report{period, profile, {}};
    for (auto& [name, group] : groups) {
        std::sort(group.rows.begin(), group.rows.end(), [](const UnitRow& a, const UnitRow& b) {
            if (a.score.complete != b.score.complete) {
                return a.score.complete;
            }
            if (a.score.total != b.score.total) {
                return a.score.total > b.score.total;
            }
            return a.unit.name < b.unit.name;
        });
        for (std::size_t i = 0; i < group.rows.size(); ++i) {
            group.rows[i].rank = static_cast<int>(i) + 1;
        }
        report.groups.push_back(std::move(group));
    }
    // Units nobody placed in a group come last.
    std::stable_partition(report.groups.begin(), report.groups.end(),
                          [](const UnitGroup& group) { return !group.name.empty(); });
    return report;
}

//-----------------------------------------------------------------------------
// [SECTION] Rendering
//-----------------------------------------------------------------------------

namespace {

std::string optional_fixed(const std::optional<double>& value) {
    return value ? format_fixed(*value, 2) : "-";
}

std::string render_table(const ProvinceReport& report) {
    const ScoringProfile& profile = report.profile;
    std::string out = "Province-wide results " + report.period.from + " .. " + report.period.to +
                      " (scoring profile " + profile.id + " v" + std::to_string(profile.version) +
                      ")\n";
    std::vector<std::string> headers = {"STT", "Unit"};
    std::vector<Align> align = {Align::right, Align::left};
    for (const IndicatorDef& indicator : profile.indicators) {
        headers.push_back(indicator.id);
        align.push_back(Align::right);
    }
    for (const char* header : {"Total", "ĐTB CCVC", "Band", "Ratings"}) {
        headers.push_back(header);
        align.push_back(std::string(header) == "Band" ? Align::left : Align::right);
    }
    for (const UnitGroup& group : report.groups) {
        out += "\n" + (group.name.empty() ? std::string("(no group)") : group.name) + "\n";
        TextTable table(headers, align);
        for (const UnitRow& row : group.rows) {
            std::vector<std::string> cells = {std::to_string(row.rank), row.unit.name};
            for (const IndicatorFigure& figure : row.score.figures) {
                cells.push_back(figure_text(figure) + (figure.agency_entered ? "*" : ""));
            }
            cells.push_back(row.score.complete ? format_fixed(row.score.total, 2)
                                               : format_fixed(row.score.total, 2) + " (partial)");
            cells.push_back(optional_fixed(row.officials_average));
            cells.push_back(band_name(row.score, profile, Language::vi));
            cells.push_back(std::to_string(row.score.ratings));
            table.add_row(std::move(cells));
        }
        out += table.render();
    }
    out += "\nSources:";
    for (const IndicatorDef& indicator : profile.indicators) {
        out += " " + indicator.id + "=" + std::string(to_string(indicator.source));
    }
    out +=
        ". * entered by the agency; - no data; a partial total lacks indicators and has no "
        "band.\n";
    return out;
}

std::string render_csv(const ProvinceReport& report) {
    const ScoringProfile& profile = report.profile;
    std::vector<std::string> header = {"group", "rank", "unit_code", "unit_name", "ratings"};
    for (const IndicatorDef& indicator : profile.indicators) {
        header.push_back(indicator.id);
        header.push_back(indicator.id + "_source");
    }
    for (const char* column : {"total", "complete", "band", "officials_average"}) {
        header.push_back(column);
    }
    std::string out = csv_record(header);
    for (const UnitGroup& group : report.groups) {
        for (const UnitRow& row : group.rows) {
            std::vector<std::string> fields = {group.name, std::to_string(row.rank),
                                               row.unit.unit_code, row.unit.name,
                                               std::to_string(row.score.ratings)};
            for (const IndicatorFigure& figure : row.score.figures) {
                fields.push_back(figure.value ? format_exact(*figure.value) : "");
                fields.push_back(figure.agency_entered ? "agency"
                                                       : std::string(to_string(figure.source)));
            }
            fields.push_back(format_exact(row.score.total));
            fields.push_back(row.score.complete ? "true" : "false");
            fields.push_back(row.score.band.value_or(""));
            fields.push_back(row.officials_average ? format_exact(*row.officials_average) : "");
            out += csv_record(fields);
        }
    }
    return out;
}

std::string render_json(const ProvinceReport& report) {
    nlohmann::ordered_json json;
    json["from"] = report.period.from;
    json["to"] = report.period.to;
    json["scoring_profile"] = {{"id", report.profile.id}, {"version", report.profile.version}};
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const UnitGroup& group : report.groups) {
        nlohmann::ordered_json units = nlohmann::ordered_json::array();
        for (const UnitRow& row : group.rows) {
            nlohmann::ordered_json unit;
            unit["rank"] = row.rank;
            unit["unit_code"] = row.unit.unit_code;
            unit["name"] = row.unit.name;
            unit["score"] = score_row_to_json(row.score, report.profile);
            unit["officials_average"] =
                row.officials_average ? nlohmann::ordered_json(*row.officials_average) : nullptr;
            units.push_back(std::move(unit));
        }
        groups.push_back({{"name", group.name}, {"units", std::move(units)}});
    }
    json["groups"] = std::move(groups);
    return json.dump(2) + "\n";
}

}  // namespace

std::string render_province_report(const ProvinceReport& report, ReportFormat format) {
    switch (format) {
        case ReportFormat::table:
            return render_table(report);
        case ReportFormat::csv:
            return render_csv(report);
        case ReportFormat::json:
            return render_json(report);
    }
    return render_table(report);
}

}  // namespace motcua::server
