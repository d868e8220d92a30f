// The server's HTTP answers: who may talk to it, what it refuses whole, and what it answers per
// item. Every refused request stores nothing.

#include <catch2/catch.hpp>

#include "sync/gzip.hpp"
#include "sync/protocol.hpp"
#include "tests/server/api_fixture.hpp"

using namespace motcua;
using namespace motcua::test;
using nlohmann::json;

namespace {

const std::string kBatches(protocol::kBatchesPath);
const std::string kHeartbeat(protocol::kHeartbeatPath);

std::vector<Rating> make_ratings(RatingFactory& factory, int count) {
    std::vector<Rating> ratings;
    for (int i = 0; i < count; ++i) {
        ratings.push_back(factory.next());
    }
    return ratings;
}

std::vector<std::string> statuses(const HttpAnswer& answer) {
    std::vector<std::string> out;
    for (const json& result : answer.body["results"]) {
        out.push_back(result["status"]);
    }
    return out;
}

void check_error(const HttpAnswer& answer, int status, const std::string& code) {
    INFO(answer.body.dump());
    CHECK(answer.status == status);
    CHECK(answer.content_type == "application/json");
    CHECK(answer.body["error"]["code"] == code);
    CHECK(answer.body["error"]["message"].is_string());
}

}  // namespace

TEST_CASE("requests without this kiosk's valid token get 401 and no detail") {
    ApiFixture api;
    const json batch = api.batch_of(make_ratings(api.factory, 3));
    httplib::Headers headers = api.kiosk_headers();

    SECTION("no token") {
        headers.erase("Authorization");
    }
    SECTION("a wrong token") {
        headers.find("Authorization")->second = "Bearer mct_not-the-token";
    }
    SECTION("not a bearer token") {
        headers.find("Authorization")->second = "Basic a2lvc2s6cGFzcw==";
    }
    SECTION("an unknown kiosk") {
        headers.find(std::string(protocol::kKioskHeader))->second = "kiosk-99";
    }
    SECTION("another kiosk's token") {
        headers.find("Authorization")->second = "Bearer " + add_kiosk(api.db, "kiosk-02", kApiUnit);
    }
    SECTION("a revoked token") {
        REQUIRE(
            run_server_command({"kiosk", "revoke", "--db", api.db.string(), kApiKiosk}).exit_code ==
            0);
    }
    const HttpAnswer answer = api.post_raw(kBatches, batch.dump(), headers);
    CHECK(answer.status == 401);
    CHECK(answer.body == json{{"error", {{"code", "unauthorized"}, {"message", "unauthorized"}}}});
    CHECK(api.stats().ratings == 0);
    CHECK(api.stats().batches == 0);
}

TEST_CASE("a body naming another kiosk than the token's is forbidden") {
    ApiFixture api;
    json batch = api.batch_of(make_ratings(api.factory, 2));
    batch["kiosk_id"] = "kiosk-02";
    check_error(api.post_batch(batch), 403, "kiosk_mismatch");
    CHECK(api.stats().ratings == 0);
}

TEST_CASE("malformed batches are refused whole with 400 and store nothing") {
    ApiFixture api;
    const json good = api.batch_of(make_ratings(api.factory, 3));
    std::string body;
    std::string code = "invalid_batch";
    SECTION("not JSON") {
        body = "{\"kiosk_id\": \"kiosk-01\", ";
        code = "malformed_json";
    }
    SECTION("a JSON array") {
        body = "[]";
        code = "malformed_json";
    }
    SECTION("no items") {
        json batch = good;
        batch.erase("items");
        body = batch.dump();
    }
    SECTION("an unknown field") {
        json batch = good;
        batch["priority"] = "high";
        body = batch.dump();
    }
    SECTION("a bad sent_at") {
        json batch = good;
        batch["sent_at"] = "tomorrow";
        body = batch.dump();
    }
    SECTION("an item without a seq") {
        json batch = good;
        batch["items"][1].erase("seq");
        body = batch.dump();
    }
    SECTION("a seq used twice") {
        json batch = good;
        batch["items"][2]["seq"] = batch["items"][0]["seq"];
        body = batch.dump();
    }
    SECTION("gzip data that is not gzip") {
        const HttpAnswer answer =
            api.post_raw(kBatches, "\x1f\x8b not really", api.kiosk_headers(true));
        check_error(answer, 400, "unreadable_body");
        CHECK(api.stats().batches == 0);
        return;
    }
    check_error(api.post_raw(kBatches, gzip_compress(body), api.kiosk_headers(true)), 400, code);
    CHECK(api.stats().ratings == 0);
    CHECK(api.stats().batches == 0);
}

TEST_CASE("oversized requests get 413 and store nothing") {
    ApiFixture api;
    SECTION("more items than a batch may hold") {
        const json batch = api.batch_of(
            make_ratings(api.factory, static_cast<int>(protocol::kMaxItemsPerBatch) + 1));
        check_error(api.post_batch(batch), 413, "too_large");
    }
    SECTION("a body larger than the limit as sent") {
        std::string body = api.batch_of(make_ratings(api.factory, 1)).dump();
        body.insert(body.size() - 1,
                    ",\"padding\":\"" + std::string(protocol::kMaxCompressedBodyBytes, 'x') + "\"");
        check_error(api.post_raw(kBatches, body, api.kiosk_headers(false)), 413, "too_large");
    }
    SECTION("a small gzip body that inflates past the limit") {
        const std::string bomb = gzip_compress(std::string(protocol::kMaxBodyBytes + 1024, ' '));
        REQUIRE(bomb.size() < protocol::kMaxCompressedBodyBytes);
        check_error(api.post_raw(kBatches, bomb, api.kiosk_headers(true)), 413, "too_large");
    }
    CHECK(api.stats().ratings == 0);
    CHECK(api.stats().batches == 0);
}

TEST_CASE("bodies that are not gzip or identity JSON get 415") {
    ApiFixture api;
    const std::string body = api.batch_of(make_ratings(api.factory, 1)).dump();
    httplib::Headers headers = api.kiosk_headers();
    SECTION("an unknown content encoding") {
        headers.emplace("Content-Encoding", "zstd");
        check_error(api.post_raw(kBatches, body, headers), 415, "unsupported_encoding");
    }
    SECTION("not JSON") {
        headers.find("Content-Type")->second = "text/plain";
        check_error(api.post_raw(kBatches, body, headers), 415, "unsupported_media_type");
    }
    CHECK(api.stats().ratings == 0);
}

TEST_CASE("a replayed batch is answered duplicate and adds no rows") {
    ApiFixture api;
    const json batch = api.batch_of(make_ratings(api.factory, 20));
    const HttpAnswer first = api.post_batch(batch);
    REQUIRE(first.status == 200);
    CHECK(statuses(first) == std::vector<std::string>(20, "accepted"));
    CHECK(first.body["server_time"].is_string());

    const HttpAnswer replay = api.post_batch(batch);
    REQUIRE(replay.status == 200);
    CHECK(statuses(replay) == std::vector<std::string>(20, "duplicate"));
    const server::ServerStats stats = api.stats();
    CHECK(stats.ratings == 20);
    CHECK(stats.accepted == 20);
    CHECK(stats.duplicates_answered == 20);
}

TEST_CASE("the same rating written differently is still a duplicate") {
    ApiFixture api;
    const std::vector<Rating> ratings = make_ratings(api.factory, 1);
    json batch = api.batch_of(ratings);
    std::string created = batch["items"][0]["rating"]["created_utc"];
    REQUIRE(created.substr(created.size() - 5) == ".000Z");
    batch["items"][0]["rating"]["created_utc"] = created.substr(0, created.size() - 5) + "Z";
    REQUIRE(statuses(api.post_batch(batch)) == std::vector<std::string>{"accepted"});
    CHECK(statuses(api.post_batch(api.batch_of(ratings))) == std::vector<std::string>{"duplicate"});
}

TEST_CASE("the same id with other content, or a dossier already rated, is a conflict") {
    ApiFixture api;
    const std::vector<Rating> ratings = make_ratings(api.factory, 2);
    REQUIRE(api.post_batch(api.batch_of(ratings)).status == 200);

    Rating changed = ratings[0];
    changed.official_id = "cb99";
    Rating same_dossier = api.factory.next_for(ratings[1].dossier_code, ratings[1].stage);
    const HttpAnswer answer = api.post_batch(api.batch_of({changed, same_dossier}, 10));
    REQUIRE(answer.status == 200);
    CHECK(statuses(answer) == std::vector<std::string>{"conflict", "conflict"});
    CHECK_THAT(answer.body["results"][0]["reason"].get<std::string>(),
               Catch::Contains("different rating"));
    CHECK_THAT(answer.body["results"][1]["reason"].get<std::string>(),
               Catch::Contains(ratings[1].dossier_code) && Catch::Contains(ratings[1].id));

    SECTION("once the first rating is voided, the dossier may be rated again") {
        json batch = api.batch_of({same_dossier}, 21);
        batch["items"].insert(batch["items"].begin(),
                              ApiFixture::void_item(20, ratings[1].id, "rated twice"));
        const HttpAnswer after_void = api.post_batch(batch);
        CHECK(statuses(after_void) == std::vector<std::string>{"accepted", "accepted"});
        CHECK(api.stats().voided == 1);
        CHECK(api.stats().ratings == 3);
    }
    CHECK(api.stats().conflicts == 2);
}

TEST_CASE("a bad item is rejected alone, with a reason, and the rest is stored") {
    ApiFixture api;
    const std::vector<Rating> ratings = make_ratings(api.factory, 5);
    json batch = api.batch_of(ratings);
    batch["items"][1]["rating"]["stage"] = "lunch";
    batch["items"][2]["rating"]["unit_code"] = "000.00.99.H18";
    batch["items"][3]["kind"] = "complaint";
    const HttpAnswer answer = api.post_batch(batch);
    REQUIRE(answer.status == 200);
    CHECK(statuses(answer) ==
          std::vector<std::string>{"accepted", "rejected", "rejected", "rejected", "accepted"});
    CHECK_THAT(answer.body["results"][1]["reason"].get<std::string>(),
               Catch::Contains("rating.stage"));
    CHECK_THAT(answer.body["results"][2]["reason"].get<std::string>(),
               Catch::Contains("unit_code"));
    CHECK_THAT(answer.body["results"][3]["reason"].get<std::string>(),
               Catch::Contains("unknown kind"));
    CHECK(api.stats().ratings == 2);
    CHECK(api.stats().rejected == 3);
}

TEST_CASE("voids apply once, to this kiosk's stored ratings only") {
    ApiFixture api;
    const std::vector<Rating> ratings = make_ratings(api.factory, 2);
    REQUIRE(api.post_batch(api.batch_of(ratings)).status == 200);
    const std::string other_token = add_kiosk(api.db, "kiosk-02", kApiUnit);

    json voids = api.batch_of({});
    voids["items"] = json::array(
        {ApiFixture::void_item(1, ratings[0].id, "entered twice"),
         ApiFixture::void_item(2, ratings[0].id, "entered twice"),
         ApiFixture::void_item(3, ratings[0].id, "another reason"),
         ApiFixture::void_item(4, "3f1c1d3e-8a4b-4c5d-9e6f-7a8b9c0d1e2f", "unknown rating")});
    const HttpAnswer answer = api.post_batch(voids);
    CHECK(statuses(answer) ==
          std::vector<std::string>{"accepted", "duplicate", "conflict", "rejected"});
    CHECK(api.stats().voided == 1);

    httplib::Headers other = api.kiosk_headers(true);
    other.find("Authorization")->second = "Bearer " + other_token;
    other.find(std::string(protocol::kKioskHeader))->second = "kiosk-02";
    json foreign = voids;
    foreign["kiosk_id"] = "kiosk-02";
    foreign["items"] = json::array({ApiFixture::void_item(1, ratings[1].id, "not mine")});
    const HttpAnswer refused = api.post_raw(kBatches, gzip_compress(foreign.dump()), other);
    CHECK(statuses(refused) == std::vector<std::string>{"rejected"});
    CHECK(api.stats().voided == 1);
}

TEST_CASE("heartbeats are kept per kiosk and a malformed one is refused") {
    ApiFixture api;
    json heartbeat = {{"kiosk_id", kApiKiosk},  {"sent_at", "2024-05-01T18:00:00.000Z"},
                      {"app_version", "0.1.0"}, {"form_id", "dienbien-phieu4"},
                      {"form_version", 1},      {"pending", 12},
                      {"quarantined", 1},       {"oldest_pending_age_s", 7200},
                      {"db_bytes", 1048576},    {"clock_drift_ms", -350},
                      {"last_error", ""}};
    const HttpAnswer answer = api.post_raw(kHeartbeat, heartbeat.dump(), api.kiosk_headers());
    CHECK(answer.status == 200);
    CHECK(answer.body["status"] == "ok");
    CHECK(answer.body["server_time"].is_string());
    const server::ServerStats stats = api.stats();
    REQUIRE(stats.kiosks.size() == 1);
    CHECK(json::parse(stats.kiosks[0].last_heartbeat)["pending"] == 12);
    CHECK(stats.kiosks[0].last_contact_utc);

    heartbeat["pending"] = -1;
    check_error(api.post_raw(kHeartbeat, heartbeat.dump(), api.kiosk_headers()), 400,
                "invalid_heartbeat");
}

TEST_CASE("unknown paths get a JSON 404") {
    ApiFixture api;
    check_error(api.post_raw("/api/v2/batches", "{}", api.kiosk_headers()), 404, "not_found");
}

TEST_CASE("injected 5xx answers store nothing") {
    ApiFixture api({"--fault-5xx", "1", "--fault-retry-after", "7"});
    const HttpAnswer answer = api.post_batch(api.batch_of(make_ratings(api.factory, 3)));
    CHECK(answer.status >= 500);
    CHECK(answer.body["error"]["code"] == "injected_fault");
    CHECK(api.stats().ratings == 0);
}

TEST_CASE("a connection dropped before the body stores nothing") {
    ApiFixture api({"--fault-drop-before-body", "1"});
    const HttpAnswer answer = api.post_batch(api.batch_of(make_ratings(api.factory, 3)));
    CHECK(answer.status == 0);
    CHECK(api.stats().ratings == 0);
}

TEST_CASE("a connection dropped after commit stored the batch without answering") {
    ApiFixture api({"--fault-drop-after-commit", "1"});
    const HttpAnswer answer = api.post_batch(api.batch_of(make_ratings(api.factory, 3)));
    CHECK(answer.status == 0);
    CHECK(api.stats().ratings == 3);
}
