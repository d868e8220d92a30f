// The uploader prepares batch N+1 while the server works on batch N. Whatever happens to batch
// N, the prepared batch must change nothing: it is sent only after N's answer, and nothing of it
// is marked before its own answer.

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sync/protocol.hpp"
#include "sync/uploader.hpp"
#include "tests/sync/stub_server.hpp"
#include "tests/sync/sync_fixture.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

const SystemClock kClock;

// A province that answers like motcua-server (accepted once per rating id, duplicate after)
// until told to fail, then answers every batch with a 500.
class FlakyProvince {
  public:
    FlakyProvince()
        : server_([this](const httplib::Request& request, httplib::Response& response) {
              answer(request, response);
          }) {}

    std::string url() const { return server_.url(); }

    void fail_after_batches(int batches) {
        std::lock_guard lock(mutex_);
        fail_after_ = batches;
    }

    // Seqs of every batch request, in the order they came, and whether each was answered 200.
    struct Request {
        std::vector<std::int64_t> seqs;
        bool answered = false;
    };
    std::vector<Request> requests() {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::map<std::string, int> accepted() {
        std::lock_guard lock(mutex_);
        return accepted_;
    }

  private:
    void answer(const httplib::Request& request, httplib::Response& response) {
        std::lock_guard lock(mutex_);
        if (request.path == protocol::kHeartbeatPath) {
            response.set_content(R"({"status":"ok","server_time":"2024-05-01T00:00:00.000Z"})",
                                 "application/json");
            return;
        }
        const auto batch = nlohmann::json::parse(request.body);
        Request seen;
        for (const auto& item : batch.at("items")) {
            seen.seqs.push_back(item.at("seq").get<std::int64_t>());
        }
        const bool fail = fail_after_ >= 0 && answered_batches_ >= fail_after_;
        seen.answered = !fail;
        requests_.push_back(seen);
        if (fail) {
            response.status = 500;
            response.set_content(R"({"error":{"code":"internal","message":"down"}})",
                                 "application/json");
            return;
        }
        ++answered_batches_;
        nlohmann::json results = nlohmann::json::array();
        for (const auto& item : batch.at("items")) {
            const std::string id =
                item.at("kind") == "void"
                    ? "void of " + item.at("void").at("rating_id").get<std::string>()
                    : item.at("rating").at("id").get<std::string>();
            const bool first = ++accepted_[id] == 1;
            results.push_back(
                {{"seq", item.at("seq")}, {"status", first ? "accepted" : "duplicate"}});
        }
        response.set_content(
            nlohmann::json{{"server_time", "2024-05-01T00:00:00.000Z"}, {"results", results}}
                .dump(),
            "application/json");
    }

    std::mutex mutex_;
    int fail_after_ = -1;
    int answered_batches_ = 0;
    std::vector<Request> requests_;
    std::map<std::string, int> accepted_;
    StubServer server_;
};

}  // namespace

TEST_CASE("a batch that fails while the next one is prepared loses and duplicates nothing") {
    SyncFixture province;
    const auto ids = save_ratings(province.store, province.factory, 450);
    const std::vector<OutboxItem> queue = province.store.pending_items(1000);
    FlakyProvince flaky;
    flaky.fail_after_batches(2);
    SyncOptions options = province.options();
    options.server_url = flaky.url();
    options.batch_size = 100;
    options.retry.max_attempts = 3;

    const SyncReport failed = run_sync(province.store, options, kClock);
    CHECK(failed.outcome == SyncOutcome::failed);
    CHECK(failed.counts.batches == 2);
    CHECK(failed.counts.accepted == 200);

    // The third batch was tried three times, exactly as it was first made; the fourth, which
    // was prepared meanwhile, never left the kiosk.
    const auto requests = flaky.requests();
    REQUIRE(requests.size() == 5);
    std::vector<std::int64_t> third_seqs;
    for (std::size_t i = 200; i < 300; ++i) {
        third_seqs.push_back(queue[i].seq);
    }
    for (std::size_t i = 2; i < 5; ++i) {
        CHECK_FALSE(requests[i].answered);
        CHECK(requests[i].seqs == third_seqs);
    }

    // The two answered batches left the queue; the rest is pending, and only the failed batch
    // counts an attempt.
    const std::vector<OutboxItem> pending = province.store.pending_items(1000);
    REQUIRE(pending.size() == 250);
    CHECK(pending.front().seq == third_seqs.front());
    for (std::size_t i = 0; i < pending.size(); ++i) {
        CHECK(pending[i].attempts == (i < 100 ? 1 : 0));
    }
    CHECK(province.store.counts().quarantined == 0);

    flaky.fail_after_batches(-1);
    const SyncReport complete = run_sync(province.store, options, kClock);
    INFO(complete.error);
    REQUIRE(complete.outcome == SyncOutcome::complete);
    CHECK(complete.counts.accepted == 250);
    CHECK(complete.counts.duplicates == 0);
    CHECK(province.store.counts().pending_upload == 0);
    const auto accepted = flaky.accepted();
    CHECK(accepted.size() == ids.size());
    for (const std::string& id : ids) {
        INFO(id);
        CHECK(accepted.count(id) == 1);
        CHECK(accepted.at(id) == 1);
    }
}

TEST_CASE("batches go out in outbox order, each item once, with voids after their ratings") {
    SyncFixture province;
    const auto ids = save_ratings(province.store, province.factory, 350);
    province.store.void_rating(ids[120], "entered twice", "supervisor", kClock.now_utc());
    FlakyProvince flaky;
    SyncOptions options = province.options();
    options.server_url = flaky.url();
    options.batch_size = 100;

    const SyncReport report = run_sync(province.store, options, kClock);
    INFO(report.error);
    REQUIRE(report.outcome == SyncOutcome::complete);
    CHECK(report.counts.batches == 4);
    CHECK(report.counts.accepted == 351);
    std::vector<std::int64_t> sent;
    for (const auto& request : flaky.requests()) {
        CHECK(request.answered);
        sent.insert(sent.end(), request.seqs.begin(), request.seqs.end());
    }
    REQUIRE(sent.size() == 351);
    CHECK(std::is_sorted(sent.begin(), sent.end()));
    CHECK(std::set<std::int64_t>(sent.begin(), sent.end()).size() == sent.size());
    CHECK(province.store.counts().pending_upload == 0);
}
