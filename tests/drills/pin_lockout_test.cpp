// Security: PIN guessing against the lockout, through the kiosk's flow and its Store-backed
// StaffGate on a real database: five wrong PINs lock staff entry, even the right PIN waits, and
// the lock and the count survive a restart of the kiosk (a new flow on the same file).

#include <catch2/catch.hpp>

#include "core/config.hpp"
#include "core/form.hpp"
#include "kiosk/app/store_ports.hpp"
#include "kiosk/flow/kiosk_flow.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

constexpr const char* kRightPin = "2580";

// The kiosk's flow on a database, wired the way motcua-kiosk wires it.
struct KioskOnStore {
    KioskOnStore(const std::filesystem::path& db, const Config& config, const Form& form,
                 const DossierCodeValidator& validator, const Clock& clock)
        : connection(db, clock, log),
          sink(connection, log),
          gate(connection, clock, log),
          flow(form, config.kiosk, validator, clock, sink, gate) {}

    void enter_pin(const std::string& pin) {
        for (char digit : pin) {
            flow.type_pin_digit(digit);
        }
        flow.submit_pin();
    }

    app::LogFn log = [](std::string_view) {};
    app::StoreConnection connection;
    app::StoreRatingSink sink;
    app::StoreStaffGate gate;
    KioskFlow flow;
};

}  // namespace

TEST_CASE("security: PIN guessing is locked out after 5 wrong PINs, across a restart",
          "[drills][security][pin]") {
    test::TempDir dir;
    const auto db = dir / "kiosk.db";
    {
        Store store(db);
        store.add_official(Official{"cb01", "Nguyễn Văn A", Role::official, true}, kRightPin);
    }
    const Config config = default_config(db);
    REQUIRE(config.kiosk.pin_attempts_before_lockout == 5);
    const Form form = load_form_file(assets_dir() / "forms" / "dienbien-phieu4.json");
    const DossierCodeValidator validator(config.dossier_code);
    ManualClock clock(1735693200000);  // 2025-01-01 08:00 in Vietnam

    {
        KioskOnStore kiosk(db, config, form, validator, clock);
        kiosk.flow.request_staff();
        kiosk.flow.choose_pin_official(0);
        // A guesser tries PINs in order; the fifth wrong one locks.
        for (int guess = 0; guess < 5; ++guess) {
            CHECK(kiosk.flow.pin_problem() != PinProblem::locked);
            clock.advance_ms(2000);
            kiosk.enter_pin("000" + std::to_string(guess));
        }
        CHECK(kiosk.flow.pin_problem() == PinProblem::locked);
        // The right PIN, tried at once, is refused like any other.
        clock.advance_ms(2000);
        kiosk.enter_pin(kRightPin);
        CHECK(kiosk.flow.screen() == Screen::staff_pin);
    }

    // The kiosk restarts (power cut, kill): the lock is read back from the store.
    {
        KioskOnStore restarted(db, config, form, validator, clock);
        restarted.flow.request_staff();
        CHECK(restarted.flow.pin_problem() == PinProblem::locked);
        restarted.flow.choose_pin_official(0);
        restarted.enter_pin(kRightPin);
        CHECK(restarted.flow.screen() == Screen::staff_pin);
    }
    {
        Store store(db);
        CHECK_FALSE(store.get_state(staff_keys::kLockedUntil).value_or("").empty());
        int failed_signins = 0;
        for (const AuditEntry& entry : store.list_audit(0, clock.now_utc() + 1)) {
            failed_signins += entry.action == "signin_failed" ? 1 : 0;
        }
        CHECK(failed_signins >= 5);
    }

    // When the lockout time has passed, the right PIN works again, and the count restarts.
    clock.advance_ms(static_cast<std::int64_t>(config.kiosk.pin_lockout_seconds) * 1000);
    KioskOnStore later(db, config, form, validator, clock);
    later.flow.request_staff();
    CHECK(later.flow.pin_problem() != PinProblem::locked);
    later.flow.choose_pin_official(0);
    later.enter_pin(kRightPin);
    CHECK(later.flow.screen() == Screen::staff_menu);
    Store store(db);
    CHECK(store.get_state(staff_keys::kFailedPins) == "0");
}
