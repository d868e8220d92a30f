// Staff mode in the flow: choosing who signs in, PINs and their lockout (kept through a
// restart), scans on the PIN pad, roles, desk sign-in and its attribution, the automatic
// sign-out at the end of the day, the staff idle timeout, and the sync buttons.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

namespace {

constexpr std::size_t kAdmin = 0;
constexpr std::size_t kSupervisor = 1;
constexpr std::size_t kOfficial = 2;

class RecordingSyncControl : public SyncControl {
  public:
    void request_sync_now() override { ++syncs; }
    void request_connection_test() override { ++tests; }
    int syncs = 0;
    int tests = 0;
};

void answer_and_send(FlowHarness& h, const char* code) {
    h.scan(code);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
}

}  // namespace

TEST_CASE("staff choose who they are, then type their own PIN", "[flow][staff]") {
    FlowHarness h;
    h.press(FlowKey::staff);
    REQUIRE(h.flow.screen() == Screen::staff_pin);
    REQUIRE(h.flow.pin_candidates().size() == 3);
    CHECK_FALSE(h.flow.pin_official().has_value());
    h.flow.type_pin_digit('1');  // no one chosen yet: nothing to type into
    CHECK(h.flow.pin_length() == 0);
    h.type("3");  // the staff keyboard: the third on the list
    REQUIRE(h.flow.pin_official().has_value());
    CHECK(h.flow.pin_official()->id == "cb01");
    h.advance_seconds(3);
    h.type_by_hand(kAdminPin);  // somebody else's PIN
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::staff_pin);
    CHECK(h.flow.pin_problem() == PinProblem::wrong);
    h.advance_seconds(3);
    h.type_by_hand(kOfficialPin);
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    CHECK(h.flow.staff_member()->id == "cb01");
    CHECK(h.flow.staff_member()->role == StaffRole::official);
    h.press(FlowKey::escape);
    CHECK(h.flow.screen() == Screen::welcome);
    CHECK(h.gate.actions ==
          std::vector<std::string>{"cb01:signin_failed", "cb01:signin_ok", "cb01:signout"});
}

TEST_CASE("Back on the PIN pad returns to the list, then to welcome", "[flow][staff]") {
    FlowHarness h;
    h.flow.request_staff();
    h.flow.choose_pin_official(kSupervisor);
    h.type("13");
    h.press(FlowKey::backspace);
    CHECK(h.flow.pin_length() == 1);
    h.press(FlowKey::backspace);
    h.press(FlowKey::backspace);  // the PIN is empty: back to the list
    CHECK(h.flow.screen() == Screen::staff_pin);
    CHECK_FALSE(h.flow.pin_official().has_value());
    h.press(FlowKey::backspace);
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("a scan on the PIN pad types nothing into the PIN and costs no attempt",
          "[flow][staff][scan]") {
    FlowHarness h;
    h.flow.request_staff();
    h.flow.choose_pin_official(kAdmin);
    h.advance_seconds(3);
    h.type("24");  // the admin starts typing
    h.advance_seconds(3);
    h.scan(kGoodCode);  // a citizen scans a receipt meanwhile
    CHECK(h.flow.screen() == Screen::staff_pin);
    CHECK(h.flow.pin_length() == 2);
    CHECK(h.flow.pin_problem() == PinProblem::none);
    CHECK(h.gate.actions.empty());
    h.advance_seconds(3);
    h.type("68");
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::staff_menu);

    SECTION("a scan on the list picks nobody") {
        FlowHarness g;
        g.flow.request_staff();
        g.scan("1234.56-230301-0001");
        CHECK_FALSE(g.flow.pin_official().has_value());
        CHECK(g.flow.screen() == Screen::staff_pin);
    }
}

TEST_CASE("a receipt of digits only, scanned in one quick burst, is no PIN attempt",
          "[flow][staff][scan]") {
    FlowHarness h;
    h.flow.request_staff();
    h.flow.choose_pin_official(kAdmin);
    h.advance_seconds(3);
    h.type("24");  // the admin starts typing
    h.advance_seconds(3);
    h.scan("230301000123");  // twelve digits and Enter, all within a few milliseconds
    CHECK(h.flow.pin_length() == 2);
    CHECK(h.flow.pin_problem() == PinProblem::none);
    CHECK(h.gate.actions.empty());
    CHECK(h.gate.state.count(staff_keys::kFailedPins) == 0);

    // On the list, a digits-only scan picks nobody.
    h.flow.go_back();
    h.flow.go_back();
    h.flow.request_staff();
    h.advance_seconds(3);
    h.scan("1234");
    CHECK_FALSE(h.flow.pin_official().has_value());

    // The same digits typed by a person are a PIN, and a wrong one costs an attempt.
    h.flow.choose_pin_official(kAdmin);
    h.advance_seconds(3);
    h.type_by_hand("1234");
    h.press(FlowKey::enter);
    CHECK(h.flow.pin_problem() == PinProblem::wrong);
    CHECK(h.gate.actions == std::vector<std::string>{"admin1:signin_failed"});
}

TEST_CASE("repeated wrong PINs lock staff entry for the configured time", "[flow][staff]") {
    FlowHarness h;
    h.flow.request_staff();
    h.flow.choose_pin_official(kAdmin);
    for (int i = 0; i < h.settings.pin_attempts_before_lockout; ++i) {
        h.advance_seconds(3);
        h.type_by_hand("0000");
        h.press(FlowKey::enter);
    }
    CHECK(h.flow.pin_problem() == PinProblem::locked);
    REQUIRE(h.flow.pin_locked_until().has_value());
    CHECK(*h.flow.pin_locked_until() ==
          h.clock.now_utc() + h.settings.pin_lockout_seconds * 1000LL);
    CHECK(h.gate.details.back().find("locked") != std::string::npos);
    h.advance_seconds(3);
    h.type_by_hand(kAdminPin);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::staff_pin);  // even the right PIN waits
    h.clock.advance_ms(h.settings.pin_lockout_seconds * 1000LL);
    CHECK(h.flow.pin_problem() != PinProblem::locked);
    h.type_by_hand(kAdminPin);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::staff_menu);
    CHECK(h.gate.state[staff_keys::kFailedPins] == "0");
}

TEST_CASE("the PIN lock and the failed count survive a restart", "[flow][staff]") {
    FlowHarness h;
    h.settings.pin_attempts_before_lockout = 3;
    h.flow.request_staff();
    h.flow.choose_pin_official(kOfficial);
    h.flow.type_pin_digit('9');
    h.flow.submit_pin();
    h.flow.type_pin_digit('9');
    h.flow.submit_pin();
    CHECK(h.gate.state[staff_keys::kFailedPins] == "2");

    // The kiosk restarts: a new flow on the same store.
    KioskFlow restarted(h.form, h.settings, h.validator, h.clock, h.sink, h.gate);
    restarted.request_staff();
    restarted.choose_pin_official(kOfficial);
    restarted.type_pin_digit('9');
    restarted.submit_pin();  // the third in a row, counted across the restart
    CHECK(restarted.pin_problem() == PinProblem::locked);

    KioskFlow again(h.form, h.settings, h.validator, h.clock, h.sink, h.gate);
    again.request_staff();
    CHECK(again.pin_problem() == PinProblem::locked);
    again.choose_pin_official(kOfficial);
    for (char digit : std::string(kOfficialPin)) {
        again.type_pin_digit(digit);
    }
    again.submit_pin();
    CHECK(again.screen() == Screen::staff_pin);
}

TEST_CASE("roles decide which staff screens open", "[flow][staff][roles]") {
    struct Case {
        std::size_t who;
        std::vector<Screen> allowed;
        std::vector<Screen> refused;
    };
    const std::vector<Case> cases = {
        {kOfficial,
         {Screen::staff_tally, Screen::staff_sync},
         {Screen::staff_report, Screen::staff_export, Screen::staff_admin}},
        {kSupervisor,
         {Screen::staff_tally, Screen::staff_report, Screen::staff_export, Screen::staff_sync},
         {Screen::staff_admin}},
        {kAdmin,
         {Screen::staff_tally, Screen::staff_report, Screen::staff_export, Screen::staff_sync,
          Screen::staff_admin},
         {}},
    };
    const char* pins[] = {kAdminPin, kSupervisorPin, kOfficialPin};
    for (const Case& c : cases) {
        FlowHarness h;
        h.sign_in(c.who, pins[c.who]);
        REQUIRE(h.flow.screen() == Screen::staff_menu);
        INFO("staff member " << h.flow.staff_member()->id);
        for (Screen screen : c.allowed) {
            CHECK(h.flow.open_staff_screen(screen));
            CHECK(h.flow.screen() == screen);
            h.flow.back_to_staff_menu();
            CHECK(h.flow.screen() == Screen::staff_menu);
        }
        for (Screen screen : c.refused) {
            CHECK_FALSE(h.flow.open_staff_screen(screen));
            CHECK(h.flow.screen() == Screen::staff_menu);
        }
        CHECK_FALSE(h.flow.open_staff_screen(Screen::question));
        h.flow.open_staff_screen(Screen::staff_admin);
        h.flow.request_exit();
        CHECK(h.flow.exit_requested() == (c.who == kAdmin));
    }
    FlowHarness nobody;
    CHECK_FALSE(nobody.flow.open_staff_screen(Screen::staff_tally));
    CHECK(nobody.flow.screen() == Screen::welcome);
}

TEST_CASE("only an admin exits, from the admin screen, and it is audited", "[flow][staff]") {
    FlowHarness h;
    h.sign_in(kAdmin, kAdminPin);
    h.flow.request_exit();  // not from the menu
    CHECK_FALSE(h.flow.exit_requested());
    REQUIRE(h.flow.open_staff_screen(Screen::staff_admin));
    h.flow.request_exit();
    CHECK(h.flow.exit_requested());
    CHECK(h.gate.actions.back() == "admin1:exit");
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

TEST_CASE("the staff key works only on welcome", "[flow][staff]") {
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

TEST_CASE("staff screens time out to welcome and sign out", "[flow][staff][idle]") {
    FlowHarness h;
    h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(h.flow.open_staff_screen(Screen::staff_sync));
    h.advance_seconds(h.settings.staff_idle_seconds - 1);
    CHECK(h.flow.screen() == Screen::staff_sync);
    h.flow.on_pointer();  // a touch keeps it open
    h.advance_seconds(h.settings.staff_idle_seconds - 1);
    CHECK(h.flow.screen() == Screen::staff_sync);
    REQUIRE(h.flow.next_wakeup().has_value());
    h.advance_seconds(1);
    CHECK(h.flow.screen() == Screen::welcome);
    CHECK_FALSE(h.flow.staff_member().has_value());
    CHECK(h.gate.actions.back() == "sup1:signout");
}

TEST_CASE("ratings are credited to the official signed in at the desk", "[flow][staff][desk]") {
    FlowHarness h;
    answer_and_send(h, kGoodCode);
    h.flow.finish();
    h.sign_in(kOfficial, kOfficialPin);
    h.flow.sign_in_at_desk();
    REQUIRE(h.flow.desk_official().has_value());
    CHECK(h.flow.desk_official()->id == "cb01");
    CHECK(h.gate.state[staff_keys::kDeskOfficial] == "cb01");
    CHECK(h.gate.state[staff_keys::kDeskDate] == "2023-03-01");
    h.flow.leave_staff();
    CHECK(h.flow.desk_official().has_value());  // leaving staff mode keeps the desk
    answer_and_send(h, kOtherCode);
    REQUIRE(h.sink.saved.size() == 2);
    CHECK(h.sink.saved[0].official_id.empty());
    CHECK(h.sink.saved[1].official_id == "cb01");
    CHECK(std::count(h.gate.actions.begin(), h.gate.actions.end(), "cb01:desk_signin") == 1);

    SECTION("a restart keeps the desk; another official cannot end it, a supervisor can") {
        h.flow.finish();
        KioskFlow restarted(h.form, h.settings, h.validator, h.clock, h.sink, h.gate);
        REQUIRE(restarted.desk_official().has_value());
        CHECK(restarted.desk_official()->id == "cb01");
        struct SecondOfficialGate : FakeGate {
            std::optional<StaffMember> check_pin(const std::string&, const std::string&) override {
                return StaffMember{"cb02", "Lê Văn C", StaffRole::official};
            }
        };
        SecondOfficialGate second;
        second.state = h.gate.state;
        KioskFlow colleague(h.form, h.settings, h.validator, h.clock, h.sink, second);
        colleague.request_staff();
        colleague.choose_pin_official(kOfficial);
        colleague.type_pin_digit('1');
        colleague.submit_pin();
        REQUIRE(colleague.staff_member()->id == "cb02");
        colleague.sign_out_from_desk();
        CHECK(colleague.desk_official()->id == "cb01");

        h.sign_in(kSupervisor, kSupervisorPin);
        h.flow.sign_out_from_desk();
        CHECK_FALSE(h.flow.desk_official().has_value());
        CHECK(h.gate.actions.back() == "sup1:desk_signout");
        CHECK(h.gate.state[staff_keys::kDeskOfficial].empty());
    }
}

TEST_CASE("the desk sign-in ends by itself at local midnight, and a restart keeps it until then",
          "[flow][staff][desk]") {
    FlowHarness h;  // 09:00 local (UTC+7)
    h.sign_in(kOfficial, kOfficialPin);
    h.flow.sign_in_at_desk();
    h.flow.leave_staff();
    // Midnight local is 17:00 UTC: 15 hours on.
    const UtcMillis midnight = h.clock.now_utc() + 15LL * 3600 * 1000;
    REQUIRE(h.flow.next_wakeup().has_value());
    CHECK(*h.flow.next_wakeup() == midnight);

    h.clock.advance_ms(14LL * 3600 * 1000);  // 23:00: the kiosk restarts
    KioskFlow restarted(h.form, h.settings, h.validator, h.clock, h.sink, h.gate);
    REQUIRE(restarted.desk_official().has_value());
    CHECK(restarted.desk_official()->name == "Trần Văn Bình");

    h.clock.advance_ms(3600 * 1000 - 1);
    restarted.tick();
    CHECK(restarted.desk_official().has_value());
    h.clock.advance_ms(1);
    restarted.tick();
    CHECK_FALSE(restarted.desk_official().has_value());
    CHECK(h.gate.actions.back() == "system:desk_signout");

    SECTION("a kiosk switched off overnight starts the next day with nobody at the desk") {
        FlowHarness g;
        g.sign_in(kOfficial, kOfficialPin);
        g.flow.sign_in_at_desk();
        g.clock.advance_ms(24LL * 3600 * 1000);
        KioskFlow next_day(g.form, g.settings, g.validator, g.clock, g.sink, g.gate);
        CHECK_FALSE(next_day.desk_official().has_value());
        CHECK(g.gate.state[staff_keys::kDeskOfficial].empty());
    }
}

TEST_CASE("sync now and test connection reach the uploader only from their screens",
          "[flow][staff][sync]") {
    FlowHarness h;
    RecordingSyncControl control;
    h.flow.set_sync_control(&control);
    SyncView view;
    view.enabled = true;
    view.pending = 12;
    h.flow.set_sync_view(view);
    h.sign_in(kOfficial, kOfficialPin);
    h.flow.sync_now();  // on the menu: nothing
    CHECK(control.syncs == 0);
    REQUIRE(h.flow.open_staff_screen(Screen::staff_sync));
    h.flow.sync_now();
    CHECK(control.syncs == 1);
    CHECK(h.flow.sync_view().running);
    CHECK(h.flow.sync_view().run_total == 12);
    h.flow.sync_now();  // already running
    CHECK(control.syncs == 1);
    h.flow.test_connection();  // an official is not an admin
    CHECK(control.tests == 0);
    h.flow.leave_staff();

    h.sign_in(kAdmin, kAdminPin);
    REQUIRE(h.flow.open_staff_screen(Screen::staff_admin));
    h.flow.test_connection();
    CHECK(control.tests == 1);
    CHECK(h.flow.sync_view().testing_connection);
}
