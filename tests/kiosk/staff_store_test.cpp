// Staff mode on a real Store: the staff list and PINs by id, and the PIN lock and the desk
// official kept in the store's key-value state through closing and reopening it.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"
#include "kiosk/app/store_ports.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::app;
using namespace motcua::kiosk::testing;

namespace {

void ignore_log(std::string_view) {}

// A kiosk's store with an admin, an official and an inactive supervisor.
std::filesystem::path make_store(const motcua::test::TempDir& dir) {
    std::filesystem::path path = dir / "kiosk.db";
    Store store(path);
    store.add_official({"admin1", "Nguyễn Văn An", Role::admin, true}, "482913");
    store.add_official({"cb07", "Đỗ Thị Lan", Role::official, true}, "7777");
    store.add_official({"sup9", "Lê Thị Bích", Role::supervisor, false}, "111222");
    return path;
}

}  // namespace

TEST_CASE("the store's staff gate lists active staff and checks a PIN by id",
          "[app][staff][store]") {
    motcua::test::TempDir dir;
    std::filesystem::path path = make_store(dir);
    ManualClock clock(1677636000000);
    StoreConnection connection(path, clock, ignore_log);
    StoreStaffGate gate(connection, clock, ignore_log);

    std::vector<StaffMember> staff = gate.active_staff();
    REQUIRE(staff.size() == 2);
    CHECK(staff[0].id == "admin1");
    CHECK(staff[0].role == StaffRole::admin);
    CHECK(staff[1].id == "cb07");
    CHECK(staff[1].name == "Đỗ Thị Lan");
    CHECK(staff[1].role == StaffRole::official);

    std::optional<StaffMember> lan = gate.check_pin("cb07", "7777");
    REQUIRE(lan.has_value());
    CHECK(lan->role == StaffRole::official);
    CHECK_FALSE(gate.check_pin("cb07", "482913").has_value());  // the admin's PIN
    CHECK_FALSE(gate.check_pin("sup9", "111222").has_value());  // inactive
    CHECK_FALSE(gate.check_pin("nobody", "7777").has_value());

    CHECK_FALSE(gate.load_state("desk.official_id").has_value());
    CHECK(gate.save_state("desk.official_id", "cb07"));
    CHECK(gate.load_state("desk.official_id") == std::optional<std::string>("cb07"));
}

TEST_CASE("the PIN lock and the desk official survive closing and reopening the store",
          "[flow][staff][store]") {
    motcua::test::TempDir dir;
    std::filesystem::path path = make_store(dir);
    FlowHarness h;
    h.settings.pin_attempts_before_lockout = 2;
    {
        StoreConnection connection(path, h.clock, ignore_log);
        StoreStaffGate gate(connection, h.clock, ignore_log);
        KioskFlow flow(h.form, h.settings, h.validator, h.clock, h.sink, gate);
        flow.request_staff();
        REQUIRE(flow.pin_candidates().size() == 2);
        flow.choose_pin_official(1);
        for (char digit : std::string("7777")) {
            flow.type_pin_digit(digit);
        }
        flow.submit_pin();
        REQUIRE(flow.screen() == Screen::staff_menu);
        flow.sign_in_at_desk();
        flow.leave_staff();
        flow.request_staff();
        flow.choose_pin_official(0);
        for (int attempt = 0; attempt < 2; ++attempt) {
            flow.type_pin_digit('5');
            flow.type_pin_digit('5');
            flow.type_pin_digit('5');
            flow.type_pin_digit('5');
            flow.submit_pin();
        }
        REQUIRE(flow.pin_problem() == PinProblem::locked);
    }
    h.clock.advance_ms(60000);  // a minute later the kiosk is back
    StoreConnection connection(path, h.clock, ignore_log);
    StoreStaffGate gate(connection, h.clock, ignore_log);
    KioskFlow flow(h.form, h.settings, h.validator, h.clock, h.sink, gate);
    REQUIRE(flow.desk_official().has_value());
    CHECK(flow.desk_official()->id == "cb07");
    CHECK(flow.desk_official()->name == "Đỗ Thị Lan");
    flow.request_staff();
    CHECK(flow.pin_problem() == PinProblem::locked);
    REQUIRE(flow.pin_locked_until().has_value());
    CHECK(*flow.pin_locked_until() ==
          h.clock.now_utc() - 60000 + h.settings.pin_lockout_seconds * 1000LL);

    Store store(path);
    std::vector<AuditEntry> audit = store.list_audit(0, h.clock.now_utc() + 1);
    std::vector<std::string> actions;
    for (auto it = audit.rbegin(); it != audit.rend(); ++it) {
        actions.push_back(it->actor + ":" + it->action);
    }
    CHECK(actions == std::vector<std::string>{"cb07:signin_ok", "cb07:desk_signin", "cb07:signout",
                                              "admin1:signin_failed", "admin1:signin_failed"});
}
