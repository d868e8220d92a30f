#include "kiosk/app/report_source.hpp"

#include <system_error>

#include "kiosk/app/export_files.hpp"
#include "reporting/report_render.hpp"
#include "reporting/xlsx_export.hpp"

namespace motcua::kiosk::app {

namespace {

// The unit table then the per-official rows, under one header (the CSV of `motcua report`).
std::string combined_csv(const PeriodReport& unit, const PeriodReport& by_official,
                         Language language) {
    std::string text = render_period_report_csv(unit, language);
    std::string officials = render_period_report_csv(by_official, language);
    std::size_t header_end = officials.find("\r\n");
    if (header_end != std::string::npos) {
        text += officials.substr(header_end + 2);
    }
    return text;
}

// The workbook under a temporary name, then renamed, like write_whole_file.
bool write_whole_workbook(const std::filesystem::path& path, const PeriodReport& unit,
                          const PeriodReport& by_official, Language language, std::string& error) {
    std::filesystem::path temporary = path;
    temporary += ".part";
    std::error_code ignored;
    try {
        write_period_report_xlsx(
            temporary, {single_part(unit).front(), single_part(by_official).front()}, language);
    } catch (const XlsxError& failure) {
        std::filesystem::remove(temporary, ignored);
        error = failure.what();
        return false;
    }
    std::error_code rename_error;
    std::filesystem::rename(temporary, path, rename_error);
    if (rename_error) {
        std::filesystem::remove(temporary, ignored);
        error = rename_error.message();
        return false;
    }
    return true;
}

}  // namespace

std::filesystem::path default_export_folder(const std::filesystem::path& database) {
    return std::filesystem::absolute(database).parent_path() / "exports";
}

StoreReportSource::StoreReportSource(StoreConnection& connection, const Form& form,
                                     const ScoringProfile& profile, const Clock& clock,
                                     ReportSourceSetup setup, LogFn log)
    : connection_(connection),
      form_(form),
      profile_(profile),
      clock_(clock),
      setup_(std::move(setup)),
      log_(std::move(log)) {}

Fetched<DayTally> StoreReportSource::day_tally(const std::string& date) {
    Store* store = connection_.get();
    if (!store) {
        return {std::nullopt, "the database is not open"};
    }
    try {
        TallySettings settings{setup_.kiosk.kiosk_id, setup_.kiosk.unit_code,
                               setup_.kiosk.min_ratings_per_official};
        return {load_day_tally(*store, date, form_, profile_, settings), ""};
    } catch (const std::exception& error) {
        log_(std::string("tally for ") + date + " failed: " + error.what());
        return {std::nullopt, error.what()};
    }
}

Fetched<PeriodReport> StoreReportSource::period_report(const std::string& from_date,
                                                       const std::string& to_date,
                                                       ReportGrouping grouping) {
    Store* store = connection_.get();
    if (!store) {
        return {std::nullopt, "the database is not open"};
    }
    try {
        ReportSettings settings{setup_.kiosk.kiosk_id, setup_.kiosk.unit_code,
                                setup_.kiosk.unit_name, setup_.kiosk.min_ratings_per_official};
        return {load_period_report(*store, from_date, to_date, grouping, profile_, settings), ""};
    } catch (const std::exception& error) {
        log_("report " + from_date + ".." + to_date + " failed: " + error.what());
        return {std::nullopt, error.what()};
    }
}

std::vector<ExportFolder> StoreReportSource::export_folders() {
    return list_export_folders(setup_.default_folder, setup_.media_root);
}

ExportOutcome StoreReportSource::write_export(const PeriodReport& unit,
                                              const PeriodReport& by_official,
                                              const std::filesystem::path& folder,
                                              const StaffMember& actor) {
    ExportOutcome outcome;
    std::error_code error;
    if (!prepare_export_folder(folder, setup_.default_folder)) {
        outcome.status = ExportStatus::not_writable;
        outcome.error = "no such folder: " + folder.string();
        log_("export failed: " + outcome.error);
        return outcome;
    }
    std::string base = "motcua-report-" + unit.from_date + "-" + unit.to_date;
    std::string csv_name = base + ".csv";
    if (!write_whole_file(folder / csv_name,
                          combined_csv(unit, by_official, setup_.kiosk.language))) {
        outcome.status = ExportStatus::not_writable;
        outcome.error = "cannot write into " + folder.string();
        log_("export failed: " + outcome.error);
        return outcome;
    }
    outcome.files.push_back(csv_name);
    std::string xlsx_name = base + ".xlsx";
    std::string xlsx_error;
    if (!write_whole_workbook(folder / xlsx_name, unit, by_official, setup_.kiosk.language,
                              xlsx_error)) {
        std::filesystem::remove(folder / csv_name, error);  // all or nothing
        outcome.files.clear();
        outcome.status = ExportStatus::not_writable;
        outcome.error = "cannot write the workbook into " + folder.string() + ": " + xlsx_error;
        log_("export failed: " + outcome.error);
        return outcome;
    }
    outcome.files.push_back(xlsx_name);
    outcome.status = ExportStatus::written;

    Store* store = connection_.get();
    try {
        if (!store) {
            throw std::runtime_error("the database is not open");
        }
        UtcMillis now = clock_.now_utc();
        store->append_audit({0, now, actor.id, "export", (folder / csv_name).string(),
                             unit.from_date + ".." + unit.to_date + ", also " + xlsx_name});
    } catch (const std::exception& audit_error) {
        log_(std::string("export written but not audited: ") + audit_error.what());
    }
    log_("export written: " + (folder / csv_name).string() + " and " + xlsx_name);
    return outcome;
}

}  // namespace motcua::kiosk::app
