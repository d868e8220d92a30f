// motcua report: the indicator table for a period, by unit or by official, as a text table,
// CSV or JSON, on stdout or into a file, or as an XLSX workbook into a file.

#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "reporting/period_report.hpp"
#include "reporting/report_render.hpp"
#include "reporting/xlsx_export.hpp"

namespace motcua::cli {

namespace {

struct ReportOptions {
    std::string from;
    std::string to;
    std::string by = "unit";
    std::string format = "table";
    std::string out;
};

// Writes beside the target, then renames: a reader never sees half a report.
void write_file(const std::string& path, const std::string& content) {
    std::string temporary = path + ".part";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << content;
        file.flush();
        if (!file) {
            throw std::runtime_error("cannot write " + temporary);
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary);
        throw std::runtime_error("cannot write " + path + ": " + error.message());
    }
}

constexpr const char* kXlsx = "xlsx";

// The workbook beside the target, then renamed, like write_file.
void write_workbook(const std::string& path, const PeriodReport& report, Language language) {
    std::string temporary = path + ".part";
    try {
        write_period_report_xlsx(temporary, single_part(report), language);
    } catch (const XlsxError&) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw std::runtime_error("cannot write " + path + ": " + error.message());
    }
}

int run_report(Context& context, const ReportOptions& options) {
    if (options.from > options.to) {
        throw UsageError("the period starts (" + options.from + ") after it ends (" + options.to +
                         ")");
    }
    bool workbook = options.format == kXlsx;
    if (workbook && options.out.empty()) {
        throw UsageError("--format xlsx writes a file: give it with --out FILE");
    }
    ReportGrouping grouping = ReportGrouping::unit;
    parse_report_grouping(options.by, grouping);
    ReportFormat format = ReportFormat::table;
    parse_report_format(options.format, format);

    const Config& config = context.config();
    ReportSettings settings{config.kiosk.kiosk_id, config.kiosk.unit_code, config.kiosk.unit_name,
                            config.kiosk.min_ratings_per_official};
    PeriodReport report = load_period_report(context.store(OpenMode::for_reading), options.from,
                                             options.to, grouping, context.scoring(), settings);
    if (workbook) {
        write_workbook(options.out, report, config.kiosk.language);
        std::cout << "Report written to " << options.out << "\n";
        return kExitOk;
    }
    std::string text = render_period_report(report, format, config.kiosk.language);
    if (options.out.empty()) {
        std::cout << text;
    } else {
        write_file(options.out, text);
        std::cout << "Report written to " << options.out << "\n";
    }
    return kExitOk;
}

}  // namespace

Command add_report_command(CLI::App& parent) {
    auto options = std::make_shared<ReportOptions>();
    CLI::App* app = parent.add_subcommand(
        "report", "The indicator table for a period, with totals, bands and counts");
    app->add_option("--from", options->from, "First local date, inclusive")
        ->required()
        ->check(date_validator())
        ->type_name("YYYY-MM-DD");
    app->add_option("--to", options->to, "Last local date, inclusive")
        ->required()
        ->check(date_validator())
        ->type_name("YYYY-MM-DD");
    app->add_option("--by", options->by, "unit (one row) or official (one row per official)")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                ReportGrouping grouping;
                return parse_report_grouping(text, grouping) ? "" : "expected unit or official";
            },
            "unit|official"))
        ->capture_default_str();
    std::string formats;
    for (ReportFormat format : kReportFormats) {
        formats += (formats.empty() ? "" : "|") + std::string(to_string(format));
    }
    formats += std::string("|") + kXlsx;
    app->add_option("--format", options->format, "Output format")
        ->check(CLI::Validator(
            [formats](std::string& text) -> std::string {
                ReportFormat format;
                return text == kXlsx || parse_report_format(text, format)
                           ? ""
                           : "expected one of " + formats;
            },
            formats))
        ->capture_default_str();
    app->add_option("--out", options->out, "Write to this file instead of standard output")
        ->type_name("FILE");
    return {app, [options](Context& context) { return run_report(context, *options); }};
}

}  // namespace motcua::cli
