#pragma once
// The period report as a text table, CSV (RFC 4180, UTF-8) and JSON. Each format is described
// column by column / key by key in docs/cli.md. Other formats (a workbook) add to ReportFormat.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "reporting/period_report.hpp"

namespace motcua {

enum class ReportFormat { table, csv, json };
inline constexpr ReportFormat kReportFormats[] = {ReportFormat::table, ReportFormat::csv,
                                                  ReportFormat::json};
std::string_view to_string(ReportFormat format);
bool parse_report_format(std::string_view text, ReportFormat& out);

// The appendix layout: one line per row with N, CS1..CS9 (2 decimals, "-" when missing), total,
// band and the per-official score, then a legend of where each indicator comes from.
std::string render_period_report_text(const PeriodReport& report, Language language);

// A UTF-8 byte-order mark, the header, then one record per row: key, name, ratings, then for each
// profile indicator its value (shortest exact form, empty when missing) and its count, then total,
// max_present, complete, band, band_name, projected_total, projected_band,
// projected_band_name, official_score. Names in `language`.
std::string render_period_report_csv(const PeriodReport& report, Language language);

// Stable document: keys in a fixed order, numbers unrounded, missing figures as null.
nlohmann::ordered_json period_report_to_json(const PeriodReport& report);

// The rendering `format` asks for (JSON pretty-printed with a final newline).
std::string render_period_report(const PeriodReport& report, ReportFormat format,
                                 Language language);

}  // namespace motcua
