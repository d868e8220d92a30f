#pragma once
// What the flow needs from the outside world, as interfaces: the app implements them with the
// Store, tests with fakes that can fail on demand. None of them may throw.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/form.hpp"
#include "core/rating.hpp"

namespace motcua::kiosk {

enum class LookupStatus {
    not_rated,  // no rating for this dossier at this stage yet
    rated,      // a non-voided rating exists: refuse a second one
    failed,     // the store could not answer (logged by the implementation)
};

enum class SaveStatus {
    saved,      // durably committed: the screen may say "thank you"
    duplicate,  // someone rated this dossier at this stage meanwhile
    failed,     // nothing durable happened; the same rating may be offered again
};

struct SaveResult {
    SaveStatus status = SaveStatus::failed;
    std::string detail;  // English, for the log
};

// Where finished ratings go.
class RatingSink {
  public:
    virtual ~RatingSink() = default;
    virtual LookupStatus lookup(const std::string& dossier_code, Stage stage) = 0;
    // Saving the same rating (same id) again after an uncertain failure must report `saved`
    // when the first attempt had in fact been committed.
    virtual SaveResult save(const Rating& rating) = 0;
};

enum class StaffRole { official, supervisor, admin };

struct StaffMember {
    std::string id;
    std::string name;
    StaffRole role = StaffRole::official;
};

// Staff identities and the audit trail.
class StaffGate {
  public:
    virtual ~StaffGate() = default;
    // Appends to the audit log ("signin_ok", "signin_failed", "signout", "exit").
    virtual void audit(const std::string& actor, std::string_view action,
                       const std::string& detail) = 0;
    // The active officials who may sign in here, in a stable order; empty when the store fails
    // (logged by the implementation).
    virtual std::vector<StaffMember> active_staff() = 0;
    // The active official `id` when `pin` is theirs; nullopt for a wrong PIN, an unknown or
    // inactive id, or when the store fails (the caller cannot tell which).
    virtual std::optional<StaffMember> check_pin(const std::string& id, const std::string& pin) = 0;
    // Small durable state that must survive a restart (the PIN lock, the desk official), in the
    // store's key-value state. load_state gives nullopt when absent or when the store fails;
    // save_state logs a failure and returns false.
    virtual std::optional<std::string> load_state(const std::string& key) = 0;
    virtual bool save_state(const std::string& key, const std::string& value) = 0;
};

}  // namespace motcua::kiosk
