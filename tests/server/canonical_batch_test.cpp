// The fast path of batch parsing (server/canonical_batch.hpp) against the general path: the
// same items for every body, the same stored rows and answers through the real server.

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <stdexcept>

#include "core/rating.hpp"
#include "server/canonical_batch.hpp"
#include "server/request_parsing.hpp"
#include "sync/gzip.hpp"
#include "sync/protocol.hpp"
#include "sync/wire.hpp"
#include "tests/server/api_fixture.hpp"

using namespace motcua;
using namespace motcua::test;
using nlohmann::json;

namespace {

const server::KioskRecord kKiosk{kApiKiosk, kApiUnit, "", 0, {}, {}, {}, ""};

// Ratings as the kiosk makes them, and one with text that needs escaping and Vietnamese.
std::vector<Rating> sample_ratings(int count) {
    RatingFactory factory(kApiKiosk, kApiUnit, 7);
    std::vector<Rating> ratings;
    for (int i = 0; i < count; ++i) {
        ratings.push_back(factory.next());
    }
    ratings.back().official_id = "cán bộ \"Nguyễn\" \\ 01";
    return ratings;
}

// The body exactly as the kiosk's uploader encodes it.
std::string kiosk_body(const std::vector<Rating>& ratings) {
    std::vector<OutboxItem> items;
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        items.push_back({static_cast<std::int64_t>(i + 1), OutboxKind::rating, ratings[i].id,
                         rating_to_json(ratings[i]).dump(), 0});
    }
    return encode_batch(kApiKiosk, 1764300000000, items).body;
}

// What one path made of a body: its items, or the refusal of the whole body.
struct Parsed {
    std::vector<server::IncomingItem> items;
    int refusal_status = 0;
    std::string refusal_code;
};

template <typename Parse>
Parsed parse_with(Parse parse, const std::string& body) {
    Parsed parsed;
    try {
        parsed.items = parse(body, kKiosk);
    } catch (const server::ApiError& error) {
        parsed.refusal_status = error.status();
        parsed.refusal_code = error.code();
    }
    return parsed;
}

void check_same(const Parsed& fast, const Parsed& general) {
    CHECK(fast.refusal_status == general.refusal_status);
    CHECK(fast.refusal_code == general.refusal_code);
    REQUIRE(fast.items.size() == general.items.size());
    for (std::size_t i = 0; i < fast.items.size(); ++i) {
        const server::IncomingItem& a = fast.items[i];
        const server::IncomingItem& b = general.items[i];
        INFO("item " << i);
        CHECK(a.seq == b.seq);
        CHECK(a.rejection == b.rejection);
        REQUIRE(a.rating.has_value() == b.rating.has_value());
        if (a.rating) {
            CHECK(a.rating->content == b.rating->content);
            CHECK(rating_to_json(a.rating->rating) == rating_to_json(b.rating->rating));
        }
        CHECK(a.void_record.has_value() == b.void_record.has_value());
    }
}

void replace_once(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
}

// (id, content, dossier, stage, official, local date) of every stored rating, by id.
std::vector<std::string> stored_rows(const std::filesystem::path& db) {
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(handle);
        throw std::runtime_error("cannot open " + db.string());
    }
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(handle,
                       "SELECT id || '|' || content || '|' || dossier_code || '|' || stage || "
                       "'|' || official_id || '|' || local_date FROM ratings ORDER BY id",
                       -1, &statement, nullptr);
    std::vector<std::string> rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    }
    sqlite3_finalize(statement);
    sqlite3_close(handle);
    return rows;
}

std::vector<std::string> statuses(const HttpAnswer& answer) {
    std::vector<std::string> out;
    for (const json& result : answer.body["results"]) {
        out.push_back(result["status"]);
    }
    return out;
}

}  // namespace

TEST_CASE(
    "a batch as the kiosk encodes it takes the fast path and gives the general path's items") {
    const std::string body = kiosk_body(sample_ratings(40));
    const auto fast = server::parse_canonical_batch(body, kKiosk);
    REQUIRE(fast.has_value());
    CHECK(fast->size() == 40);
    check_same(Parsed{*fast, 0, ""}, parse_with(server::parse_batch_general, body));
    check_same(parse_with(server::parse_batch, body),
               parse_with(server::parse_batch_general, body));
    const auto empty = server::parse_canonical_batch(
        R"({"kiosk_id":"kiosk-01","sent_at":"2025-11-28T03:20:00.000Z","items":[]})", kKiosk);
    REQUIRE(empty.has_value());
    CHECK(empty->empty());
}

TEST_CASE("bodies off the kiosk's exact shape leave the fast path and get the general answer") {
    const std::vector<Rating> ratings = sample_ratings(3);
    const std::string canonical = kiosk_body(ratings);
    const std::string id = ratings[0].id;
    std::vector<std::pair<std::string, std::string>> variants;
    auto variant = [&](const std::string& name, const std::string& from, const std::string& to) {
        std::string body = canonical;
        replace_once(body, from, to);
        variants.emplace_back(name, body);
    };
    variant("whitespace", "\"items\":[", "\"items\": [");
    {
        std::string body = canonical;
        const auto time = body.find("\"created_utc\":\"");
        REQUIRE(time != std::string::npos);
        const auto zulu = body.find('Z', time);
        body.erase(zulu - 4, 4);  // ".mmm"
        variants.emplace_back("time without milliseconds", body);
    }
    variant("another kiosk's rating", "\"kiosk_id\":\"kiosk-01\",\"local_date\"",
            "\"kiosk_id\":\"kiosk-02\",\"local_date\"");
    variant("another unit", "\"unit_code\":\"000.00.24.H18\"", "\"unit_code\":\"000.00.24.H19\"");
    variant("upper-case id", "\"id\":\"" + id + "\"", "\"id\":\"" + id.substr(0, 35) + "X\"");
    variant("escaped character", "\"kind\":\"rating\"", "\"kind\":\"r\\u0061ting\"");
    variant("repeated seq", "{\"seq\":2,", "{\"seq\":1,");
    variant("negative zero", "\"sequence\":", "\"sequence\":-0,\"x\":");
    variant("leading zero", "{\"seq\":2,", "{\"seq\":02,");
    variant("envelope of another kiosk", "{\"kiosk_id\":\"kiosk-01\"", "{\"kiosk_id\":\"kiosk-9\"");
    variant("trailing bytes", "]}", "]}x");
    variant("unknown kind", "\"kind\":\"rating\",\"rating\"", "\"kind\":\"rate\",\"rate\"");
    variant("bad points", "\"points\":", "\"points\":1000,\"p\":");
    variant("empty dossier", "\"dossier_code\":\"", "\"dossier_code\":\"\",\"d\":\"");
    variants.emplace_back("keys sorted by nlohmann", json::parse(canonical).dump());
    variants.emplace_back("a void in the batch",
                          canonical.substr(0, canonical.size() - 2) +
                              R"(,{"seq":9,"kind":"void","void":{"actor":"cb01","rating_id":")" +
                              id +
                              R"(","reason":"twice","voided_utc":"2025-01-01T00:00:00.000Z"}}]})");
    for (const auto& [name, body] : variants) {
        INFO(name << ": " << body.substr(0, 300));
        CHECK_FALSE(server::parse_canonical_batch(body, kKiosk).has_value());
        check_same(parse_with(server::parse_batch, body),
                   parse_with(server::parse_batch_general, body));
    }
}

TEST_CASE("the same ratings stored through either path give the same rows and answers") {
    const std::vector<Rating> ratings = sample_ratings(25);
    const std::string fast_body = kiosk_body(ratings);
    const std::string general_body = json::parse(fast_body).dump(1);  // indented: general path
    ApiFixture fast_server;
    ApiFixture general_server;
    const auto post = [](ApiFixture& fixture, const std::string& body) {
        return fixture.post_raw(std::string(protocol::kBatchesPath), gzip_compress(body),
                                fixture.kiosk_headers(true));
    };
    const HttpAnswer fast = post(fast_server, fast_body);
    const HttpAnswer general = post(general_server, general_body);
    REQUIRE(fast.status == 200);
    REQUIRE(general.status == 200);
    CHECK(statuses(fast) == std::vector<std::string>(25, "accepted"));
    CHECK(statuses(fast) == statuses(general));
    CHECK(stored_rows(fast_server.db) == stored_rows(general_server.db));
    CHECK(stored_rows(fast_server.db).size() == 25);

    // Each server then gets the other path's body: the same content, so duplicates.
    CHECK(statuses(post(fast_server, general_body)) == std::vector<std::string>(25, "duplicate"));
    CHECK(statuses(post(general_server, fast_body)) == std::vector<std::string>(25, "duplicate"));
    CHECK(stored_rows(fast_server.db) == stored_rows(general_server.db));
}
