// Security checks against a real motcua-server on 127.0.0.1: wrong tokens, another kiosk's
// token, replayed batches, oversized and malformed bodies, SQL-looking text in every field that
// takes text, and PIN guessing against the store-kept lockout.
//
// [SECTION] Helpers
// [SECTION] Tokens and kiosks
// [SECTION] Replays
// [SECTION] Oversized and malformed requests
// [SECTION] SQL-looking text

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>

#include "sync/gzip.hpp"
#include "sync/http_client.hpp"
#include "sync/protocol.hpp"
#include "sync/uploader.hpp"
#include "sync/wire.hpp"
#include "tests/drills/drill_names.hpp"
#include "tests/drills/drill_support.hpp"
#include "tests/sync/support/rating_factory.hpp"

using namespace motcua;
using namespace motcua::drills;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

const SystemClock kClock;

// One POST to the server with the given token and kiosk header.
HttpResult post(const Province& province, std::string_view path, const std::string& token,
                const std::string& kiosk_header, const std::string& body, bool gzipped) {
    HttpClient client(HttpSettings{});
    std::vector<std::string> headers = {"Authorization: Bearer " + token,
                                        "X-Motcua-Kiosk: " + kiosk_header,
                                        "Content-Type: application/json"};
    if (gzipped) {
        headers.push_back("Content-Encoding: gzip");
    }
    return client.post(province.server->url() + std::string(path), headers, body);
}

// The `code` of an error answer, or "" when the body is not one.
std::string error_code(const HttpResult& result) {
    const auto json = nlohmann::json::parse(result.body, nullptr, false);
    if (json.is_discarded() || !json.contains("error")) {
        return "";
    }
    return json["error"].value("code", "");
}

// A batch body of the store's pending items, as the uploader would send it.
std::string batch_body(Store& store, const std::string& kiosk_id) {
    const std::vector<OutboxItem> items = store.pending_items(1000);
    return encode_batch(kiosk_id, kClock.now_utc(), items).body;
}

// One column of the server's ratings table for a rating id ("" when absent).
std::string server_column(const std::filesystem::path& server_db, const std::string& column,
                          const std::string& id) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(server_db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* statement = nullptr;
    std::string value;
    const std::string sql = "SELECT " + column + " FROM ratings WHERE id = ?1";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_text(statement, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(statement) == SQLITE_ROW) {
            value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        }
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Tokens and kiosks
//-----------------------------------------------------------------------------

TEST_CASE("security: a wrong token stores nothing and leaves everything pending",
          "[drills][security]") {
    Province province;
    Store store(province.kiosk_db);
    test::RatingFactory factory(kKioskId, kUnitCode, 1);
    test::save_ratings(store, factory, 20);
    SyncOptions options = province.options();
    for (const std::string& wrong : {std::string("not-the-token"), province.token + "x",
                                     std::string(province.token.size(), 'A'), std::string()}) {
        INFO("token '" << wrong << "'");
        options.token = wrong;
        const SyncReport report = run_sync(store, options, kClock);
        if (wrong.empty()) {
            CHECK(report.outcome == SyncOutcome::not_configured);
        } else {
            CHECK(report.outcome == SyncOutcome::unauthorized);
        }
        const HttpResult raw = post(province, protocol::kBatchesPath, wrong, kKioskId,
                                    batch_body(store, kKioskId), false);
        CHECK(raw.status == 401);
        // "The body says nothing more": no hint whether the kiosk or the token was wrong.
        CHECK(raw.body.find(kKioskId) == std::string::npos);
    }
    CHECK(store.counts().pending_upload == 20);
    CHECK(province.server_rating_ids().empty());
}

TEST_CASE("security: another kiosk's token cannot send this kiosk's ratings",
          "[drills][security]") {
    Province province;
    const std::string other_token = test::add_kiosk(province.server_db, "other-kiosk", kUnitCode);
    Store store(province.kiosk_db);
    test::RatingFactory factory(kKioskId, kUnitCode, 2);
    test::save_ratings(store, factory, 10);
    const std::string body = batch_body(store, kKioskId);

    // The other kiosk's token with this kiosk's name: refused as a whole.
    CHECK(post(province, protocol::kBatchesPath, other_token, kKioskId, body, false).status == 401);
    // The other kiosk's token and name, the body naming this kiosk: refused as a whole.
    const HttpResult mismatch =
        post(province, protocol::kBatchesPath, other_token, "other-kiosk", body, false);
    CHECK(mismatch.status == 403);
    CHECK(error_code(mismatch) == "kiosk_mismatch");
    // The other kiosk sending this kiosk's ratings as its own batch: every item rejected.
    const std::vector<OutboxItem> items = store.pending_items(1000);
    const EncodedBatch as_other = encode_batch("other-kiosk", kClock.now_utc(), items);
    const HttpResult smuggled =
        post(province, protocol::kBatchesPath, other_token, "other-kiosk", as_other.body, false);
    REQUIRE(smuggled.status == 200);
    const BatchAnswer answer =
        decode_batch_answer(smuggled.content_type, smuggled.body, as_other.seqs);
    for (const ItemAnswer& item : answer.items) {
        CHECK(item.status == protocol::ItemStatus::rejected);
    }
    CHECK(province.server_rating_ids().empty());
    CHECK(province.server_stats().ratings == 0);

    // A revoked token stops working at once.
    REQUIRE(
        test::run_server_command({"kiosk", "revoke", "--db", province.server_db.string(), kKioskId})
            .exit_code == 0);
    CHECK(post(province, protocol::kBatchesPath, province.token, kKioskId, body, false).status ==
          401);
}

//-----------------------------------------------------------------------------
// [SECTION] Replays
//-----------------------------------------------------------------------------

TEST_CASE("security: a replayed batch is answered with duplicates and stores nothing twice",
          "[drills][security]") {
    Province province;
    Store store(province.kiosk_db);
    test::RatingFactory factory(kKioskId, kUnitCode, 3);
    const auto ids = test::save_ratings(store, factory, 50);
    const std::vector<OutboxItem> items = store.pending_items(1000);
    const EncodedBatch batch = encode_batch(kKioskId, kClock.now_utc(), items);
    const std::string gzipped = gzip_compress(batch.body);

    for (int replay = 0; replay < 3; ++replay) {
        INFO("send " << replay);
        const HttpResult result =
            post(province, protocol::kBatchesPath, province.token, kKioskId, gzipped, true);
        REQUIRE(result.status == 200);
        const BatchAnswer answer =
            decode_batch_answer(result.content_type, result.body, batch.seqs);
        for (const ItemAnswer& item : answer.items) {
            CHECK(item.status ==
                  (replay == 0 ? protocol::ItemStatus::accepted : protocol::ItemStatus::duplicate));
        }
    }
    CHECK(province.server_stats().ratings == 50);
    CHECK(province.server_stats().duplicates_answered == 100);
    // The kiosk's own run after the replays: everything is a duplicate, nothing new is stored.
    const SyncReport report = run_sync(store, province.options(), kClock);
    CHECK(report.outcome == SyncOutcome::complete);
    CHECK(report.counts.duplicates == 50);
    std::vector<std::string> expected = ids;
    std::sort(expected.begin(), expected.end());
    CHECK(province.server_rating_ids() == expected);
}

//-----------------------------------------------------------------------------
// [SECTION] Oversized and malformed requests
//-----------------------------------------------------------------------------

TEST_CASE("security: oversized and malformed bodies are refused whole, the server keeps running",
          "[drills][security]") {
    Province province;
    const std::string& token = province.token;
    const auto path = protocol::kBatchesPath;

    // Over 2 MiB as sent.
    std::mt19937 random(5);
    std::string noise(3 * 1024 * 1024, ' ');
    for (char& c : noise) {
        c = static_cast<char>('a' + random() % 26);
    }
    const HttpResult large = post(province, path, token, kKioskId, noise, false);
    CHECK(large.status == 413);
    // Small as sent, over 8 MiB after gunzip (a gzip bomb).
    const std::string bomb =
        gzip_compress("{\"kiosk_id\":\"" + std::string(9 * 1024 * 1024, 'a') + "\"}");
    REQUIRE(bomb.size() < 2 * 1024 * 1024);
    const HttpResult bombed = post(province, path, token, kKioskId, bomb, true);
    CHECK(bombed.status == 413);
    CHECK(error_code(bombed) == "too_large");
    // Not gzip although it says so.
    const HttpResult not_gzip = post(province, path, token, kKioskId, "{\"items\":[]}", true);
    CHECK(not_gzip.status == 400);
    CHECK(error_code(not_gzip) == "unreadable_body");
    // A gzip stream cut in half.
    const std::string cut = gzip_compress(std::string(5000, '{')).substr(0, 20);
    CHECK(post(province, path, token, kKioskId, cut, true).status == 400);
    // Not JSON, JSON of the wrong shape, and a thousand nested arrays.
    for (const std::string& body :
         {std::string("{\"kiosk_id\": "), std::string("[1,2,3]"), std::string("null"),
          std::string("{\"kiosk_id\":\"drill-kiosk\",\"sent_at\":\"x\",\"items\":{}}"),
          std::string(100000, '[') + std::string(100000, ']'), std::string("\xff\xfe\x00", 3)}) {
        const HttpResult result = post(province, path, token, kKioskId, body, false);
        INFO(result.body);
        CHECK(result.status == 400);
        CHECK((error_code(result) == "malformed_json" || error_code(result) == "invalid_batch"));
    }
    // More than 1000 items.
    std::string many =
        "{\"kiosk_id\":\"drill-kiosk\",\"sent_at\":\"2024-05-02T19:04:11.532Z\","
        "\"items\":[";
    for (int i = 0; i < 1001; ++i) {
        many += (i == 0 ? "" : ",") + std::string("{\"seq\":") + std::to_string(i) +
                ",\"kind\":\"bogus\"}";
    }
    many += "]}";
    CHECK(post(province, path, token, kKioskId, many, false).status == 413);

    // After all that the server still answers a real upload.
    Store store(province.kiosk_db);
    test::RatingFactory factory(kKioskId, kUnitCode, 4);
    test::save_ratings(store, factory, 10);
    CHECK(run_sync(store, province.options(), kClock).outcome == SyncOutcome::complete);
    CHECK(province.server_stats().ratings == 10);
}

//-----------------------------------------------------------------------------
// [SECTION] SQL-looking text
//-----------------------------------------------------------------------------

TEST_CASE("security: SQL-looking text is stored verbatim and harmless everywhere",
          "[drills][security]") {
    const std::vector<std::string> sql = {
        "'; DROP TABLE ratings; --",
        "\" OR 1=1 --",
        "x'); DELETE FROM outbox; SELECT ('",
        "Robert'); UPDATE state SET value='0'; --",
    };
    Province province;
    Store store(province.kiosk_db);
    test::RatingFactory factory(kKioskId, kUnitCode, 5);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        // Dossier code: the store and the server keep it as typed.
        Rating rating = factory.next_for(sql[i], Stage::intake);
        ids.push_back(store.save_rating(rating).id);
        CHECK(store.find_rating(rating.id)->dossier_code == sql[i]);
        // Official name.
        const std::string official_id = "cb-sql-" + std::to_string(i);
        store.add_official(Official{official_id, sql[i], Role::official, true}, "1234");
        CHECK(store.find_official(official_id)->name == sql[i]);
        // State value and audit text.
        store.set_state("drill." + std::to_string(i), sql[i]);
        CHECK(store.get_state("drill." + std::to_string(i)) == sql[i]);
    }
    // Void reason (of a rating made for it).
    Rating to_void = factory.next();
    store.save_rating(to_void);
    store.void_rating(to_void.id, sql[0], "sup01", kClock.now_utc());
    CHECK(store.find_void(to_void.id)->reason == sql[0]);

    const SyncReport report = run_sync(store, province.options(), kClock);
    INFO(report.error);
    CHECK(report.outcome == SyncOutcome::complete);
    CHECK(report.counts.rejected == 0);
    for (std::size_t i = 0; i < sql.size(); ++i) {
        CHECK(server_column(province.server_db, "dossier_code", ids[i]) == sql[i]);
    }
    CHECK(province.server_stats().ratings == static_cast<std::int64_t>(sql.size()) + 1);
    CHECK(province.server_stats().voided == 1);

    // Kiosk id: the server refuses to register it, and as a header it is only a wrong kiosk.
    const auto refused = test::run_server_command(
        {"kiosk", "add", "--db", province.server_db.string(), "--id", sql[0], "--unit", kUnitCode});
    CHECK(refused.exit_code != 0);
    CHECK_FALSE(refused.err.empty());
    CHECK(post(province, protocol::kBatchesPath, province.token, sql[0], "{}", false).status ==
          401);

    // Nothing was dropped or rewritten on either side.
    CHECK(store.integrity_check().empty());
    CHECK(store.counts().ratings_total == static_cast<std::int64_t>(sql.size()) + 1);
    CHECK(province.server_stats().ratings == static_cast<std::int64_t>(sql.size()) + 1);
    CHECK(store.list_officials().size() >= sql.size());
}
