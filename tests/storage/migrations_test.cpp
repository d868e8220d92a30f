// Migrations from the first schema: a database made by a version 1 binary (built here from the
// frozen tests/storage/schema_v1.sql, with rows written the way version 1 writes them) opens
// with the current code, and the migration mechanism runs appended steps atomically.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "schema_history.hpp"
#include "storage/schema.hpp"
#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

std::string schema_v1_sql() {
    return file_bytes(MOTCUA_SCHEMA_V1_SQL);
}

// Every schema object, for comparing two databases' structure.
std::vector<std::string> schema_objects(const std::filesystem::path& path) {
    RawDb raw(path);
    return raw.column(
        "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
}

// A version 1 database with two ratings (one of them voided), an official and some state.
std::vector<Rating> make_v1_database(const std::filesystem::path& path) {
    std::vector<Rating> ratings = {sample_rating("M-240305-0001"),
                                   sample_rating("M-240305-0002", Stage::refusal)};
    RawDb raw(path);
    REQUIRE(raw.exec(schema_v1_sql()).empty());
    REQUIRE(raw.exec("PRAGMA user_version = 1").empty());
    insert_as_v1(raw, ratings[0], 1);
    insert_as_v1(raw, ratings[1], 2);
    ratings[0].sequence = 1;
    ratings[1].sequence = 2;
    REQUIRE(
        raw.exec("INSERT INTO state VALUES ('sync.last_success_utc', '1709600000000')").empty());
    return ratings;
}

}  // namespace

TEST_CASE("the version 1 step still creates exactly the frozen first schema",
          "[storage][migrations]") {
    TempDir dir;
    {
        RawDb raw(dir.file("frozen.db"));
        REQUIRE(raw.exec(schema_v1_sql()).empty());
    }
    {
        sqlite::Connection db(dir.file("current.db"), true);
        sqlite::migrate(db, sqlite::schema_migrations().first(1));
        CHECK(sqlite::user_version(db) == 1);
    }
    const std::vector<std::string> frozen = schema_objects(dir.file("frozen.db"));
    CHECK(frozen.size() > 10);
    CHECK(schema_objects(dir.file("current.db")) == frozen);
    CHECK(sqlite::schema_migrations().back().version == Store::kSchemaVersion);
}

TEST_CASE("a database made by version 1 opens with the current code, data intact",
          "[storage][migrations]") {
    TempDir dir;
    const auto path = dir.file("v1.db");
    const std::vector<Rating> v1_ratings = make_v1_database(path);
    std::vector<std::string> objects_after_first_open;
    for (int reopen = 0; reopen < 2; ++reopen) {
        Store store(path);
        CHECK(store.schema_version() == Store::kSchemaVersion);
        CHECK(store.integrity_check().empty());
        for (const Rating& rating : v1_ratings) {
            const std::optional<Rating> found = store.find_rating(rating.id);
            REQUIRE(found);
            CHECK(same_content(*found, rating));
        }
        CHECK(store.get_state("sync.last_success_utc") == "1709600000000");
        CHECK(store.aggregate({}).ratings == 2 + reopen);
        CHECK(store.pending_items(10).size() == static_cast<std::size_t>(2 + reopen));
        if (reopen == 0) {
            // The version 1 claim still enforces one rating per dossier and stage.
            CHECK(error_kind_of([&] { store.save_rating(sample_rating("M-240305-0001")); }) ==
                  StoreErrorKind::duplicate_rating);
            CHECK(store.save_rating(sample_rating("M-240305-0003")).sequence == 3);
            objects_after_first_open = schema_objects(path);
        } else {
            CHECK(schema_objects(path) == objects_after_first_open);  // reopen is idempotent
        }
    }
}

TEST_CASE("an appended migration step runs once, atomically, and then the file is newer",
          "[storage][migrations]") {
    TempDir dir;
    const auto path = dir.file("v1.db");
    make_v1_database(path);
    std::vector<sqlite::Migration> steps(sqlite::schema_migrations().begin(),
                                         sqlite::schema_migrations().end());
    const int next = Store::kSchemaVersion + 1;

    SECTION("a good step transforms the data and sets the version") {
        steps.push_back({next, "synthetic: ratings per dossier",
                         "CREATE TABLE dossier_totals (dossier_code TEXT PRIMARY KEY, n INTEGER);"
                         "INSERT INTO dossier_totals SELECT dossier_code, count(*) FROM ratings "
                         "GROUP BY dossier_code;"});
        {
            sqlite::Connection db(path, false);
            sqlite::migrate(db, steps);
            CHECK(sqlite::user_version(db) == next);
            sqlite::migrate(db, steps);  // already there: nothing to do
            CHECK(sqlite::user_version(db) == next);
        }
        RawDb raw(path);
        CHECK(raw.number("SELECT count(*) FROM dossier_totals") == 2);
        CHECK(raw.number("SELECT count(*) FROM ratings") == 2);
        // This build only knows up to kSchemaVersion: the migrated file is refused untouched.
        CHECK(error_kind_of([&] { Store store(path); }) == StoreErrorKind::newer_schema);
        CHECK(raw.number("PRAGMA user_version") == next);
    }
    SECTION("a failing step leaves the database exactly as it was") {
        steps.push_back({next, "synthetic: broken",
                         "CREATE TABLE half_done (x INTEGER);"
                         "INSERT INTO no_such_table VALUES (1);"});
        const std::vector<std::string> before = schema_objects(path);
        {
            sqlite::Connection db(path, false);
            CHECK_THROWS_AS(sqlite::migrate(db, steps), StoreError);
            CHECK(sqlite::user_version(db) == 1);
        }
        CHECK(schema_objects(path) == before);
        Store store(path);
        CHECK(store.list_ratings({}).size() == 2);
    }
    SECTION("steps must be numbered without gaps") {
        steps.push_back({next + 1, "synthetic: skips a number", "SELECT 1;"});
        sqlite::Connection db(path, false);
        CHECK_THROWS_AS(sqlite::migrate(db, steps), std::logic_error);
        CHECK(sqlite::user_version(db) == 1);
    }
}

TEST_CASE("compacting after the version 2 migration gives the freed pages back, data intact",
          "[storage][migrations]") {
    TempDir dir;
    const auto path = dir.file("v1.db");
    make_v1_database(path);
    {
        RawDb raw(path);
        REQUIRE(raw.exec("BEGIN").empty());
        for (int i = 3; i <= 400; ++i) {
            char code[32];
            std::snprintf(code, sizeof code, "M-240305-%04d", i);
            insert_as_v1(raw, sample_rating(code), i);
        }
        REQUIRE(raw.exec("COMMIT").empty());
    }
    Store store(path);
    REQUIRE(store.schema_version() == Store::kSchemaVersion);
    const std::int64_t ratings = store.counts().ratings_total;
    REQUIRE(ratings == 400);
    store.set_state("checkpointed", "yes");  // any write, then the size the file has now
    const auto size_before = std::filesystem::file_size(path);
    const std::int64_t freed = store.free_bytes();
    // The version 1 payloads and their indexes are gone: a good part of the file is free pages.
    CHECK(freed > 0);

    store.compact();

    CHECK(store.free_bytes() == 0);
    CHECK(std::filesystem::file_size(path) < size_before);
    CHECK(size_before - std::filesystem::file_size(path) >= static_cast<std::uintmax_t>(freed) / 2);
    CHECK(store.counts().ratings_total == ratings);
    CHECK(store.pending_items(1000).size() == 400);
    CHECK(store.integrity_check().empty());
}
