#pragma once
// What the staff report screens (daily tally, period report, export) show: the day or period
// chosen and the figures for it. The figures come through ReportSource, which the app
// implements with the reporting library over the Store; tests can implement it over an
// in-memory Store. Plain C++, no ImGui: screens read this state and call its functions.
//
// CONTRACT (lead, session 2): the class names, the constructor and refresh_for() are fixed so
// KioskApp and the UI test harness can build one; everything else is the reports engineer's.
//
// Who sees what: an official sees the unit's figures and only their own per-official figures;
// a supervisor or admin sees every official shown (those at or above the minimum count).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "kiosk/flow/ports.hpp"
#include "reporting/day_tally.hpp"
#include "reporting/period_report.hpp"

namespace motcua::kiosk {

// A value read through the ReportSource, or why it could not be read (English, for the log;
// the screens show their own plain-words message).
template <typename T>
struct Fetched {
    std::optional<T> value;
    std::string error;
};

// A folder the export screen offers: a mounted stick under /media, or the default folder.
struct ExportFolder {
    std::filesystem::path path;
    std::string label;  // what the screen shows (the stick's name, or the folder's path)
    bool is_default = false;
};

enum class ExportStatus {
    written,       // every file is complete in the folder
    not_writable,  // the folder is missing, read-only or full; nothing was left behind
    failed,        // anything else (detail in `error`)
};

struct ExportOutcome {
    ExportStatus status = ExportStatus::failed;
    std::vector<std::string> files;  // file names written (no folder), CSV then XLSX
    std::string error;               // English, for the log
};

// Where the figures come from. The app implements it over the Store with the reporting
// library; none of its functions may throw.
class ReportSource {
  public:
    virtual ~ReportSource() = default;
    virtual Fetched<DayTally> day_tally(const std::string& date) = 0;
    virtual Fetched<PeriodReport> period_report(const std::string& from_date,
                                                const std::string& to_date,
                                                ReportGrouping grouping) = 0;
    // Folders to export into, the default folder first.
    virtual std::vector<ExportFolder> export_folders() = 0;
    // Writes the report (unit and per-official tables) as CSV and XLSX into `folder` and
    // appends an "export" entry by `actor` to the audit log.
    virtual ExportOutcome write_export(const PeriodReport& unit, const PeriodReport& by_official,
                                       const std::filesystem::path& folder,
                                       const StaffMember& actor) = 0;
};

enum class PeriodKind { month, quarter, year, custom };
inline constexpr PeriodKind kPeriodKinds[] = {PeriodKind::month, PeriodKind::quarter,
                                              PeriodKind::year, PeriodKind::custom};

// The first and last day (inclusive) of the month, quarter or year containing `date`.
struct DateRange {
    std::string from;
    std::string to;
    bool operator==(const DateRange&) const = default;
};
DateRange period_containing(PeriodKind kind, const std::string& date);

class StaffReports {
  public:
    // Both references must outlive this object.
    StaffReports(ReportSource& source, const Clock& clock);

    // Called when a report screen opens (the screens call it on their first frame): who is
    // looking decides what they may see (an official sees only their own figures). For a new
    // viewer the day becomes today and the period this month; the same viewer keeps their
    // choices (the export screen exports the period the report screen showed). Reads the
    // figures and the export folders again.
    void refresh_for(const StaffMember& viewer);

    //-------------------------------------------------------------------------
    // [SECTION] Daily tally
    //-------------------------------------------------------------------------

    const std::string& today() const { return today_; }
    const std::string& day() const { return day_; }
    bool day_is_today() const { return day_ == today_; }
    void previous_day();
    void next_day();  // never past today
    void show_today();
    // The chosen day's tally, already filtered for the viewer; nullopt when it could not be
    // read (error() says why).
    const std::optional<DayTally>& tally() const { return tally_; }
    const std::string& tally_error() const { return tally_error_; }

    //-------------------------------------------------------------------------
    // [SECTION] Period report
    //-------------------------------------------------------------------------

    PeriodKind period_kind() const { return period_kind_; }
    const DateRange& period() const { return period_; }
    // Month, quarter or year containing the current period's start; custom keeps the range.
    void set_period_kind(PeriodKind kind);
    // The previous / next month, quarter or year (custom: moves the whole range by its length).
    void previous_period();
    void next_period();
    // Custom ranges: move one end by `days` (the other end follows when they would cross).
    void move_custom_from(int days);
    void move_custom_to(int days);
    // The unit row and the per-official rows (filtered for the viewer) of the period.
    const std::optional<PeriodReport>& unit_report() const { return unit_report_; }
    const std::optional<PeriodReport>& official_report() const { return official_report_; }
    const std::string& report_error() const { return report_error_; }

    //-------------------------------------------------------------------------
    // [SECTION] Export
    //-------------------------------------------------------------------------

    const std::vector<ExportFolder>& folders() const { return folders_; }
    // Reads the folders again (a stick may have been plugged in); keeps the choice if present.
    void refresh_folders();
    std::size_t chosen_folder() const { return chosen_folder_; }
    void choose_folder(std::size_t index);
    // Writes the period report shown into the chosen folder.
    void export_report();
    const std::optional<ExportOutcome>& last_export() const { return last_export_; }
    // Forgets the last export's message (when the export screen opens again).
    void clear_export_message() { last_export_.reset(); }

    const std::optional<StaffMember>& viewer() const { return viewer_; }

  private:
    bool sees_everyone() const;
    void load_tally();
    void load_reports();

    ReportSource& source_;
    const Clock& clock_;
    std::optional<StaffMember> viewer_;

    std::string today_;
    std::string day_;
    std::optional<DayTally> tally_;
    std::string tally_error_;

    PeriodKind period_kind_ = PeriodKind::month;
    DateRange period_;
    std::optional<PeriodReport> unit_report_;
    std::optional<PeriodReport> official_report_;
    std::string report_error_;

    std::vector<ExportFolder> folders_;
    std::size_t chosen_folder_ = 0;
    std::optional<ExportOutcome> last_export_;
};

}  // namespace motcua::kiosk
