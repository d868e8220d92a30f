#include "kiosk/app/report_source.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "reporting/report_render.hpp"
#include "reporting/xlsx_export.hpp"

namespace motcua::kiosk::app {

namespace {

// A folder the kiosk user may write to, as the export screen names it.
bool is_folder(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::is_directory(path, error);
}

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

// Writes beside the target, then renames, so a stick pulled out mid-write never holds half a
// file under the final name. False (and nothing left behind) when the folder refuses it.
bool write_whole_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::path temporary = path;
    temporary += ".part";
    bool written = false;
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << content;
        file.flush();
        written = static_cast<bool>(file);
    }
    std::error_code error;
    if (written) {
        std::filesystem::rename(temporary, path, error);
    }
    if (!written || error) {
        std::filesystem::remove(temporary, error);
        return false;
    }
    return true;
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
    std::vector<ExportFolder> folders;
    folders.push_back({setup_.default_folder, setup_.default_folder.string(), true});
    // Desktop systems mount sticks at /media/<user>/<label>, kiosk setups at /media/<label>.
    std::error_code error;
    std::vector<std::filesystem::path> mounted;
    for (const auto& entry : std::filesystem::directory_iterator(setup_.media_root, error)) {
        if (!is_folder(entry.path())) {
            continue;
        }
        bool has_subfolders = false;
        std::error_code inner_error;
        for (const auto& inner : std::filesystem::directory_iterator(entry.path(), inner_error)) {
            if (is_folder(inner.path())) {
                mounted.push_back(inner.path());
                has_subfolders = true;
            }
        }
        if (!has_subfolders) {
            mounted.push_back(entry.path());
        }
    }
    std::sort(mounted.begin(), mounted.end());
    for (const std::filesystem::path& path : mounted) {
        folders.push_back({path, path.filename().string() + " (" + path.string() + ")", false});
    }
    return folders;
}

ExportOutcome StoreReportSource::write_export(const PeriodReport& unit,
                                              const PeriodReport& by_official,
                                              const std::filesystem::path& folder,
                                              const StaffMember& actor) {
    ExportOutcome outcome;
    std::error_code error;
    if (folder == setup_.default_folder && !is_folder(folder)) {
        std::filesystem::create_directories(folder, error);
    }
    if (!is_folder(folder)) {
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
