#include "kiosk/app/staff_records_store.hpp"

#include <map>

#include "kiosk/app/export_files.hpp"
#include "reporting/audit_export.hpp"

namespace motcua::kiosk::app {

namespace {

// The audit log of a few busy months fits; the screen pages through it.
constexpr std::int64_t kMaxAuditEntries = 100000;

}  // namespace

StoreStaffRecords::StoreStaffRecords(StoreConnection& connection, const Clock& clock,
                                     StaffRecordsSetup setup, LogFn log)
    : connection_(connection), clock_(clock), setup_(std::move(setup)), log_(std::move(log)) {}

Fetched<std::vector<Rating>> StoreStaffRecords::ratings_on(const std::string& date) {
    Store* store = connection_.get();
    if (!store) {
        return {std::nullopt, "the database is not open"};
    }
    try {
        RatingFilter filter;
        filter.from_date = date;
        filter.to_date = date;
        return {store->list_ratings(filter), ""};
    } catch (const std::exception& error) {
        log_("ratings of " + date + " not read: " + error.what());
        return {std::nullopt, error.what()};
    }
}

Fetched<std::optional<Rating>> StoreStaffRecords::find_rating(const std::string& dossier_code,
                                                              Stage stage) {
    Store* store = connection_.get();
    if (!store) {
        return {std::nullopt, "the database is not open"};
    }
    try {
        return {std::optional<std::optional<Rating>>(
                    store->find_rating_for_dossier(dossier_code, stage)),
                ""};
    } catch (const std::exception& error) {
        log_(std::string("rating lookup failed: ") + error.what());
        return {std::nullopt, error.what()};
    }
}

VoidResult StoreStaffRecords::void_rating(const std::string& rating_id, const std::string& reason,
                                          const std::string& actor) {
    Store* store = connection_.get();
    if (!store || setup_.read_only) {
        return {VoidStatus::failed, setup_.read_only ? "demonstration: nothing is written"
                                                     : "the database is not open"};
    }
    try {
        store->void_rating(rating_id, reason, actor, clock_.now_utc());
        return {VoidStatus::voided, ""};
    } catch (const StoreError& error) {
        bool refused =
            error.kind() == StoreErrorKind::not_found || error.kind() == StoreErrorKind::invalid;
        return {refused ? VoidStatus::refused : VoidStatus::failed, error.what()};
    } catch (const std::exception& error) {
        return {VoidStatus::failed, error.what()};
    }
}

bool StoreStaffRecords::audit(const std::string& actor, const std::string& action,
                              const std::string& subject, const std::string& detail) {
    Store* store = connection_.get();
    if (!store || setup_.read_only) {
        return false;
    }
    try {
        store->append_audit({0, clock_.now_utc(), actor, action, subject, detail});
        return true;
    } catch (const std::exception& error) {
        log_("audit entry " + action + " not written: " + error.what());
        return false;
    }
}

Fetched<std::vector<AuditEntry>> StoreStaffRecords::audit_entries(UtcMillis from, UtcMillis to) {
    Store* store = connection_.get();
    if (!store) {
        return {std::nullopt, "the database is not open"};
    }
    try {
        return {store->list_audit(from, to, kMaxAuditEntries), ""};
    } catch (const std::exception& error) {
        log_(std::string("audit log not read: ") + error.what());
        return {std::nullopt, error.what()};
    }
}

std::vector<StaffMember> StoreStaffRecords::all_staff() {
    std::vector<StaffMember> members;
    Store* store = connection_.get();
    if (!store) {
        return members;
    }
    try {
        for (const Official& official : store->list_officials()) {
            members.push_back({official.id, official.name, staff_role(official.role)});
        }
    } catch (const std::exception& error) {
        log_(std::string("staff list not read: ") + error.what());
    }
    return members;
}

std::vector<ExportFolder> StoreStaffRecords::export_folders() {
    return list_export_folders(setup_.default_folder, setup_.media_root);
}

ExportOutcome StoreStaffRecords::export_audit(const std::vector<AuditEntry>& entries,
                                              const std::string& from_date,
                                              const std::string& to_date,
                                              const std::filesystem::path& folder,
                                              const StaffMember& actor) {
    ExportOutcome outcome;
    if (setup_.read_only) {
        outcome.error = "demonstration: nothing is written";
        return outcome;
    }
    if (!prepare_export_folder(folder, setup_.default_folder)) {
        outcome.status = ExportStatus::not_writable;
        outcome.error = "no such folder: " + folder.string();
        log_("audit export failed: " + outcome.error);
        return outcome;
    }
    std::map<std::string, std::string> names;
    for (const StaffMember& member : all_staff()) {
        names[member.id] = member.name;
    }
    std::string name = audit_export_file_name(from_date, to_date);
    if (!write_whole_file(folder / name,
                          render_audit_csv(entries, names, clock_, setup_.language))) {
        outcome.status = ExportStatus::not_writable;
        outcome.error = "cannot write into " + folder.string();
        log_("audit export failed: " + outcome.error);
        return outcome;
    }
    outcome.status = ExportStatus::written;
    outcome.files.push_back(name);
    if (!audit(actor.id, "export", (folder / name).string(),
               "audit log " + from_date + ".." + to_date + ", " + std::to_string(entries.size()) +
                   " entries")) {
        log_("audit export written but not audited");
    }
    log_("audit export written: " + (folder / name).string());
    return outcome;
}

}  // namespace motcua::kiosk::app
