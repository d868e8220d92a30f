// The real version 1 -> 2 migration, on the committed version 1 rows (tests/ops/fixtures, the
// 60 demo ratings the upgrade test also uses) loaded into the frozen version 1 DDL, after
// version 1 queue work: deliveries, quarantines, attempts, voids, audit and state.
// Every rating must read back as exactly its version 1 canonical JSON, and the migrated store
// must upload exactly what version 1 would have; a failed migration leaves the file untouched.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "schema_history.hpp"
#include "storage/schema.hpp"
#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

constexpr UtcMillis kQueueWorkUtc = 1795000000000;

// Version 1's rollup change for a void: one rating of its group becomes a voided one (the
// answer rollups are left alone: this test reads them only to compare before and after).
std::string counts_moved_to_voided(const std::string& table, const std::string& rating_id) {
    const std::string period = table == "day_ratings" ? "local_date" : "month";
    const std::string value =
        table == "day_ratings" ? "r.local_date" : "substr(r.local_date, 1, 7)";
    return "UPDATE " + table + " SET ratings = ratings - 1, voided = voided + 1 WHERE (" + period +
           ", official_id, stage, channel) = (SELECT " + value +
           ", r.official_id, r.stage, r.channel FROM ratings r WHERE r.id = '" + rating_id + "');";
}

// A version 1 database: the fixture's rows, then what version 1's store would have written
// for two voids, deliveries, quarantines, failed attempts, an audit entry and state.
void make_v1_database(const std::filesystem::path& path) {
    RawDb raw(path);
    REQUIRE(raw.exec(file_bytes(MOTCUA_SCHEMA_V1_SQL)).empty());
    REQUIRE(raw.exec(file_bytes(MOTCUA_SCHEMA_V1_ROWS)).empty());
    const std::vector<std::string> ids = raw.column("SELECT id FROM ratings ORDER BY sequence");
    REQUIRE(ids.size() == 60);
    const std::string at = std::to_string(kQueueWorkUtc);
    for (const std::string& voided : {ids[19], ids[20]}) {
        REQUIRE(raw.exec("INSERT INTO voids VALUES ('" + voided + "', 'nhập nhầm', 'cb01', " + at +
                         ");"
                         "DELETE FROM dossier_claims WHERE rating_id = '" +
                         voided +
                         "';"
                         "INSERT INTO outbox (kind, ref_id, created_utc) VALUES ('void', '" +
                         voided + "', " + at + ");" +
                         counts_moved_to_voided("day_ratings", voided) +
                         counts_moved_to_voided("month_ratings", voided))
                    .empty());
    }
    REQUIRE(
        raw.exec("UPDATE outbox SET state = 'delivered', delivered_utc = " + at +
                 " WHERE seq <= 10 OR seq = 61;"
                 "UPDATE outbox SET state = 'quarantined', attempts = 3, reason = 'conflict', "
                 "quarantined_utc = " +
                 at +
                 " WHERE seq IN (11, 12);"
                 "UPDATE outbox SET attempts = 2 WHERE seq = 13;"
                 "INSERT INTO audit (at_utc, actor, action, subject, detail) VALUES (" +
                 at + ", 'cb01', 'void', '" + ids[19] +
                 "', 'nhập nhầm');"
                 "INSERT INTO state VALUES ('sync.last_success_utc', '2026-11-20T10:00:00.000Z')")
            .empty());
}

std::string void_payload(const std::string& rating_id, const std::string& reason,
                         const std::string& actor, UtcMillis at) {
    return nlohmann::json{{"rating_id", rating_id},
                          {"reason", reason},
                          {"actor", actor},
                          {"voided_utc", format_utc_iso8601(at)}}
        .dump();
}

// "seq|kind|ref_id|attempts|payload" of version 1's pending (or quarantined) items, the way its
// store made them: a rating's stored JSON, or a void's canonical JSON.
std::vector<std::string> v1_queue(RawDb& raw, const std::string& state) {
    std::vector<std::string> items;
    for (const std::string& seq :
         raw.column("SELECT seq FROM outbox WHERE state = '" + state + "' ORDER BY seq")) {
        const std::string where = " FROM outbox o WHERE o.seq = " + seq;
        const std::string kind = raw.column("SELECT kind" + where).at(0);
        const std::string ref = raw.column("SELECT ref_id" + where).at(0);
        const std::string attempts = raw.column("SELECT attempts" + where).at(0);
        std::string payload;
        if (kind == "rating") {
            payload = raw.column("SELECT payload FROM ratings WHERE id = '" + ref + "'").at(0);
        } else {
            const std::string v = " FROM voids WHERE rating_id = '" + ref + "'";
            payload = void_payload(ref, raw.column("SELECT reason" + v).at(0),
                                   raw.column("SELECT actor" + v).at(0),
                                   raw.number("SELECT voided_utc" + v));
        }
        items.push_back(seq + "|" + kind + "|" + ref + "|" + attempts + "|" + payload);
    }
    return items;
}

std::string item_text(const OutboxItem& item) {
    return std::to_string(item.seq) + "|" + (item.kind == OutboxKind::rating ? "rating" : "void") +
           "|" + item.ref_id + "|" + std::to_string(item.attempts) + "|" + item.payload;
}

// The tables version 2 keeps as they were.
const std::vector<std::string> kUnchangedTables = {
    "SELECT * FROM officials ORDER BY id",
    "SELECT * FROM audit ORDER BY seq",
    "SELECT * FROM state ORDER BY key",
    "SELECT * FROM day_ratings ORDER BY 1, 2, 3, 4",
    "SELECT * FROM day_answers ORDER BY 1, 2, 3, 4, 5, 6, 7",
    "SELECT * FROM month_ratings ORDER BY 1, 2, 3, 4",
    "SELECT * FROM month_answers ORDER BY 1, 2, 3, 4, 5, 6, 7",
};

}  // namespace

TEST_CASE("version 1 -> 2 keeps every rating's canonical JSON, the queue, voids and the rest",
          "[storage][migrations]") {
    TempDir dir;
    const auto path = dir.file("v1.db");
    make_v1_database(path);

    std::vector<std::pair<std::string, std::string>> v1_ratings;  // id, stored JSON
    std::vector<std::string> v1_pending;
    std::vector<std::string> v1_quarantined;
    std::vector<std::string> v1_unchanged;
    std::vector<std::string> v1_claims;
    {
        RawDb raw(path);
        for (const std::string& row : raw.rows("SELECT id, payload FROM ratings ORDER BY 1")) {
            const std::size_t bar = row.find('|');
            v1_ratings.emplace_back(row.substr(0, bar), row.substr(bar + 1, row.size() - bar - 2));
        }
        v1_pending = v1_queue(raw, "pending");
        v1_quarantined = v1_queue(raw, "quarantined");
        for (const std::string& sql : kUnchangedTables) {
            for (const std::string& row : raw.rows(sql)) {
                v1_unchanged.push_back(row);
            }
        }
        v1_claims = raw.column("SELECT rating_id FROM dossier_claims ORDER BY 1");
    }
    REQUIRE(v1_pending.size() == 60 - 10 - 2 + 1);
    REQUIRE(v1_quarantined.size() == 2);

    // Version 2 exactly (version 3 then replaces the rollup tables: migration_v3_test.cpp).
    {
        sqlite::Connection db(path, false);
        sqlite::migrate(db, sqlite::schema_migrations().first(2));
        CHECK(sqlite::user_version(db) == 2);
    }
    {
        RawDb raw(path);
        std::vector<std::string> unchanged;
        for (const std::string& sql : kUnchangedTables) {
            for (const std::string& row : raw.rows(sql)) {
                unchanged.push_back(row);
            }
        }
        CHECK(unchanged == v1_unchanged);
        CHECK(raw.number("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'v1_%' OR "
                         "name = 'dossier_claims'") == 0);
    }

    // The rest through the store, on to the current version.
    Store store(path);
    CHECK(store.schema_version() == Store::kSchemaVersion);
    CHECK(store.integrity_check().empty());
    for (const auto& [id, json] : v1_ratings) {
        const std::optional<Rating> rating = store.find_rating(id);
        REQUIRE(rating);
        CHECK(rating_to_json(*rating).dump() == json);
    }
    // What the uploader would send: the same items, seqs, attempts and bytes.
    std::vector<std::string> pending;
    for (const OutboxItem& item : store.pending_items(1000)) {
        pending.push_back(item_text(item));
    }
    CHECK(pending == v1_pending);
    std::vector<std::string> quarantined;
    for (const QuarantinedItem& item : store.list_quarantined()) {
        quarantined.push_back(item_text(item.item));
        CHECK(item.reason == "conflict");
        CHECK(item.quarantined_utc == kQueueWorkUtc);
    }
    CHECK(quarantined == v1_quarantined);
    CHECK(store.oldest_pending_utc().has_value());

    // Voids and claims: the voided ratings' dossiers are free, every other one is held.
    const StoreCounts counts = store.counts();
    CHECK(counts.ratings_total == 60);
    CHECK(counts.voided == 2);
    CHECK(counts.pending_upload == 49);
    CHECK(counts.quarantined == 2);
    CHECK(store.list_ratings({}).size() == 58);
    std::int64_t held = 0;
    for (const auto& [id, json] : v1_ratings) {
        const Rating rating = *store.find_rating(id);
        const bool claimed = std::find(v1_claims.begin(), v1_claims.end(), id) != v1_claims.end();
        CHECK(store.is_rated(rating.dossier_code, rating.stage) == claimed);
        CHECK(store.find_void(id).has_value() == !claimed);
        held += claimed ? 1 : 0;
    }
    CHECK(held == 58);

    // The queue goes on: delivered seqs are known (invalid, not not_found) and never reused.
    CHECK(error_kind_of([&] { store.mark_quarantined(5, "late", kQueueWorkUtc); }) ==
          StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.mark_quarantined(63, "none", kQueueWorkUtc); }) ==
          StoreErrorKind::not_found);
    const Rating next = store.save_rating(sample_rating("NEW-1", Stage::intake, "2026-11-21"));
    CHECK(next.sequence == 61);
    CHECK(store.pending_items(1000).back().seq == 63);
}

TEST_CASE("a failed version 1 -> 2 migration leaves the version 1 file exactly as it was",
          "[storage][migrations]") {
    TempDir dir;
    const auto path = dir.file("v1.db");
    make_v1_database(path);

    SECTION("a rating whose stored JSON does not read back") {
        {
            RawDb raw(path);
            // The triggers keep version 1 rows immutable: go around them as damage would.
            REQUIRE(raw.exec("DROP TRIGGER ratings_never_change;"
                             "UPDATE ratings SET payload = '{\"id\": 1' WHERE sequence = 30;"
                             "CREATE TRIGGER ratings_never_change BEFORE UPDATE ON ratings "
                             "BEGIN SELECT RAISE(ABORT, 'ratings are immutable'); END;")
                        .empty());
        }
        CHECK_THAT(
            corrupt_migration_message(path),
            Catch::Contains("sequence 30") && Catch::Contains("version 1 file is unchanged"));
    }
    SECTION("the disk fills up half-way") {
        const std::vector<std::string> before = everything(path);
        {
            sqlite::Connection db(path, false);
            const std::int64_t pages = db.query_int("PRAGMA page_count", "test");
            db.query_int("PRAGMA max_page_count = " + std::to_string(pages + 3), "test");
            CHECK(error_kind_of([&] { sqlite::migrate(db, sqlite::schema_migrations()); }) ==
                  StoreErrorKind::disk_full);
            CHECK(sqlite::user_version(db) == 1);
        }
        CHECK(everything(path) == before);
        // With room again, the same file migrates.
        Store store(path);
        CHECK(store.schema_version() == Store::kSchemaVersion);
        CHECK(store.list_ratings({}).size() == 58);
    }
}
