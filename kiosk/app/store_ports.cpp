#include "kiosk/app/store_ports.hpp"

namespace motcua::kiosk::app {

namespace {

constexpr std::int64_t kReopenIntervalMs = 10000;

StaffMember staff_member(const Official& official) {
    return StaffMember{official.id, official.name, staff_role(official.role)};
}

}  // namespace

StaffRole staff_role(Role role) {
    switch (role) {
        case Role::official:
            return StaffRole::official;
        case Role::supervisor:
            return StaffRole::supervisor;
        case Role::admin:
            return StaffRole::admin;
    }
    return StaffRole::official;
}

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
        OpenOptions options;
        options.deferred_checkpoints = true;
        store_ = std::make_unique<Store>(path_, options);
        log_("database open: " + path_.string());
    } catch (const StoreError& error) {
        next_attempt_ = now + kReopenIntervalMs;
        log_(std::string("STAFF ALERT: cannot open the database (") +
             std::string(to_string(error.kind())) + "): " + error.what());
    }
    return store_.get();
}

void StoreConnection::checkpoint_if_due() {
    if (!store_) {
        return;
    }
    try {
        store_->checkpoint_if_due();
    } catch (const std::exception& error) {
        log_(std::string("checkpoint failed (the saved ratings stay in the WAL): ") + error.what());
    }
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

std::vector<StaffMember> StoreStaffGate::active_staff() {
    std::vector<StaffMember> members;
    Store* store = connection_.get();
    if (!store) {
        return members;
    }
    try {
        for (const Official& official : store->list_officials()) {
            if (official.active) {
                members.push_back(staff_member(official));
            }
        }
    } catch (const std::exception& error) {
        log_(std::string("staff list not read: ") + error.what());
    }
    return members;
}

std::optional<StaffMember> StoreStaffGate::check_pin(const std::string& id,
                                                     const std::string& pin) {
    Store* store = connection_.get();
    if (!store) {
        return std::nullopt;
    }
    try {
        if (std::optional<Official> match = store->check_pin(id, pin)) {
            return staff_member(*match);
        }
    } catch (const std::exception& error) {
        log_(std::string("PIN check failed: ") + error.what());
    }
    return std::nullopt;
}

std::optional<std::string> StoreStaffGate::load_state(const std::string& key) {
    Store* store = connection_.get();
    if (!store) {
        return std::nullopt;
    }
    try {
        return store->get_state(key);
    } catch (const std::exception& error) {
        log_("state " + key + " not read: " + error.what());
    }
    return std::nullopt;
}

bool StoreStaffGate::save_state(const std::string& key, const std::string& value) {
    Store* store = connection_.get();
    if (!store) {
        log_("state " + key + " not saved: the database is not open");
        return false;
    }
    try {
        store->set_state(key, value);
        return true;
    } catch (const std::exception& error) {
        log_("state " + key + " not saved: " + error.what());
    }
    return false;
}

}  // namespace motcua::kiosk::app
