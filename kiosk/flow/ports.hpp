#pragma once
// What the flow needs from the outside world, as interfaces: the app implements them with the
// Store, tests with fakes that can fail on demand. None of them may throw.

#include <optional>
#include <string>
#include <string_view>

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
    // The active admin whose PIN this is; nullopt for no match or when the store fails.
    virtual std::optional<StaffMember> check_admin_pin(const std::string& pin) = 0;
    // Appends to the audit log ("signin_ok", "signin_failed", "signout", "exit").
    virtual void audit(const std::string& actor, std::string_view action,
                       const std::string& detail) = 0;
};

}  // namespace motcua::kiosk
