// Uploads through every fault the server can inject, and through a server crash: afterwards the
// server holds exactly the kiosk's ratings, each once, and everything is acknowledged.

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "sync/uploader.hpp"
#include "tests/sync/sync_fixture.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

const SystemClock kClock;

// Syncs until complete (a run may give up after its attempts; the next run carries on, as the
// scheduler would), then checks exact delivery and that one more run changes nothing.
void sync_and_check_exact_delivery(SyncFixture& province, const std::vector<std::string>& ids,
                                   const SyncOptions& options) {
    SyncReport report;
    for (int run = 0; run < 5; ++run) {
        report = run_sync(province.store, options, kClock);
        if (report.outcome == SyncOutcome::complete) {
            break;
        }
    }
    INFO(report.error);
    REQUIRE(report.outcome == SyncOutcome::complete);
    CHECK(province.store.counts().pending_upload == 0);
    CHECK(province.store.counts().quarantined == 0);
    CHECK(province.server_rating_ids() == sorted(ids));
    CHECK(province.server_stats().ratings == static_cast<std::int64_t>(ids.size()));

    const server::ServerStats before = province.server_stats();
    const SyncReport again = run_sync(province.store, options, kClock);
    CHECK(again.outcome == SyncOutcome::complete);
    CHECK(again.counts.sent == 0);
    CHECK(province.server_stats().ratings == before.ratings);
}

}  // namespace

TEST_CASE("5xx answers are retried until every rating is delivered") {
    SyncFixture province({"--fault-5xx", "0.3", "--fault-retry-after", "0", "--fault-seed", "11"});
    const auto ids = save_ratings(province.store, province.factory, 2000);
    sync_and_check_exact_delivery(province, ids, province.options());
}

TEST_CASE("connections dropped before the body are retried") {
    SyncFixture province({"--fault-drop-before-body", "0.3", "--fault-seed", "12"});
    const auto ids = save_ratings(province.store, province.factory, 2000);
    sync_and_check_exact_delivery(province, ids, province.options());
}

TEST_CASE("lost acknowledgements after commit become duplicates, not second copies") {
    SyncFixture province({"--fault-drop-after-commit", "0.3", "--fault-seed", "13"});
    const auto ids = save_ratings(province.store, province.factory, 2000);
    sync_and_check_exact_delivery(province, ids, province.options());
    CHECK(province.server_stats().duplicates_answered > 0);  // the lost answers were replayed
}

TEST_CASE("answers slower than the client's timeout are retried without duplication") {
    SyncFixture province(
        {"--fault-delay-rate", "0.3", "--fault-delay-ms", "1500", "--fault-seed", "14"});
    const auto ids = save_ratings(province.store, province.factory, 1000);
    SyncOptions options = province.options();
    options.http.total_timeout_seconds = 1;
    sync_and_check_exact_delivery(province, ids, options);
}

TEST_CASE("every kind of fault at once") {
    SyncFixture province({"--fault-5xx", "0.1", "--fault-drop-before-body", "0.1",
                          "--fault-drop-after-commit", "0.1", "--fault-delay-rate", "0.1",
                          "--fault-delay-ms", "1500", "--fault-retry-after", "0", "--fault-seed",
                          "15"});
    const auto ids = save_ratings(province.store, province.factory, 2000);
    SyncOptions options = province.options();
    options.http.total_timeout_seconds = 1;
    sync_and_check_exact_delivery(province, ids, options);
}

TEST_CASE("a server crash in the middle of a sync loses nothing") {
    SyncFixture province({"--fault-delay-rate", "1", "--fault-delay-ms", "100"});
    const auto ids = save_ratings(province.store, province.factory, 2000);
    SyncOptions options = province.options();
    options.retry.max_attempts = 400;  // keep retrying while the server is down

    std::atomic<std::int64_t> answered = 0;
    SyncReport report;
    std::thread uploader([&] {
        report = run_sync(province.store, options, kClock, [&](const SyncProgress& progress) {
            answered = progress.counts.batches;
        });
    });
    while (answered < 3) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    province.server->kill_hard();
    // A crashed server stays down for a while: long enough that libcurl's one silent resend on
    // a dead reused connection fails too and the uploader has to retry.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    province.restart_server();
    uploader.join();

    INFO(report.error);
    REQUIRE(report.outcome == SyncOutcome::complete);
    CHECK(report.counts.retries > 0);
    CHECK(province.store.counts().pending_upload == 0);
    CHECK(province.server_rating_ids() == sorted(ids));
}

TEST_CASE("two sync runs at once never send the same rating twice") {
    SyncFixture province({"--fault-delay-rate", "1", "--fault-delay-ms", "20"});
    const auto ids = save_ratings(province.store, province.factory, 1500);
    const SyncOptions options = province.options();

    std::atomic<int> ready = 0;
    SyncReport reports[2];
    std::vector<std::thread> runs;
    for (int i = 0; i < 2; ++i) {
        runs.emplace_back([&, i] {
            Store own_store(province.kiosk_db);  // as another process would
            ++ready;
            while (ready < 2) {
                std::this_thread::yield();
            }
            reports[i] = run_sync(own_store, options, kClock);
        });
    }
    for (std::thread& run : runs) {
        run.join();
    }
    for (const SyncReport& report : reports) {
        INFO(report.error);
        CHECK((report.outcome == SyncOutcome::complete || report.outcome == SyncOutcome::busy));
    }
    CHECK(reports[0].counts.sent + reports[1].counts.sent == 1500);
    const server::ServerStats stats = province.server_stats();
    CHECK(stats.duplicates_answered == 0);
    CHECK(stats.ratings == 1500);
    CHECK(province.server_rating_ids() == sorted(ids));
}
