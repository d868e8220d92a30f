#pragma once
// What the corrections and audit screens (paper entry, void, audit log) need from the store
// beyond saving ratings (RatingSink does that): a day's ratings, one rating by dossier and
// stage, voiding, audit entries written and read, the staff's names and the audit export.
// The app implements it over the Store (kiosk/app/staff_records_store.*); tests over a real
// Store or a fake. None of its functions may throw.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/form.hpp"
#include "core/rating.hpp"
#include "kiosk/flow/ports.hpp"
#include "kiosk/flow/staff_reports.hpp"
#include "storage/store.hpp"

namespace motcua::kiosk {

enum class VoidStatus {
    voided,   // void record, outbox row and audit entry committed
    refused,  // no such rating, or it was already voided (detail says which)
    failed,   // the store failed; nothing changed
};

struct VoidResult {
    VoidStatus status = VoidStatus::failed;
    std::string detail;  // English, for the log
};

class StaffRecords {
  public:
    virtual ~StaffRecords() = default;
    // The non-voided ratings of one local day (YYYY-MM-DD), oldest first.
    virtual Fetched<std::vector<Rating>> ratings_on(const std::string& date) = 0;
    // The non-voided rating of a dossier at a stage; a value of nullopt when there is none.
    virtual Fetched<std::optional<Rating>> find_rating(const std::string& dossier_code,
                                                       Stage stage) = 0;
    // Store::void_rating, which writes the audit entry ("void", actor, rating id, reason).
    virtual VoidResult void_rating(const std::string& rating_id, const std::string& reason,
                                   const std::string& actor) = 0;
    // Appends one entry (its at_utc set by the implementation); false when it was not written
    // (logged by the implementation).
    virtual bool audit(const std::string& actor, const std::string& action,
                       const std::string& subject, const std::string& detail) = 0;
    // Entries with at_utc in [from, to), newest first.
    virtual Fetched<std::vector<AuditEntry>> audit_entries(UtcMillis from, UtcMillis to) = 0;
    // Every official in the store, inactive ones too (the audit log names past staff).
    virtual std::vector<StaffMember> all_staff() = 0;
    // Folders to export into, the default folder first (the report export's folders).
    virtual std::vector<ExportFolder> export_folders() = 0;
    // Writes `entries` as one CSV file into `folder` (all or nothing) and appends an "export"
    // entry by `actor`. `from_date`..`to_date` name the file.
    virtual ExportOutcome export_audit(const std::vector<AuditEntry>& entries,
                                       const std::string& from_date, const std::string& to_date,
                                       const std::filesystem::path& folder,
                                       const StaffMember& actor) = 0;
};

}  // namespace motcua::kiosk
