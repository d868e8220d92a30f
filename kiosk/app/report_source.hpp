#pragma once
// The staff report screens' ReportSource over the kiosk's Store: the day's tally and the period
// report from the reporting library, export folders (mounted sticks under /media and a default
// folder beside the database), and the export itself (CSV and XLSX, then an audit entry).

#include <filesystem>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/form.hpp"
#include "core/scoring.hpp"
#include "kiosk/app/store_ports.hpp"
#include "kiosk/flow/staff_reports.hpp"

namespace motcua::kiosk::app {

struct ReportSourceSetup {
    KioskSettings kiosk;                          // kiosk id, unit, minimum per official, language
    std::filesystem::path default_folder;         // created on first export
    std::filesystem::path media_root = "/media";  // sticks: its folders and their folders
};

// The default export folder: "exports" beside the database file.
std::filesystem::path default_export_folder(const std::filesystem::path& database);

class StoreReportSource final : public ReportSource {
  public:
    // `connection`, `form`, `profile` and `clock` must outlive this object.
    StoreReportSource(StoreConnection& connection, const Form& form, const ScoringProfile& profile,
                      const Clock& clock, ReportSourceSetup setup, LogFn log);

    Fetched<DayTally> day_tally(const std::string& date) override;
    Fetched<PeriodReport> period_report(const std::string& from_date, const std::string& to_date,
                                        ReportGrouping grouping) override;
    std::vector<ExportFolder> export_folders() override;
    ExportOutcome write_export(const PeriodReport& unit, const PeriodReport& by_official,
                               const std::filesystem::path& folder,
                               const StaffMember& actor) override;

  private:
    StoreConnection& connection_;
    const Form& form_;
    const ScoringProfile& profile_;
    const Clock& clock_;
    ReportSourceSetup setup_;
    LogFn log_;
};

}  // namespace motcua::kiosk::app
