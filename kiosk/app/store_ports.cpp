#include "kiosk/app/store_ports.hpp"

namespace motcua::kiosk::app {

namespace {

constexpr std::int64_t kReopenIntervalMs = 10000;

}  // namespace

StoreConnection::StoreConnection(std::filesystem::path path, const Clock& clock, LogFn log)
    : path_(std::move(path)), clock_(clock), log_(std::move(log)) {}

Store* StoreConnection::get() {
    if (store_) {
        return store_.get();
    }
    UtcMillis now = clock_.now_utc();
    if (now < next_attempt_) {
        return nullptr;
    }
    try {
        store_ = std::make_unique<Store>(path_);
        log_("database open: " + path_.string());
    } catch (const StoreError& error) {
        next_attempt_ = now + kReopenIntervalMs;
        log_(std::string("STAFF ALERT: cannot open the database (") +
             std::string(to_string(error.kind())) + "): " + error.what());
    }
    return store_.get();
}

LookupStatus StoreRatingSink::lookup(const std::string& dossier_code, Stage stage) {
    Store* store = connection_.get();
    if (!store) {
        return LookupStatus::failed;
    }
    try {
        return store->find_rating_for_dossier(dossier_code, stage) ? LookupStatus::rated
                                                                   : LookupStatus::not_rated;
    } catch (const std::exception& error) {
        log_(std::string("duplicate check failed: ") + error.what());
        return LookupStatus::failed;
    }
}

SaveResult StoreRatingSink::save(const Rating& rating) {
    Store* store = connection_.get();
    if (!store) {
        return {SaveStatus::failed, "the database is not open"};
    }
    try {
        store->save_rating(rating);
        return {SaveStatus::saved, ""};
    } catch (const StoreError& error) {
        if (error.kind() == StoreErrorKind::duplicate_rating) {
            return {SaveStatus::duplicate, error.what()};
        }
        if (error.kind() == StoreErrorKind::duplicate_id) {
            // An earlier attempt whose outcome looked like a failure had in fact committed.
            try {
                std::optional<Rating> stored = store->find_rating(rating.id);
                if (stored && stored->dossier_code == rating.dossier_code &&
                    stored->stage == rating.stage) {
                    return {SaveStatus::saved, "committed by an earlier attempt"};
                }
            } catch (const std::exception& lookup_error) {
                return {SaveStatus::failed, lookup_error.what()};
            }
        }
        return {SaveStatus::failed, std::string(to_string(error.kind())) + ": " + error.what()};
    } catch (const std::exception& error) {
        return {SaveStatus::failed, error.what()};
    }
}

std::optional<StaffMember> StoreStaffGate::check_admin_pin(const std::string& pin) {
    Store* store = connection_.get();
    if (!store) {
        return std::nullopt;
    }
    try {
        for (const Official& official : store->list_officials()) {
            if (official.role != Role::admin || !official.active) {
                continue;
            }
            if (std::optional<Official> match = store->check_pin(official.id, pin)) {
                return StaffMember{match->id, match->name, StaffRole::admin};
            }
        }
    } catch (const std::exception& error) {
        log_(std::string("PIN check failed: ") + error.what());
    }
    return std::nullopt;
}

void StoreStaffGate::audit(const std::string& actor, std::string_view action,
                           const std::string& detail) {
    Store* store = connection_.get();
    if (!store) {
        return;
    }
    try {
        AuditEntry entry;
        entry.at_utc = clock_.now_utc();
        entry.actor = actor;
        entry.action = std::string(action);
        entry.subject = "kiosk";
        entry.detail = detail;
        store->append_audit(entry);
    } catch (const std::exception& error) {
        log_(std::string("audit entry not written: ") + error.what());
    }
}

}  // namespace motcua::kiosk::app
