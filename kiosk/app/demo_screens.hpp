#pragma once
// --demo-screen: puts the flow on a chosen screen with sample answers, for screenshots and
// documentation. It drives the flow through its ordinary functions (no back door), with an
// in-memory sink and a sample admin instead of the database, so nothing is ever written.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "kiosk/flow/kiosk_flow.hpp"
#include "kiosk/flow/ports.hpp"

namespace motcua::kiosk::app {

bool is_demo_screen(std::string_view name);
std::string demo_screen_list();  // "welcome, code_entry, ..."

// A clock that can be moved forward, for the countdown screenshot.
class ShiftableClock final : public Clock {
  public:
    explicit ShiftableClock(const Clock& base) : base_(base) {}
    UtcMillis now_utc() const override { return base_.now_utc() + shift_ms_; }
    int utc_offset_minutes(UtcMillis when) const override { return base_.utc_offset_minutes(when); }
    void shift_ms(std::int64_t ms) { shift_ms_ += ms; }

  private:
    const Clock& base_;
    std::int64_t shift_ms_ = 0;
};

// Keeps ratings in memory; can be told to fail.
class MemorySink final : public RatingSink {
  public:
    LookupStatus lookup(const std::string& dossier_code, Stage stage) override;
    SaveResult save(const Rating& rating) override;
    bool failing = false;

  private:
    std::vector<Rating> saved_;
};

// Staff for demonstrations: the given members (those of a demo database), or a sample admin,
// supervisor and official when there are none. Any PIN lets them in; state stays in memory
// and nothing is audited.
class SampleStaffGate final : public StaffGate {
  public:
    explicit SampleStaffGate(std::vector<StaffMember> members);
    void audit(const std::string&, std::string_view, const std::string&) override {}
    std::vector<StaffMember> active_staff() override { return members_; }
    std::optional<StaffMember> check_pin(const std::string& id, const std::string& pin) override;
    std::optional<std::string> load_state(const std::string& key) override;
    bool save_state(const std::string& key, const std::string& value) override;

  private:
    std::vector<StaffMember> members_;
    std::map<std::string, std::string> state_;
};

// The tab a demo screen shows first: 1 and 2 for staff_tally_answers and
// staff_tally_officials (the tally's Answers and By official tabs), 0 otherwise.
int demo_screen_tab(std::string_view name);

// Drives `flow` to the screen called `name`. Throws std::invalid_argument when the form
// cannot show it (a single-stage form has no stage screen), or when a corrections screen
// cannot open (no database behind the demo).
void open_demo_screen(std::string_view name, KioskFlow& flow, MemorySink& sink,
                      ShiftableClock& clock);

}  // namespace motcua::kiosk::app
