#pragma once
// The audit log for a supervisor (Screen::staff_audit), read-only: the entries of a chosen
// day, or of the 7 or 30 days up to it, newest first, a page at a time, optionally only one
// kind of action; and their export as CSV into a chosen folder (the report export's folders),
// which is audited itself. Nothing here can change or delete an entry. Plain C++, no ImGui.
// KioskFlow owns it and starts it for a supervisor or admin only.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "kiosk/flow/staff_records.hpp"

namespace motcua::kiosk {

// Kinds of action, for the filter.
enum class AuditFilter { all, sign_ins, desk, corrections, exports };
inline constexpr AuditFilter kAuditFilters[] = {AuditFilter::all, AuditFilter::sign_ins,
                                                AuditFilter::desk, AuditFilter::corrections,
                                                AuditFilter::exports};
bool audit_filter_matches(AuditFilter filter, const std::string& action);

// How many days up to the chosen one are shown.
enum class AuditSpan { day, week, month };
inline constexpr AuditSpan kAuditSpans[] = {AuditSpan::day, AuditSpan::week, AuditSpan::month};

class AuditViewer {
  public:
    // Both references must outlive this object.
    explicit AuditViewer(const Clock& clock) : clock_(clock) {}

    void set_records(StaffRecords* records) { records_ = records; }

    // Today's entries, every kind, first page; the export folders read again.
    void start(const StaffMember& viewer);
    void stop();
    bool active() const { return viewer_.has_value(); }

    const std::string& day() const { return day_; }
    bool day_is_today() const { return day_ == today_; }
    void previous_day();
    void next_day();  // never past today
    void show_today();
    AuditSpan span() const { return span_; }
    void set_span(AuditSpan span);
    // The first and last local day shown (YYYY-MM-DD).
    std::string from_date() const;
    const std::string& to_date() const { return day_; }

    AuditFilter filter() const { return filter_; }
    void set_filter(AuditFilter filter);

    // The entries shown (filtered), newest first; read_failed() when the store did not answer.
    const std::vector<AuditEntry>& entries() const { return shown_; }
    bool read_failed() const { return read_failed_; }
    // The name of a staff id ("" when it is not an official: "system", "cli", ...).
    std::string name_of(const std::string& id) const;

    // Paging: the screen says how many rows fit.
    void set_page_size(std::size_t rows);
    std::size_t page() const { return page_; }
    std::size_t page_count() const;
    void next_page();
    void previous_page();
    // Indexes into entries() of the current page: [first, last).
    std::size_t page_first() const;
    std::size_t page_last() const;

    const std::vector<ExportFolder>& folders() const { return folders_; }
    std::size_t chosen_folder() const { return chosen_folder_; }
    void choose_folder(std::size_t index);
    void refresh_folders();
    // Writes the entries shown as CSV into the chosen folder, then reads the log again (the
    // export's own entry is in it).
    void export_shown();
    const std::optional<ExportOutcome>& last_export() const { return last_export_; }

  private:
    void load();
    void apply_filter();

    const Clock& clock_;
    StaffRecords* records_ = nullptr;
    std::optional<StaffMember> viewer_;

    std::string today_;
    std::string day_;
    AuditSpan span_ = AuditSpan::day;
    AuditFilter filter_ = AuditFilter::all;
    std::vector<AuditEntry> all_;
    std::vector<AuditEntry> shown_;
    bool read_failed_ = false;
    std::map<std::string, std::string> names_;
    std::size_t page_size_ = 10;
    std::size_t page_ = 0;

    std::vector<ExportFolder> folders_;
    std::size_t chosen_folder_ = 0;
    std::optional<ExportOutcome> last_export_;
};

}  // namespace motcua::kiosk
