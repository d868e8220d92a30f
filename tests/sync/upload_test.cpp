// One sync run against the real motcua-server: exact delivery, quarantine of refused items only,
// and every failure leaving the queue untouched.

#include <atomic>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sync/protocol.hpp"
#include "sync/sync_lock.hpp"
#include "sync/sync_state.hpp"
#include "sync/uploader.hpp"
#include "tests/sync/stub_server.hpp"
#include "tests/sync/sync_fixture.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

const SystemClock kClock;

}  // namespace

TEST_CASE("a sync delivers every rating and void exactly once and the next one sends nothing") {
    SyncFixture province;
    std::vector<std::string> ids = save_ratings(province.store, province.factory, 2500);
    for (int i = 0; i < 10; ++i) {
        province.store.void_rating(ids[static_cast<std::size_t>(i) * 7], "entered twice", "sup01",
                                   kClock.now_utc());
    }

    std::vector<SyncProgress> progress;
    const SyncReport report = run_sync(province.store, province.options(), kClock,
                                       [&](const SyncProgress& p) { progress.push_back(p); });
    INFO(report.error);
    REQUIRE(report.outcome == SyncOutcome::complete);
    CHECK(report.counts.accepted == 2510);
    CHECK(report.counts.batches == 26);
    CHECK(report.pending_at_start == 2510);
    CHECK(report.pending_after == 0);
    CHECK(report.heartbeat_error.empty());
    CHECK(report.counts.wire_bytes_up < report.counts.json_bytes);  // gzip did its work
    REQUIRE_FALSE(progress.empty());
    CHECK(progress.back().counts.accepted == 2510);

    CHECK(province.server_rating_ids() == sorted(ids));
    const server::ServerStats stats = province.server_stats();
    CHECK(stats.ratings == 2500);
    CHECK(stats.voided == 10);
    CHECK(stats.duplicates_answered == 0);
    const auto heartbeat = nlohmann::json::parse(stats.kiosks.at(0).last_heartbeat, nullptr, false);
    CHECK(heartbeat["pending"] == 0);

    const SyncStatus status = read_sync_status(province.store);
    CHECK(status.last_success_utc);
    CHECK(status.last_error.empty());
    CHECK(status.pending == 0);

    const SyncReport again = run_sync(province.store, province.options(), kClock);
    CHECK(again.outcome == SyncOutcome::complete);
    CHECK(again.counts.sent == 0);
    const server::ServerStats after = province.server_stats();
    CHECK(after.batches == stats.batches);
    CHECK(after.ratings == stats.ratings);
}

TEST_CASE("conflicts and rejections quarantine only their own items, with the server's reason") {
    SyncFixture province;
    const std::string other_kiosk = "kiosk-02";
    const std::string other_token = add_kiosk(province.server_db, other_kiosk, kUnitCode);

    // Kiosk 02 rates dossier D at intake first and uploads it.
    Store other_store(province.dir / "other.db");
    RatingFactory other_factory(other_kiosk, kUnitCode, 99);
    const Rating first =
        other_store.save_rating(other_factory.next_for("000.00.24.H18-221228-0001", Stage::intake));
    SyncOptions other_options = province.options();
    other_options.kiosk_id = other_kiosk;
    other_options.token = other_token;
    REQUIRE(run_sync(other_store, other_options, kClock).outcome == SyncOutcome::complete);

    // Kiosk 01 has 300 good ratings, one for the same dossier and stage (then voided locally,
    // which the server cannot apply), one for another unit and one naming another kiosk.
    std::vector<std::string> good = save_ratings(province.store, province.factory, 150);
    const Rating same_dossier =
        province.store.save_rating(province.factory.next_for(first.dossier_code, Stage::intake));
    Rating wrong_unit = province.factory.next();
    wrong_unit.unit_code = "000.00.99.H18";
    wrong_unit = province.store.save_rating(wrong_unit);
    Rating wrong_kiosk = province.factory.next();
    wrong_kiosk.kiosk_id = "somebody-else";
    wrong_kiosk = province.store.save_rating(wrong_kiosk);
    const std::vector<std::string> more = save_ratings(province.store, province.factory, 150);
    good.insert(good.end(), more.begin(), more.end());
    province.store.void_rating(same_dossier.id, "the citizen rated at the other desk", "sup01",
                               kClock.now_utc());

    const SyncReport report = run_sync(province.store, province.options(), kClock);
    INFO(report.error);
    REQUIRE(report.outcome == SyncOutcome::complete);
    CHECK(report.counts.accepted == 300);
    CHECK(report.counts.conflicts == 1);
    CHECK(report.counts.rejected == 3);  // two ratings and the void of the conflicting one
    CHECK(report.pending_after == 0);

    const std::vector<QuarantinedItem> quarantined = province.store.list_quarantined();
    REQUIRE(quarantined.size() == 4);
    std::map<std::string, std::string> reasons;
    for (const QuarantinedItem& item : quarantined) {
        reasons[item.item.ref_id + (item.item.kind == OutboxKind::void_record ? "/void" : "")] =
            item.reason;
    }
    CHECK_THAT(reasons[same_dossier.id], Catch::StartsWith("conflict: ") &&
                                             Catch::Contains(first.dossier_code) &&
                                             Catch::Contains(other_kiosk));
    CHECK_THAT(reasons[wrong_unit.id],
               Catch::StartsWith("rejected: ") && Catch::Contains("unit_code"));
    CHECK_THAT(reasons[wrong_kiosk.id],
               Catch::StartsWith("rejected: ") && Catch::Contains("kiosk_id"));
    CHECK_THAT(reasons[same_dossier.id + "/void"], Catch::Contains("does not hold"));
    CHECK(province.server_rating_ids() == sorted(good));
    CHECK(province.server_rating_ids(other_kiosk) == std::vector<std::string>{first.id});
}

TEST_CASE("a captive portal's page leaves everything pending with a clear error") {
    SyncFixture province;
    save_ratings(province.store, province.factory, 250);
    StubServer portal([](const httplib::Request&, httplib::Response& response) {
        response.set_content("<html><body>Please log in to Free-WiFi</body></html>", "text/html");
    });
    SyncOptions options = province.options();
    options.server_url = portal.url();
    options.retry.max_attempts = 3;

    const SyncReport report = run_sync(province.store, options, kClock);
    CHECK(report.outcome == SyncOutcome::failed);
    CHECK_THAT(report.error, Catch::Contains("captive portal"));
    CHECK(report.counts.retries == 2);
    CHECK(report.pending_after == 250);
    CHECK(province.store.counts().quarantined == 0);
    CHECK(province.store.pending_items(1).at(0).attempts == 1);
    const SyncStatus status = read_sync_status(province.store);
    CHECK_FALSE(status.last_success_utc);
    CHECK_THAT(status.last_error, Catch::Contains("captive portal"));
}

TEST_CASE("a wrong, foreign or revoked token leaves everything pending and says so") {
    SyncFixture province;
    save_ratings(province.store, province.factory, 120);
    SyncOptions options = province.options();

    SECTION("a wrong token") {
        options.token = "mct_0000";
    }
    SECTION("another kiosk's token") {
        options.token = add_kiosk(province.server_db, "kiosk-02", kUnitCode);
    }
    SECTION("a revoked token") {
        REQUIRE(
            run_server_command({"kiosk", "revoke", "--db", province.server_db.string(), kKioskId})
                .exit_code == 0);
    }
    const SyncReport report = run_sync(province.store, options, kClock);
    CHECK(report.outcome == SyncOutcome::unauthorized);
    CHECK_THAT(report.error, Catch::Contains("401") && Catch::Contains("token"));
    CHECK(report.counts.retries == 0);
    CHECK(report.pending_after == 120);
    CHECK(province.server_stats().ratings == 0);
    CHECK_THAT(read_sync_status(province.store).last_error, Catch::Contains("token"));
}

TEST_CASE("the clock difference with the server is measured and a large one is flagged") {
    SyncFixture province;
    save_ratings(province.store, province.factory, 10);
    const std::int64_t behind = 10 * 60 * 1000;
    ManualClock slow_clock(SystemClock().now_utc() - behind);

    const SyncReport report = run_sync(province.store, province.options(), slow_clock);
    REQUIRE(report.outcome == SyncOutcome::complete);
    REQUIRE(report.clock_drift_ms);
    CHECK(*report.clock_drift_ms > behind - 60000);
    CHECK(*report.clock_drift_ms < behind + 60000);
    CHECK(report.large_drift);
    CHECK(read_sync_status(province.store).clock_drift_ms == report.clock_drift_ms);
}

TEST_CASE("a flagged clock offset is kept in whole seconds") {
    TempDir dir;
    Store store(dir / "kiosk.db");
    // Drift is server minus kiosk; the offset kept is kiosk minus server.
    CHECK(record_clock_offset(store, -3599999) == std::optional<std::int64_t>(3600000));
    CHECK(read_sync_status(store).clock_offset_ms == std::optional<std::int64_t>(3600000));
    CHECK(record_clock_offset(store, 3600499) == std::optional<std::int64_t>(-3600000));
    CHECK(record_clock_offset(store, -150600) == std::optional<std::int64_t>(151000));
    CHECK(record_clock_offset(store, 1000) == std::nullopt);
    CHECK_FALSE(read_sync_status(store).clock_offset_ms.has_value());
}

TEST_CASE("a server with a smaller batch limit gets smaller batches") {
    SyncFixture province;
    save_ratings(province.store, province.factory, 130);
    std::atomic<std::size_t> largest_accepted = 0;
    StubServer small_server([&](const httplib::Request& request, httplib::Response& response) {
        if (request.path == protocol::kHeartbeatPath) {
            response.set_content(R"({"status":"ok","server_time":"2024-05-01T00:00:00.000Z"})",
                                 "application/json");
            return;
        }
        const auto batch = nlohmann::json::parse(request.body);
        if (batch.at("items").size() > 40) {
            response.status = 413;
            response.set_content(R"({"error":{"code":"too_large","message":"at most 40"}})",
                                 "application/json");
            return;
        }
        largest_accepted = std::max(largest_accepted.load(), batch["items"].size());
        nlohmann::json results = nlohmann::json::array();
        for (const auto& item : batch["items"]) {
            results.push_back({{"seq", item["seq"]}, {"status", "accepted"}});
        }
        response.set_content(
            nlohmann::json{{"server_time", "2024-05-01T00:00:00.000Z"}, {"results", results}}
                .dump(),
            "application/json");
    });
    SyncOptions options = province.options();
    options.server_url = small_server.url();
    options.batch_size = 100;

    const SyncReport report = run_sync(province.store, options, kClock);
    INFO(report.error);
    CHECK(report.outcome == SyncOutcome::complete);
    CHECK(report.counts.accepted == 130);
    CHECK(largest_accepted == 25);  // 100, then 50, then 25
}

TEST_CASE("only one sync runs at a time for a database") {
    SyncFixture province;
    save_ratings(province.store, province.factory, 50);
    {
        const auto held = SyncLock::try_acquire(province.kiosk_db);
        REQUIRE(held);
        CHECK_FALSE(SyncLock::try_acquire(province.kiosk_db));

        const SyncReport report = run_sync(province.store, province.options(), kClock);
        CHECK(report.outcome == SyncOutcome::busy);
        CHECK(report.counts.sent == 0);
        CHECK(province.store.counts().pending_upload == 50);
    }
    CHECK(SyncLock::try_acquire(province.kiosk_db));
    CHECK(run_sync(province.store, province.options(), kClock).outcome == SyncOutcome::complete);
}

TEST_CASE("unusable options are refused before anything is sent") {
    SyncFixture province;
    save_ratings(province.store, province.factory, 5);
    SyncOptions options = province.options();
    options.server_url = "http://sync.dienbien.gov.vn";
    const SyncReport report = run_sync(province.store, options, kClock);
    CHECK(report.outcome == SyncOutcome::not_configured);
    CHECK_THAT(report.error, Catch::Contains("allow_plain_http"));
    CHECK(province.store.counts().pending_upload == 5);
}
