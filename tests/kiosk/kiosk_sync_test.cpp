// The uploader inside the kiosk: a real motcua-server on 127.0.0.1, ratings saved through the
// kiosk's flow into its Store, the SyncWorker on its own thread, and its status reaching the
// flow only through the run queue, the way the event loop runs it.
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>

#include "core/config.hpp"
#include "core/dossier_code.hpp"
#include "kiosk/app/kiosk_sync.hpp"
#include "kiosk/app/run_queue.hpp"
#include "kiosk/app/store_ports.hpp"
#include "kiosk/flow/kiosk_flow.hpp"
#include "server/server_store.hpp"
#include "tests/sync/support/server_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::app;

namespace {

void ignore_log(std::string_view) {}

// The UI thread's side of the run queue: waits for a post, as glfwWaitEvents would.
struct Wakeups {
    std::mutex mutex;
    std::condition_variable posted;
    bool pending = false;

    void wake() {
        {
            std::lock_guard lock(mutex);
            pending = true;
        }
        posted.notify_one();
    }
    void wait() {
        std::unique_lock lock(mutex);
        posted.wait_for(lock, std::chrono::seconds(1), [this] { return pending; });
        pending = false;
    }
};

// Runs the queue until `done` holds; fails after a minute without it (a hang, not a measure).
template <typename Done>
bool run_until(RunQueue& queue, Wakeups& wakeups, Done done) {
    auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (std::chrono::steady_clock::now() < give_up) {
        queue.run_pending();
        if (done()) {
            return true;
        }
        wakeups.wait();
    }
    return false;
}

void rate(KioskFlow& flow, const std::string& code) {
    flow.begin_code_entry();
    flow.type_on_keypad(code);
    flow.submit_code();
    if (flow.screen() == Screen::stage_choice) {
        flow.choose_stage(flow.form().stages.front());
    }
    while (flow.screen() == Screen::question || flow.screen() == Screen::follow_up) {
        if (flow.screen() == Screen::follow_up) {
            flow.finish_follow_up();
        } else {
            flow.choose_option(0);
        }
    }
    if (flow.screen() == Screen::review) {
        flow.send();
    }
    REQUIRE(flow.screen() == Screen::thank_you);
    flow.finish();
}

}  // namespace

TEST_CASE("the kiosk's sync thread uploads what the kiosk saved and the status reaches the flow",
          "[app][sync]") {
    motcua::test::TempDir dir;
    Config config = default_config(dir / "kiosk.db");
    const std::filesystem::path server_db = dir / "server.db";
    std::string token =
        motcua::test::add_kiosk(server_db, config.kiosk.kiosk_id, config.kiosk.unit_code);
    motcua::test::ServerProcess server(server_db);
    std::ofstream(dir / "token") << token << "\n";
    config.sync.server_url = server.url();
    config.sync.token_file = dir / "token";
    {
        Store store(config.database);
        store.add_official({"sup1", "Phạm Thị Giám", Role::supervisor, true}, "1357");
    }

    SystemClock clock;
    Form form = load_form_file(config.form_profile);
    DossierCodeValidator validator(config.dossier_code);
    StoreConnection connection(config.database, clock, ignore_log);
    StoreRatingSink sink(connection, ignore_log);
    StoreStaffGate gate(connection, clock, ignore_log);
    KioskFlow flow(form, config.kiosk, validator, clock, sink, gate);
    const std::vector<std::string> codes = {
        "000.00.24.H18-230301-0001", "000.00.24.H18-230301-0002", "000.00.24.H18-230301-0003"};
    for (const std::string& code : codes) {
        rate(flow, code);
    }

    Wakeups wakeups;
    RunQueue queue([&wakeups] { wakeups.wake(); });
    KioskSync sync(config, clock, flow, queue, connection, ignore_log);
    REQUIRE(sync.running());
    CHECK(flow.sync_view().enabled);
    CHECK(flow.settings_facts().server_url == server.url());

    // Never synced before: the worker's start-up catch-up run sends everything.
    REQUIRE(run_until(queue, wakeups, [&flow] {
        return flow.sync_view().last_success_utc.has_value() && !flow.sync_view().running;
    }));
    CHECK(flow.sync_view().pending == 0);
    CHECK(flow.sync_view().last_error.empty());
    server::ServerStoreOptions existing;
    existing.create = false;
    CHECK(server::open_sqlite_server_store(server_db, existing)
              ->rating_ids(config.kiosk.kiosk_id)
              .size() == codes.size());

    // A rating made afterwards goes with "send now" from the staff sync screen.
    rate(flow, "000.00.24.H18-230301-0004");
    flow.request_staff();
    flow.choose_pin_official(0);
    for (char digit : std::string("1357")) {
        flow.type_pin_digit(digit);
    }
    flow.submit_pin();
    REQUIRE(flow.open_staff_screen(Screen::staff_sync));
    UtcMillis first_success = *flow.sync_view().last_success_utc;
    flow.sync_now();
    CHECK(flow.sync_view().running);
    REQUIRE(run_until(queue, wakeups, [&flow] { return !flow.sync_view().running; }));
    CHECK(flow.sync_view().pending == 0);
    CHECK(*flow.sync_view().last_success_utc >= first_success);
    CHECK(server::open_sqlite_server_store(server_db, existing)
              ->rating_ids(config.kiosk.kiosk_id)
              .size() == codes.size() + 1);
}
