// Opening: reopening, refusing files that are not ours, damaged or newer, the durability
// pragmas, busy and disk-full errors, and SQLite result code mapping.

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "storage/sqlite_util.hpp"
#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

TEST_CASE("a store reopens after close with everything in it", "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    std::vector<std::string> ids;
    for (int session = 0; session < 4; ++session) {
        Store store(path);
        CHECK(store.schema_version() == Store::kSchemaVersion);
        CHECK(store.path() == path);
        CHECK(store.counts().ratings_total == session * 2);
        for (const std::string& id : ids) {
            CHECK(store.find_rating(id));
        }
        for (int i = 0; i < 2; ++i) {
            ids.push_back(
                store.save_rating(sample_rating("R-240305-" + std::to_string(session * 2 + i))).id);
        }
        store.set_state("sessions", std::to_string(session + 1));
    }
    Store store(path, OpenOptions{false, 5000, true});
    CHECK(store.get_state("sessions") == "4");
    CHECK(store.list_ratings({}).size() == 8);
    CHECK(store.integrity_check().empty());

    RawDb raw(path);
    CHECK(raw.column("PRAGMA journal_mode").at(0) == "wal");
}

TEST_CASE("two stores on one file see each other's commits", "[storage][open]") {
    TempDir dir;
    Store ui(dir.file("k.db"));
    Store sync(dir.file("k.db"));
    const Rating rating = ui.save_rating(sample_rating("T-240305-0001"));
    REQUIRE(sync.pending_items(10).size() == 1);
    sync.mark_delivered(std::vector<std::int64_t>{sync.pending_items(10)[0].seq}, 1);
    CHECK(ui.counts().pending_upload == 0);
    CHECK(sync.find_rating(rating.id));

    Store moved = std::move(ui);
    CHECK(moved.find_rating(rating.id));
}

TEST_CASE("a missing file is created only when asked", "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("missing.db");
    CHECK(error_kind_of([&] {
              Store store(path, OpenOptions{false, 5000, true});
          }) == StoreErrorKind::cannot_open);
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(error_kind_of([&] { Store store(dir.file("no-such-dir/k.db")); }) ==
          StoreErrorKind::cannot_open);

    write_file(path, "");
    CHECK(error_kind_of([&] {
              Store store(path, OpenOptions{false, 5000, true});
          }) == StoreErrorKind::cannot_open);
    Store store(path);
    CHECK(store.schema_version() == Store::kSchemaVersion);
}

TEST_CASE("a file that is not a database is refused as corrupt and left byte-identical",
          "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    std::string garbage;
    std::mt19937 random(7);
    for (int i = 0; i < 20000; ++i) {
        garbage.push_back(static_cast<char>(random() & 0xff));
    }
    SECTION("random bytes") {
        write_file(path, garbage);
    }
    SECTION("a text file") {
        write_file(path, "kiosk_id = \"demo\"\nunit_code = \"x\"\n");
    }
    SECTION("a truncated SQLite header") {
        write_file(path, std::string("SQLite format 3\0", 16) + garbage);
    }
    const std::string before = file_bytes(path);

    try {
        Store store(path);
        FAIL("opened a file that is not a database");
    } catch (const StoreError& error) {
        CHECK(error.kind() == StoreErrorKind::corrupt);
        CHECK(std::string(error.what()).find(path.string()) != std::string::npos);
    }
    CHECK(error_kind_of([&] {
              Store store(path, OpenOptions{false, 5000, false});
          }) == StoreErrorKind::corrupt);
    CHECK(file_bytes(path) == before);
    CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
}

TEST_CASE("another program's SQLite database is refused and left alone", "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("other.db");
    {
        RawDb raw(path);
        REQUIRE(raw.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')")
                    .empty());
    }
    const std::string before = file_bytes(path);
    CHECK(error_kind_of([&] { Store store(path); }) == StoreErrorKind::corrupt);
    CHECK(file_bytes(path) == before);
}

namespace {

// A closed database of 300 ratings, every page in the main file; returns its bytes.
std::string database_of_300_ratings(const std::filesystem::path& path) {
    {
        Store store(path);
        std::vector<Rating> ratings;
        for (int i = 0; i < 300; ++i) {
            ratings.push_back(sample_rating("Q-240305-" + std::to_string(i)));
        }
        store.save_ratings(ratings);
    }
    REQUIRE_FALSE(std::filesystem::exists(path.string() + "-wal"));  // checkpointed at close
    return file_bytes(path);
}

// The pages (1-based) of the ratings table's b-tree, below its root.
std::vector<std::int64_t> ratings_leaf_pages(const std::filesystem::path& path) {
    RawDb raw(path);
    std::vector<std::int64_t> pages;
    for (const std::string& page :
         raw.column("SELECT pageno FROM dbstat WHERE name = 'ratings' AND pagetype = 'leaf'")) {
        pages.push_back(std::stoll(page));
    }
    return pages;
}

void scribble_page(std::string& bytes, std::int64_t page, std::size_t offset = 0) {
    for (std::size_t i = 0; i < 64; ++i) {
        bytes[static_cast<std::size_t>(page - 1) * 4096 + offset + i] = static_cast<char>(0x55);
    }
}

}  // namespace

TEST_CASE("a damaged database is refused by quick_check and left byte-identical",
          "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    std::string bytes = database_of_300_ratings(path);
    REQUIRE(bytes.size() > 4096 * 12);
    // Scribble over the headers of a few b-tree pages in the middle of the file.
    for (std::int64_t page : {5, 8, 11}) {
        scribble_page(bytes, page);
    }
    write_file(path, bytes);

    CHECK(error_kind_of([&] { Store store(path, OpenOptions{.quick_check = true}); }) ==
          StoreErrorKind::corrupt);
    CHECK(file_bytes(path) == bytes);
}

TEST_CASE("a default open reads no data pages and damage there fails the reads meeting it",
          "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    std::string bytes = database_of_300_ratings(path);
    const std::vector<std::int64_t> leaves = ratings_leaf_pages(path);
    REQUIRE(leaves.size() > 3);
    for (std::int64_t page : leaves) {
        scribble_page(bytes, page);
    }
    write_file(path, bytes);

    // Opening reads the header and the schema only, so it succeeds (and the kiosk starts) ...
    Store store(path);
    CHECK(store.schema_version() == Store::kSchemaVersion);
    // ... but every read that meets a damaged page is refused as corrupt, never answered wrong,
    CHECK(error_kind_of([&] { store.list_ratings({}); }) == StoreErrorKind::corrupt);
    // integrity_check (motcua check) finds it,
    CHECK_FALSE(store.integrity_check().empty());
    // and a save, which writes into the damaged table, is refused with nothing written.
    CHECK(error_kind_of([&] { store.save_rating(sample_rating("Q-240306-1")); }) ==
          StoreErrorKind::corrupt);
    CHECK_FALSE(store.is_rated("Q-240306-1", Stage::intake));
}

TEST_CASE("damage to the header or the schema is refused at open, file left byte-identical",
          "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    std::string bytes = database_of_300_ratings(path);
    SECTION("the file header") {
        scribble_page(bytes, 1);
    }
    SECTION("the schema table's page header") {
        scribble_page(bytes, 1, 100);
    }
    write_file(path, bytes);
    CHECK(error_kind_of([&] { Store store(path); }) == StoreErrorKind::corrupt);
    CHECK(file_bytes(path) == bytes);
}

TEST_CASE("a database from a newer motcua is refused, never downgraded", "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    {
        Store store(path);
        store.save_rating(sample_rating("N-240305-0001"));
    }
    {
        RawDb raw(path);
        REQUIRE(
            raw.exec("PRAGMA user_version = " + std::to_string(Store::kSchemaVersion + 1)).empty());
    }
    const std::string before = file_bytes(path);
    try {
        Store store(path);
        FAIL("opened a newer schema");
    } catch (const StoreError& error) {
        CHECK(error.kind() == StoreErrorKind::newer_schema);
        CHECK(std::string(error.what()).find("newer motcua") != std::string::npos);
    }
    CHECK(file_bytes(path) == before);
    RawDb raw(path);
    CHECK(raw.number("PRAGMA user_version") == Store::kSchemaVersion + 1);
    CHECK(raw.number("SELECT count(*) FROM ratings") == 1);
}

TEST_CASE("a locked database gives a busy error and nothing half-written", "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    Store store(path, OpenOptions{true, 50, true});
    store.save_rating(sample_rating("L-240305-0001"));
    RawDb other(path);
    REQUIRE(other.exec("BEGIN IMMEDIATE").empty());
    const Rating blocked = sample_rating("L-240305-0002");
    try {
        store.save_rating(blocked);
        FAIL("saved while another connection held the write lock");
    } catch (const StoreError& error) {
        CHECK(error.kind() == StoreErrorKind::busy);
        CHECK(std::string(error.what()).find(path.string()) != std::string::npos);
    }
    CHECK(error_kind_of([&] { store.void_rating(blocked.id, "x", "sup01", 1); }) ==
          StoreErrorKind::busy);
    REQUIRE(other.exec("ROLLBACK").empty());
    CHECK_FALSE(store.find_rating(blocked.id));
    CHECK(store.save_rating(blocked).sequence == 2);
}

TEST_CASE("disk full: a typed error, an intact database and every earlier rating kept",
          "[storage][open]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    std::vector<Rating> saved;
    Rating refused;
    {
        Store store(path);
        for (int i = 0; i < 20; ++i) {
            saved.push_back(store.save_rating(sample_rating("F-240305-" + std::to_string(i))));
        }
        store.set_max_page_count(1);  // SQLite clamps this to the current size
        bool full = false;
        for (int i = 20; i < 5000 && !full; ++i) {
            Rating next = sample_rating("F-240305-" + std::to_string(i));
            try {
                saved.push_back(store.save_rating(next));
            } catch (const StoreError& error) {
                CHECK(error.kind() == StoreErrorKind::disk_full);
                CHECK(std::string(error.what()).find(path.string()) != std::string::npos);
                refused = next;
                full = true;
            }
        }
        REQUIRE(full);
        CHECK(store.integrity_check().empty());
        CHECK_FALSE(store.find_rating(refused.id));
        CHECK_FALSE(store.is_rated(refused.dossier_code, Stage::intake));
        const StoreCounts counts = store.counts();
        CHECK(counts.ratings_total == static_cast<std::int64_t>(saved.size()));
        CHECK(counts.pending_upload == static_cast<std::int64_t>(saved.size()));
        CHECK(store.aggregate({}).ratings == static_cast<std::int64_t>(saved.size()));
        std::vector<Rating> batch = {sample_rating("F-250101-1"), sample_rating("F-250101-2")};
        const StoreErrorKind batch_error = error_kind_of([&] {
            for (int i = 0; i < 200; ++i) {
                batch.push_back(sample_rating("F-250102-" + std::to_string(i)));
            }
            store.save_ratings(batch);
        });
        CHECK(batch_error == StoreErrorKind::disk_full);
        CHECK_FALSE(store.is_rated("F-250101-1", Stage::intake));
    }
    Store store(path);
    CHECK(store.integrity_check().empty());
    for (const Rating& rating : saved) {
        REQUIRE(store.find_rating(rating.id));
    }
    CHECK(store.list_ratings({}).size() == saved.size());
    CHECK(store.save_rating(refused).sequence == static_cast<std::int64_t>(saved.size()) + 1);
}

TEST_CASE("SQLite result codes map to store error kinds", "[storage][open]") {
    using sqlite::error_kind_for;
    CHECK(error_kind_for(SQLITE_FULL) == StoreErrorKind::disk_full);
    CHECK(error_kind_for(SQLITE_IOERR) == StoreErrorKind::io_error);
    CHECK(error_kind_for(SQLITE_IOERR_WRITE) == StoreErrorKind::io_error);
    CHECK(error_kind_for(SQLITE_IOERR_FSYNC) == StoreErrorKind::io_error);
    CHECK(error_kind_for(SQLITE_BUSY) == StoreErrorKind::busy);
    CHECK(error_kind_for(SQLITE_BUSY_SNAPSHOT) == StoreErrorKind::busy);
    CHECK(error_kind_for(SQLITE_LOCKED) == StoreErrorKind::busy);
    CHECK(error_kind_for(SQLITE_CORRUPT) == StoreErrorKind::corrupt);
    CHECK(error_kind_for(SQLITE_NOTADB) == StoreErrorKind::corrupt);
    CHECK(error_kind_for(SQLITE_CANTOPEN) == StoreErrorKind::cannot_open);
    CHECK(error_kind_for(SQLITE_PERM) == StoreErrorKind::cannot_open);
    CHECK(error_kind_for(SQLITE_READONLY) == StoreErrorKind::cannot_open);
    CHECK(error_kind_for(SQLITE_CONSTRAINT_UNIQUE) == StoreErrorKind::invalid);
    for (StoreErrorKind kind :
         {StoreErrorKind::duplicate_rating, StoreErrorKind::duplicate_id, StoreErrorKind::not_found,
          StoreErrorKind::invalid, StoreErrorKind::disk_full, StoreErrorKind::io_error,
          StoreErrorKind::busy, StoreErrorKind::corrupt, StoreErrorKind::newer_schema,
          StoreErrorKind::cannot_open}) {
        CHECK(to_string(kind) != "unknown");
    }
}
