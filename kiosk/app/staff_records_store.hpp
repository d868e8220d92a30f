#pragma once
// The corrections and audit screens' StaffRecords over the kiosk's Store: a day's ratings,
// one by dossier and stage, voids (Store::void_rating writes their audit entry), audit entries
// written and read, the staff's names, and the audit log's CSV export into the report
// export's folders.

#include <filesystem>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "kiosk/app/store_ports.hpp"
#include "kiosk/flow/staff_records.hpp"

namespace motcua::kiosk::app {

struct StaffRecordsSetup {
    std::filesystem::path default_folder;         // created on first export
    std::filesystem::path media_root = "/media";  // sticks: its folders and their folders
    Language language = Language::vi;             // of the CSV's plain words
    // Demonstrations: read the database, never write it (voids, audit entries and exports
    // are refused as failures).
    bool read_only = false;
};

class StoreStaffRecords final : public StaffRecords {
  public:
    // `connection` and `clock` must outlive this object.
    StoreStaffRecords(StoreConnection& connection, const Clock& clock, StaffRecordsSetup setup,
                      LogFn log);

    Fetched<std::vector<Rating>> ratings_on(const std::string& date) override;
    Fetched<std::optional<Rating>> find_rating(const std::string& dossier_code,
                                               Stage stage) override;
    VoidResult void_rating(const std::string& rating_id, const std::string& reason,
                           const std::string& actor) override;
    bool audit(const std::string& actor, const std::string& action, const std::string& subject,
               const std::string& detail) override;
    Fetched<std::vector<AuditEntry>> audit_entries(UtcMillis from, UtcMillis to) override;
    std::vector<StaffMember> all_staff() override;
    std::vector<ExportFolder> export_folders() override;
    ExportOutcome export_audit(const std::vector<AuditEntry>& entries, const std::string& from_date,
                               const std::string& to_date, const std::filesystem::path& folder,
                               const StaffMember& actor) override;

  private:
    StoreConnection& connection_;
    const Clock& clock_;
    StaffRecordsSetup setup_;
    LogFn log_;
};

}  // namespace motcua::kiosk::app
