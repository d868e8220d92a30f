// Network-fault drill: ratings uploaded through the server's fault injection, 30% of requests
// failing (5xx of every kind, connections dropped before the body, acknowledgements lost after
// the server's commit) and some answers held past the client's timeout. Afterwards the server's
// set of ratings equals the kiosk's exactly. MOTCUA_DRILL_RATINGS raises the count (default
// 10 000; scripts/drill-network: 100 000).

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "sync/uploader.hpp"
#include "tests/drills/drill_names.hpp"
#include "tests/drills/drill_support.hpp"
#include "tests/sync/support/rating_factory.hpp"

using namespace motcua;
using namespace motcua::drills;

namespace {

// How many lines of the server's log contain `text`.
std::int64_t count_log_lines(const std::filesystem::path& log, const std::string& text) {
    std::ifstream in(log);
    std::int64_t count = 0;
    for (std::string line; std::getline(in, line);) {
        count += line.find(text) != std::string::npos ? 1 : 0;
    }
    return count;
}

// The kind of failure a retry wait names: "HTTP 503" and friends, or a network failure.
std::string failure_kind(const std::string& waiting) {
    const auto http = waiting.find("HTTP ");
    if (http != std::string::npos) {
        return waiting.substr(http, 8);
    }
    if (waiting.find("could not reach") != std::string::npos) {
        return "no answer (dropped or timed out)";
    }
    return "unusable answer";
}

}  // namespace

TEST_CASE(
    "network faults: 30% failed requests of every kind, the server's set equals the "
    "kiosk's",
    "[drills][network]") {
    Province province({"--fault-5xx", "0.1", "--fault-drop-before-body", "0.1",
                       "--fault-drop-after-commit", "0.1", "--fault-delay-rate", "0.03",
                       "--fault-delay-ms", "1500", "--fault-retry-after", "0", "--fault-seed",
                       "66"});
    const std::int64_t count = drill_size("MOTCUA_DRILL_RATINGS", 10000);
    Store store(province.kiosk_db);
    test::RatingFactory factory(kKioskId, kUnitCode, 66);
    const std::vector<std::string> saved = test::save_ratings(store, factory, count);

    SyncOptions options = province.options();
    options.http.total_timeout_seconds = 1;  // a held answer is a timeout, retried
    std::map<std::string, std::int64_t> failures;
    std::int64_t retries = 0;
    std::int64_t sync_runs = 0;
    const auto started = std::chrono::steady_clock::now();
    SyncReport report;
    // A run gives up after its attempts; the next run carries on, as the scheduler's would.
    for (int run = 0; run < 50 && report.outcome != SyncOutcome::complete; ++run) {
        ++sync_runs;
        report = run_sync(store, options, SystemClock(), [&](const SyncProgress& progress) {
            if (!progress.waiting.empty()) {
                ++failures[failure_kind(progress.waiting)];
            }
        });
        retries += report.counts.retries;
    }
    const auto seconds = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count() /
                         1000.0;
    INFO(report.error);
    REQUIRE(report.outcome == SyncOutcome::complete);

    CHECK(store.counts().pending_upload == 0);
    CHECK(store.counts().quarantined == 0);
    std::vector<std::string> expected = saved;
    std::sort(expected.begin(), expected.end());
    CHECK(kiosk_rating_ids(store) == expected);
    const std::vector<std::string> server_ids = province.server_rating_ids();
    CHECK(server_ids == expected);
    const server::ServerStats stats = province.server_stats();
    CHECK(stats.ratings == count);

    const std::filesystem::path log = province.server_db.string() + ".log";
    const std::int64_t dropped_before = count_log_lines(log, "dropping a connection before");
    const std::int64_t dropped_after = count_log_lines(log, "dropping a connection after");
    // Every kind of fault happened, and lost acknowledgements came back as duplicates.
    CHECK(dropped_before > 0);
    CHECK(dropped_after > 0);
    CHECK(stats.duplicates_answered > 0);
    std::int64_t answered_5xx = 0;
    for (const auto& [kind, times] : failures) {
        answered_5xx += kind.rfind("HTTP 5", 0) == 0 ? times : 0;
    }
    CHECK(answered_5xx > 0);

    std::ostringstream figures;
    figures << "network drill: " << count << " ratings, " << sync_runs << " sync runs, " << retries
            << " retries, " << seconds << " s; server dropped " << dropped_before
            << " connections before the body and " << dropped_after
            << " after its commit; the kiosk saw:";
    for (const auto& [kind, times] : failures) {
        figures << " " << kind << " x" << times << ";";
    }
    figures << " duplicates answered " << stats.duplicates_answered << "; server holds "
            << server_ids.size() << ", kiosk " << expected.size();
    WARN(figures.str());
}
