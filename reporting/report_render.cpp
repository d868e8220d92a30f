#include "reporting/report_render.hpp"

#include "reporting/csv.hpp"
#include "reporting/number_format.hpp"
#include "reporting/score_json.hpp"
#include "reporting/text_table.hpp"

namespace motcua {

std::string_view to_string(ReportFormat format) {
    switch (format) {
        case ReportFormat::table:
            return "table";
        case ReportFormat::csv:
            return "csv";
        case ReportFormat::json:
            return "json";
    }
    return "table";
}

bool parse_report_format(std::string_view text, ReportFormat& out) {
    for (ReportFormat format : kReportFormats) {
        if (text == to_string(format)) {
            out = format;
            return true;
        }
    }
    return false;
}

namespace {

std::string key_heading(ReportGrouping grouping) {
    return grouping == ReportGrouping::official ? "official_id" : "unit_code";
}

std::string optional_exact(const std::optional<double>& value) {
    return value ? format_exact(*value) : "";
}

// The official band, or the projected one marked with '*', or "-".
std::string band_cell(const ScoreRow& scores, const ScoringProfile& profile, Language language) {
    if (scores.band) {
        return band_name(scores, profile, language);
    }
    if (scores.projected_band) {
        return projected_band_name(scores, profile, language) + " *";
    }
    return "-";
}

std::string sources_legend(const ScoringProfile& profile) {
    std::string legend;
    for (const auto& indicator : profile.indicators) {
        legend += (legend.empty() ? "" : ", ") + indicator.id + " " +
                  std::string(to_string(indicator.source));
    }
    return legend;
}

}  // namespace

std::string render_period_report_text(const PeriodReport& report, Language language) {
    std::string out = "Indicator table " + report.from_date + " to " + report.to_date + " by " +
                      std::string(to_string(report.grouping)) + ": " +
                      report.unit_name.in(language) + " (" + report.unit_code + "), kiosk " +
                      report.kiosk_id + "\n";
    out += "Ratings: " + std::to_string(report.ratings) +
           " (voided, not counted: " + std::to_string(report.voided) + ")\n\n";

    std::vector<std::string> headers = {
        report.grouping == ReportGrouping::official ? "Official" : "Unit", "Name", "N"};
    std::vector<Align> align = {Align::left, Align::left, Align::right};
    for (const auto& indicator : report.profile.indicators) {
        headers.push_back(indicator.id);
        align.push_back(Align::right);
    }
    for (const char* heading : {"Total", "Of", "Band"}) {
        headers.push_back(heading);
        align.push_back(Align::right);
    }
    headers.push_back("Score/" + format_fixed(report.profile.official.scale, 0));
    align.push_back(Align::right);

    TextTable means(headers, align);
    TextTable counts(headers, align);
    for (const auto& row : report.rows) {
        std::vector<std::string> mean_cells = {row.key, row.name.in(language),
                                               std::to_string(row.scores.ratings)};
        std::vector<std::string> count_cells = mean_cells;
        for (const auto& figure : row.scores.figures) {
            mean_cells.push_back(figure_text(figure));
            count_cells.push_back(std::to_string(figure.count));
        }
        mean_cells.push_back(format_fixed(row.scores.total, 2));
        mean_cells.push_back(format_fixed(row.scores.max_present, 0));
        mean_cells.push_back(band_cell(row.scores, report.profile, language));
        mean_cells.push_back(row.official_score ? format_fixed(*row.official_score, 2) : "-");
        means.add_row(mean_cells);
        counts.add_row(count_cells);
    }
    out += means.render() + "\nRatings behind each figure\n" + counts.render() + "\n";

    out += "Sources: " + sources_legend(report.profile) + ".\n";
    out +=
        "'-' means no data (never zero); a band needs every indicator. '*': projected band "
        "for the indicators with data (their total scaled to " +
        format_fixed(report.profile.max_total(), 0) + "; not the official band).\n";
    if (report.grouping == ReportGrouping::official) {
        out += "Officials below the minimum of " + std::to_string(report.min_ratings_per_official) +
               " ratings (not shown): " + std::to_string(report.officials_hidden) + "\n";
        out +=
            "Ratings with nobody signed in: " + std::to_string(report.unattributed_ratings) + "\n";
    }
    return out;
}

std::string render_period_report_csv(const PeriodReport& report, Language language) {
    std::vector<std::string> header = {key_heading(report.grouping), "name", "ratings"};
    for (const auto& indicator : report.profile.indicators) {
        header.push_back(indicator.id);
        header.push_back(indicator.id + "_count");
    }
    for (const char* column :
         {"total", "max_present", "complete", "band", "band_name", "projected_total",
          "projected_band", "projected_band_name", "official_score"}) {
        header.push_back(column);
    }
    std::string out(kUtf8Bom);
    out += csv_record(header);

    for (const auto& row : report.rows) {
        std::vector<std::string> fields = {row.key, row.name.in(language),
                                           std::to_string(row.scores.ratings)};
        for (const auto& figure : row.scores.figures) {
            fields.push_back(optional_exact(figure.value));
            fields.push_back(std::to_string(figure.count));
        }
        fields.push_back(format_exact(row.scores.total));
        fields.push_back(format_exact(row.scores.max_present));
        fields.push_back(row.scores.complete ? "true" : "false");
        fields.push_back(row.scores.band.value_or(""));
        fields.push_back(band_name(row.scores, report.profile, language));
        fields.push_back(optional_exact(row.scores.projected_total));
        fields.push_back(row.scores.projected_band.value_or(""));
        fields.push_back(projected_band_name(row.scores, report.profile, language));
        fields.push_back(optional_exact(row.official_score));
        out += csv_record(fields);
    }
    return out;
}

nlohmann::ordered_json period_report_to_json(const PeriodReport& report) {
    nlohmann::ordered_json json;
    json["from"] = report.from_date;
    json["to"] = report.to_date;
    json["by"] = std::string(to_string(report.grouping));
    json["kiosk_id"] = report.kiosk_id;
    json["unit_code"] = report.unit_code;
    json["unit_name"] = localized_to_json(report.unit_name);
    json["scoring_profile"] = {{"id", report.profile.id}, {"version", report.profile.version}};

    nlohmann::ordered_json indicators = nlohmann::ordered_json::array();
    for (const auto& indicator : report.profile.indicators) {
        nlohmann::ordered_json item;
        item["id"] = indicator.id;
        item["name"] = localized_to_json(indicator.name);
        item["source"] = std::string(to_string(indicator.source));
        item["max_points"] = indicator.max_points;
        indicators.push_back(item);
    }
    json["indicators"] = indicators;

    nlohmann::ordered_json bands = nlohmann::ordered_json::array();
    for (const auto& band : report.profile.bands) {
        nlohmann::ordered_json item;
        item["id"] = band.id;
        item["name"] = localized_to_json(band.name);
        item["min_total"] = band.min_total;
        bands.push_back(item);
    }
    json["bands"] = bands;
    json["official_formula"] = {{"indicators", report.profile.official.indicators},
                                {"scale", report.profile.official.scale}};

    json["ratings"] = report.ratings;
    json["voided"] = report.voided;
    json["min_ratings_per_official"] = report.min_ratings_per_official;
    json["officials_hidden"] = report.officials_hidden;
    json["unattributed_ratings"] = report.unattributed_ratings;

    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& row : report.rows) {
        nlohmann::ordered_json item;
        item["key"] = row.key;
        item["name"] = localized_to_json(row.name);
        nlohmann::ordered_json scores = score_row_to_json(row.scores, report.profile);
        for (auto field = scores.begin(); field != scores.end(); ++field) {
            item[field.key()] = field.value();
        }
        item["official_score"] =
            row.official_score ? nlohmann::ordered_json(*row.official_score) : nullptr;
        rows.push_back(item);
    }
    json["rows"] = rows;
    return json;
}

std::string render_period_report(const PeriodReport& report, ReportFormat format,
                                 Language language) {
    switch (format) {
        case ReportFormat::table:
            return render_period_report_text(report, language);
        case ReportFormat::csv:
            return render_period_report_csv(report, language);
        case ReportFormat::json:
            return period_report_to_json(report).dump(2) + "\n";
    }
    return render_period_report_text(report, language);
}

}  // namespace motcua
