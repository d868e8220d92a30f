// The wire format as the kiosk writes and reads it: batches carry the stored records as they
// are, and only an exact answer from our server can count as delivery.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sync/wire.hpp"

using namespace motcua;
using nlohmann::json;

namespace {

OutboxItem rating_item(std::int64_t seq, const std::string& payload) {
    OutboxItem item;
    item.seq = seq;
    item.kind = OutboxKind::rating;
    item.ref_id = "r" + std::to_string(seq);
    item.payload = payload;
    return item;
}

const std::string kJson = "application/json";
const std::int64_t kSeqs[] = {7, 8, 9};

std::string answer_with(const json& results) {
    return json{{"server_time", "2024-05-01T18:00:00.000Z"}, {"results", results}}.dump();
}

json three_results() {
    return json::array({{{"seq", 7}, {"status", "accepted"}},
                        {{"seq", 8}, {"status", "duplicate"}},
                        {{"seq", 9}, {"status", "conflict"}, {"reason", "dossier rated"}}});
}

}  // namespace

TEST_CASE("a batch carries each stored record as it is, in outbox order") {
    OutboxItem void_item;
    void_item.seq = 3;
    void_item.kind = OutboxKind::void_record;
    void_item.payload =
        R"({"actor":"sup","rating_id":"x","reason":"test","voided_utc":"2024-01-01T00:00:00.000Z"})";
    const std::vector<OutboxItem> items = {rating_item(1, R"({"id":"a","n":1})"),
                                           rating_item(2, R"({"id":"b","n":2})"), void_item};
    const EncodedBatch batch = encode_batch("kiosk \"01\"", 1714586400000, items);

    const json body = json::parse(batch.body);
    CHECK(body["kiosk_id"] == "kiosk \"01\"");
    CHECK(body["sent_at"] == "2024-05-01T18:00:00.000Z");
    REQUIRE(body["items"].size() == 3);
    CHECK(body["items"][0] ==
          json{{"seq", 1}, {"kind", "rating"}, {"rating", {{"id", "a"}, {"n", 1}}}});
    CHECK(body["items"][2]["kind"] == "void");
    CHECK(body["items"][2]["void"] == json::parse(void_item.payload));
    CHECK(batch.seqs == std::vector<std::int64_t>{1, 2, 3});
    CHECK(batch.unsendable.empty());
}

TEST_CASE("a damaged stored record is set aside instead of spoiling the batch") {
    const std::vector<OutboxItem> items = {rating_item(1, R"({"id":"a"})"),
                                           rating_item(2, R"({"id":"b")"),  // cut off
                                           rating_item(3, "[1,2]"), rating_item(4, "")};
    const EncodedBatch batch = encode_batch("k", 0, items);
    CHECK(json::parse(batch.body)["items"].size() == 1);
    CHECK(batch.seqs == std::vector<std::int64_t>{1});
    REQUIRE(batch.unsendable.size() == 3);
    CHECK(batch.unsendable[0].seq == 2);
    CHECK(batch.unsendable[1].seq == 3);
    CHECK(batch.unsendable[2].seq == 4);
}

TEST_CASE("an exact answer decodes into one result per item") {
    const BatchAnswer answer =
        decode_batch_answer("application/json; charset=utf-8", answer_with(three_results()), kSeqs);
    CHECK(answer.server_time == 1714586400000);
    REQUIRE(answer.items.size() == 3);
    CHECK(answer.items[0].status == protocol::ItemStatus::accepted);
    CHECK(answer.items[1].status == protocol::ItemStatus::duplicate);
    CHECK(answer.items[2].status == protocol::ItemStatus::conflict);
    CHECK(answer.items[2].reason == "dossier rated");
}

TEST_CASE("anything but our exact answer is a wire error") {
    SECTION("a captive portal's login page") {
        CHECK_THROWS_AS(decode_batch_answer("text/html", "<html>Log in to Wi-Fi</html>", kSeqs),
                        WireError);
    }
    SECTION("HTML served as JSON") {
        CHECK_THROWS_AS(decode_batch_answer(kJson, "<html></html>", kSeqs), WireError);
    }
    SECTION("a truncated body") {
        const std::string full = answer_with(three_results());
        CHECK_THROWS_AS(decode_batch_answer(kJson, full.substr(0, full.size() - 5), kSeqs),
                        WireError);
    }
    SECTION("no server time, or a bad one") {
        CHECK_THROWS_AS(
            decode_batch_answer(kJson, json{{"results", three_results()}}.dump(), kSeqs),
            WireError);
        CHECK_THROWS_AS(
            decode_batch_answer(
                kJson, json{{"server_time", "yesterday"}, {"results", three_results()}}.dump(),
                kSeqs),
            WireError);
    }
    SECTION("a missing item result") {
        json results = three_results();
        results.erase(1);
        CHECK_THROWS_AS(decode_batch_answer(kJson, answer_with(results), kSeqs), WireError);
    }
    SECTION("results out of order") {
        json results = three_results();
        std::swap(results[0], results[1]);
        CHECK_THROWS_AS(decode_batch_answer(kJson, answer_with(results), kSeqs), WireError);
    }
    SECTION("an unknown status") {
        json results = three_results();
        results[0]["status"] = "ok";
        CHECK_THROWS_AS(decode_batch_answer(kJson, answer_with(results), kSeqs), WireError);
    }
    SECTION("a refusal without a reason") {
        json results = three_results();
        results[2].erase("reason");
        CHECK_THROWS_AS(decode_batch_answer(kJson, answer_with(results), kSeqs), WireError);
    }
    SECTION("a JSON array instead of an object") {
        CHECK_THROWS_AS(decode_batch_answer(kJson, "[]", kSeqs), WireError);
    }
}

TEST_CASE("a heartbeat holds the kiosk's health and its answer must say ok") {
    Heartbeat heartbeat;
    heartbeat.kiosk_id = "k1";
    heartbeat.sent_at = 0;
    heartbeat.pending = 12;
    heartbeat.oldest_pending_age_s = 3600;
    heartbeat.db_bytes = 4096;
    heartbeat.last_error = "could not reach the server";
    const json body = json::parse(encode_heartbeat(heartbeat));
    CHECK(body["pending"] == 12);
    CHECK(body["oldest_pending_age_s"] == 3600);
    CHECK(body["clock_drift_ms"].is_null());
    CHECK(body["last_error"] == "could not reach the server");

    CHECK(decode_heartbeat_answer(
              kJson, R"({"status":"ok","server_time":"1970-01-01T00:00:01.000Z"})") == 1000);
    CHECK_THROWS_AS(decode_heartbeat_answer(kJson, R"({"server_time":"1970-01-01T00:00:01.000Z"})"),
                    WireError);
    CHECK_THROWS_AS(decode_heartbeat_answer("text/html", "<html/>"), WireError);
}

TEST_CASE("error bodies are read when they follow the protocol") {
    CHECK(decode_error_body(kJson, R"({"error":{"code":"too_large","message":"at most 1000"}})") ==
          "too_large: at most 1000");
    CHECK_FALSE(decode_error_body("text/html", "<h1>502 Bad Gateway</h1>"));
    CHECK_FALSE(decode_error_body(kJson, R"({"error":"nope"})"));
}
