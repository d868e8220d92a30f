#pragma once
// A small form, a recording rating sink that can be told to fail, and a staff gate with one
// admin: everything a flow test needs, without a database or a window.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "kiosk/flow/kiosk_flow.hpp"
#include "kiosk/flow/ports.hpp"

namespace motcua::kiosk::testing {

inline constexpr const char* kGoodCode = "000.00.24.H18-221228-0001";
inline constexpr const char* kOtherCode = "000.00.24.H18-221228-0002";
// The fake gate's staff, in list order: admin1 (admin), sup1 (supervisor), cb01 (official).
inline constexpr const char* kAdminPin = "2468";
inline constexpr const char* kSupervisorPin = "1357";
inline constexpr const char* kOfficialPin = "1111";

// Questions: attitude (CS7, follow-up after the low answer), contacts (CS3), extra payment
// (flag, skippable) and timing (CS1, only when results are returned).
std::string test_form_json(bool several_stages);
Form test_form(bool several_stages);

class FakeSink : public RatingSink {
  public:
    LookupStatus lookup(const std::string& dossier_code, Stage stage) override;
    SaveResult save(const Rating& rating) override;

    void mark_rated(const std::string& dossier_code, Stage stage) {
        rated.insert({dossier_code, stage});
    }

    std::vector<Rating> saved;
    std::set<std::pair<std::string, Stage>> rated;
    int failures_to_give = 0;  // the next n saves fail
    bool lookup_fails = false;
    int lookups = 0;
    int save_attempts = 0;
};

// Three staff members with fixed PINs; the key-value state lives in `state`.
class FakeGate : public StaffGate {
  public:
    void audit(const std::string& actor, std::string_view action,
               const std::string& detail) override;
    std::vector<StaffMember> active_staff() override;
    std::optional<StaffMember> check_pin(const std::string& id, const std::string& pin) override;
    std::optional<std::string> load_state(const std::string& key) override;
    bool save_state(const std::string& key, const std::string& value) override;

    std::vector<std::string> actions;  // "actor:action"
    std::vector<std::string> details;  // the detail of each action
    std::map<std::string, std::string> state;
};

// The answer to `question_id` in a saved rating, or nullptr.
const Answer* find_answer(const Rating& rating, const std::string& question_id);

// The flow with its collaborators, on a manual clock.
struct FlowHarness {
    explicit FlowHarness(bool several_stages = false, bool review = true);

    void type(std::string_view text);  // characters as a scanner types them
    // Characters as a person types them on a keyboard: 150 ms apart on the clock.
    void type_by_hand(std::string_view text);
    void scan(std::string_view code);  // characters then Enter
    void press(FlowKey key) { flow.on_key(key); }
    void advance_seconds(double seconds);  // moves the clock and ticks
    // From Welcome through the PIN pad to the staff menu as staff member `index` of the gate.
    void sign_in(std::size_t index, const std::string& pin);

    Form form;
    KioskSettings settings;
    DossierCodeValidator validator;
    ManualClock clock;
    FakeSink sink;
    FakeGate gate;
    KioskFlow flow;
};

}  // namespace motcua::kiosk::testing
