// The admin PIN gate: the staff key, long press, lockout, exit, staff idle timeout.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

TEST_CASE("the admin PIN gate opens the staff menu and lets an admin exit", "[flow][staff]") {
    FlowHarness h;
    h.press(FlowKey::staff);
    REQUIRE(h.flow.screen() == Screen::staff_pin);
    h.scan(kGoodCode);  // a scan on the PIN pad is not a rating
    CHECK(h.flow.screen() == Screen::staff_pin);
    CHECK(h.flow.pin_problem() == PinProblem::wrong);
    h.type("2468");
    CHECK(h.flow.pin_length() == 4);
    h.press(FlowKey::backspace);
    h.type("8");
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    REQUIRE(h.flow.staff_member().has_value());
    CHECK(h.flow.staff_member()->id == "admin1");
    CHECK_FALSE(h.flow.exit_requested());
    h.flow.request_exit();
    CHECK(h.flow.exit_requested());
    CHECK(h.gate.actions ==
          std::vector<std::string>{"unknown:signin_failed", "admin1:signin_ok", "admin1:exit"});
}

TEST_CASE("the staff key works only on welcome, and Escape leaves the PIN pad", "[flow][staff]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.press(FlowKey::staff);
    CHECK(h.flow.screen() == Screen::question);
    h.press(FlowKey::escape);
    h.press(FlowKey::staff);
    REQUIRE(h.flow.screen() == Screen::staff_pin);
    h.press(FlowKey::escape);
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("repeated wrong PINs lock the PIN pad for the configured time", "[flow][staff]") {
    FlowHarness h;
    h.flow.request_staff();
    for (int i = 0; i < h.settings.pin_attempts_before_lockout; ++i) {
        h.type("0000");
        h.press(FlowKey::enter);
    }
    CHECK(h.flow.pin_problem() == PinProblem::locked);
    h.type(kAdminPin);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::staff_pin);  // even the right PIN waits
    h.clock.advance_ms(h.settings.pin_lockout_seconds * 1000);
    CHECK(h.flow.pin_problem() != PinProblem::locked);
    h.type(kAdminPin);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::staff_menu);
}

TEST_CASE("a long press on welcome's corner opens the PIN pad, a short one does not",
          "[flow][staff]") {
    FlowHarness h;
    h.flow.hold_staff_corner(true);
    h.clock.advance_ms(2000);
    h.flow.hold_staff_corner(true);
    h.flow.hold_staff_corner(false);
    h.clock.advance_ms(2000);
    h.flow.hold_staff_corner(true);
    CHECK(h.flow.screen() == Screen::welcome);
    REQUIRE(h.flow.next_wakeup().has_value());
    CHECK(*h.flow.next_wakeup() == h.clock.now_utc() + KioskFlow::kStaffLongPressMs);
    h.advance_seconds(3);  // held still: no new input, the tick opens it
    CHECK(h.flow.screen() == Screen::staff_pin);
}

TEST_CASE("staff screens time out to welcome and sign out", "[flow][staff][idle]") {
    FlowHarness h;
    h.flow.request_staff();
    h.type(kAdminPin);
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    h.advance_seconds(h.settings.staff_idle_seconds - 1);
    CHECK(h.flow.screen() == Screen::staff_menu);
    h.advance_seconds(1);
    CHECK(h.flow.screen() == Screen::welcome);
    CHECK_FALSE(h.flow.staff_member().has_value());
    CHECK(h.gate.actions.back() == "admin1:signout");
}

TEST_CASE("only an admin can exit", "[flow][staff]") {
    struct OfficialGate : FakeGate {
        std::optional<StaffMember> check_admin_pin(const std::string&) override {
            return StaffMember{"cb02", "Lê Văn C", StaffRole::supervisor};
        }
    };
    FlowHarness h;
    OfficialGate gate;
    KioskFlow flow(h.form, h.settings, h.validator, h.clock, h.sink, gate);
    flow.request_staff();
    flow.type_pin_digit('1');
    flow.submit_pin();
    REQUIRE(flow.screen() == Screen::staff_menu);
    flow.request_exit();
    CHECK_FALSE(flow.exit_requested());
}
