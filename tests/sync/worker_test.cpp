// The kiosk's background worker: catches up at start, runs on request, reports through its
// callback, and stops promptly even while the server is slow.

#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>

#include <catch2/catch.hpp>

#include "sync/sync_worker.hpp"
#include "tests/sync/sync_fixture.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

// Collects the worker's events as the kiosk's UI queue would.
class EventQueue {
  public:
    void push(const SyncEvent& event) {
        {
            std::lock_guard lock(mutex_);
            events_.push_back(event);
        }
        arrived_.notify_all();
    }

    // The next `finished` event (others are kept in `seen`), waiting at most a minute so a
    // broken worker fails the test instead of hanging it.
    std::optional<SyncEvent> next_finished() {
        std::unique_lock lock(mutex_);
        const bool found = arrived_.wait_for(lock, std::chrono::minutes(1), [&] {
            return std::any_of(events_.begin(), events_.end(), [](const SyncEvent& e) {
                return e.kind == SyncEvent::Kind::finished;
            });
        });
        if (!found) {
            return std::nullopt;
        }
        while (events_.front().kind != SyncEvent::Kind::finished) {
            seen.push_back(events_.front());
            events_.pop_front();
        }
        SyncEvent event = events_.front();
        events_.pop_front();
        return event;
    }

    std::vector<SyncEvent> seen;

  private:
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::deque<SyncEvent> events_;
};

SyncWorkerSettings worker_settings(const SyncFixture& province) {
    SyncWorkerSettings settings;
    settings.database = province.kiosk_db;
    settings.options = province.options();
    settings.poll_interval = std::chrono::milliseconds(50);
    return settings;
}

}  // namespace

TEST_CASE("the worker catches up at start-up and syncs again on request") {
    SyncFixture province;
    save_ratings(province.store, province.factory, 400);
    const SystemClock clock;
    EventQueue queue;
    SyncWorker worker(worker_settings(province), clock,
                      [&](const SyncEvent& event) { queue.push(event); });
    worker.start();

    const auto first = queue.next_finished();
    REQUIRE(first);
    CHECK(first->reason == RunReason::catch_up);
    REQUIRE(first->report);
    INFO(first->report->error);
    CHECK(first->report->outcome == SyncOutcome::complete);
    CHECK(first->report->counts.accepted == 400);
    CHECK(first->status.pending == 0);
    CHECK(first->status.last_success_utc);
    CHECK(std::any_of(queue.seen.begin(), queue.seen.end(),
                      [](const SyncEvent& e) { return e.kind == SyncEvent::Kind::progress; }));

    save_ratings(province.store, province.factory, 25);
    worker.request_sync_now();
    const auto second = queue.next_finished();
    REQUIRE(second);
    CHECK(second->reason == RunReason::on_demand);
    CHECK(second->report->counts.accepted == 25);
    worker.stop();
    CHECK(province.server_stats().ratings == 425);
}

TEST_CASE("stopping the worker cancels a run in flight and loses nothing") {
    SyncFixture province({"--fault-delay-rate", "1", "--fault-delay-ms", "30000"});
    const auto ids = save_ratings(province.store, province.factory, 300);
    const SystemClock clock;
    EventQueue queue;
    SyncWorker worker(worker_settings(province), clock,
                      [&](const SyncEvent& event) { queue.push(event); });
    worker.start();
    // Wait until the first batch is on its way (its answer is held back by the server).
    while (province.server_stats().batches == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    worker.stop();

    const auto finished = queue.next_finished();
    REQUIRE(finished);
    CHECK(finished->report->outcome == SyncOutcome::cancelled);
    // The batch the server stored but never answered is still pending: it will come back as
    // duplicates next time. Nothing was marked delivered without an answer.
    CHECK(province.store.counts().pending_upload == 300);
    CHECK(province.server_stats().ratings == 100);
    province.server->kill_hard();  // its handler would sit out the delay before exiting
}

TEST_CASE("the worker's settings come from the kiosk's configuration") {
    TempDir dir;
    std::ofstream(dir / "token") << "mct_abc\n";
    Config config = default_config(dir / "kiosk.db");
    config.sync.server_url = "https://sync.dienbien.gov.vn";
    config.sync.token_file = dir / "token";
    config.sync.window_start = "23:30";
    config.sync.window_end = "02:00";
    config.sync.batch_size = 250;
    const SyncWorkerSettings settings = sync_worker_settings(config);
    CHECK(settings.database == dir / "kiosk.db");
    CHECK(settings.options.token == "mct_abc");
    CHECK(settings.options.batch_size == 250);
    CHECK(settings.options.form_id == "dienbien-phieu4");
    CHECK_FALSE(settings.options.app_version.empty());
    CHECK(settings.schedule.window_start_minute == 23 * 60 + 30);
    CHECK(settings.schedule.window_end_minute == 120);

    config.sync.token_file = dir / "missing";
    CHECK_THROWS_AS(sync_worker_settings(config), SyncConfigError);
    config.sync.server_url = "";
    CHECK_THROWS_WITH(sync_worker_settings(config), Catch::Contains("sync.server_url"));
}
