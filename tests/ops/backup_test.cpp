// storage/backup: online backups while another thread keeps saving, pruning, and restore
// (refused while the database is open, and from a damaged file).

#include <atomic>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "storage/backup.hpp"
#include "storage/store.hpp"
#include "tests/sync/support/rating_factory.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using motcua::test::RatingFactory;
using motcua::test::TempDir;

namespace {

// 2026-11-28T02:00:00Z; each backup below is made a minute later than the one before.
constexpr UtcMillis kNow = 1795831200000;

std::int64_t ratings_in(const std::filesystem::path& file) {
    Store store(file, OpenOptions{.create = false});
    return store.counts().ratings_total;
}

StoreErrorKind error_kind_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const StoreError& error) {
        return error.kind();
    }
    FAIL("no StoreError was thrown");
    return StoreErrorKind::invalid;
}

}  // namespace

TEST_CASE("a backup holds every saved rating and only the last N are kept", "[ops][backup]") {
    TempDir dir;
    const auto database = dir / "motcua.db";
    RatingFactory factory("DB-STP-01", "000.00.24.H18");
    {
        Store store(database);
        test::save_ratings(store, factory, 40);
    }
    BackupOptions options{dir / "backups", 2, 8};
    BackupResult first = backup_database(database, options, kNow);
    CHECK(first.file.parent_path() == dir / "backups");
    CHECK(first.file.filename().string().starts_with("motcua-20261128-020000-000Z"));
    CHECK(first.pages > 0);
    CHECK(first.bytes > 0);
    CHECK(first.removed.empty());
    CHECK(ratings_in(first.file) == 40);

    BackupResult second = backup_database(database, options, kNow + 60000);
    BackupResult third = backup_database(database, options, kNow + 120000);
    REQUIRE(third.removed.size() == 1);
    CHECK(third.removed.front() == first.file);
    CHECK(list_backups(dir / "backups", database) ==
          std::vector<std::filesystem::path>{second.file, third.file});
    // No temporary file is left, and a backup is one file (no -wal beside it).
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "backups")) {
        CHECK(entry.path().extension() == ".db");
        ++files;
    }
    CHECK(files == 2);
}

TEST_CASE("saves from another thread go on during a backup", "[ops][backup]") {
    TempDir dir;
    const auto database = dir / "motcua.db";
    RatingFactory factory("DB-STP-01", "000.00.24.H18");
    constexpr std::int64_t kBefore = 1500;
    {
        Store store(database);
        test::save_ratings(store, factory, kBefore);
    }

    std::atomic<bool> backup_done = false;
    std::atomic<bool> writer_started = false;
    std::atomic<std::int64_t> saved_during = 0;
    std::string writer_error;
    std::thread writer([&] {
        try {
            Store store(database);
            // At least a few saves, and keep saving until the backup has finished.
            while (!backup_done || saved_during < 5) {
                store.save_rating(factory.next());
                ++saved_during;
                writer_started = true;
            }
        } catch (const std::exception& error) {
            writer_error = error.what();
            writer_started = true;
        }
    });
    while (!writer_started) {
        std::this_thread::yield();
    }
    BackupResult result;
    try {
        result = backup_database(database, BackupOptions{dir / "backups", 3, 1}, kNow);
    } catch (...) {
        backup_done = true;
        writer.join();
        throw;
    }
    backup_done = true;
    writer.join();

    INFO("ratings saved by the other thread: " << saved_during << "; backup steps " << result.steps
                                               << ", restarts " << result.restarts);
    CHECK(writer_error.empty());
    CHECK(result.steps > 1);
    const std::int64_t in_backup = ratings_in(result.file);
    CHECK(in_backup >= kBefore);
    CHECK(in_backup <= kBefore + saved_during);
    CHECK(ratings_in(database) == kBefore + saved_during);
    Store copy(result.file, OpenOptions{.create = false});
    CHECK(copy.integrity_check().empty());
}

TEST_CASE("backup refuses a missing database and a bad keep", "[ops][backup]") {
    TempDir dir;
    CHECK(error_kind_of([&] {
              backup_database(dir / "none.db", BackupOptions{dir / "backups", 3, 8}, kNow);
          }) == StoreErrorKind::cannot_open);
    { Store store(dir / "motcua.db"); }
    CHECK(error_kind_of([&] {
              backup_database(dir / "motcua.db", BackupOptions{dir / "backups", 0, 8}, kNow);
          }) == StoreErrorKind::invalid);
    CHECK(list_backups(dir / "backups", dir / "motcua.db").empty());
}

TEST_CASE("restore is refused while the database is open, then replaces it", "[ops][restore]") {
    TempDir dir;
    const auto database = dir / "motcua.db";
    RatingFactory factory("DB-STP-01", "000.00.24.H18");
    BackupResult backup;
    {
        Store kiosk(database);
        test::save_ratings(kiosk, factory, 10);
        backup = backup_database(database, BackupOptions{dir / "backups", 3, 8}, kNow);
        test::save_ratings(kiosk, factory, 5);
        CHECK(database_in_use(database));
        CHECK(error_kind_of([&] { restore_database(backup.file, database, kNow); }) ==
              StoreErrorKind::busy);
        CHECK(kiosk.counts().ratings_total == 15);
    }
    CHECK_FALSE(database_in_use(database));

    RestoreResult restored = restore_database(backup.file, database, kNow + 60000);
    CHECK(restored.schema_version == Store::kSchemaVersion);
    CHECK(ratings_in(database) == 10);
    REQUIRE_FALSE(restored.safety_copy.empty());
    CHECK(ratings_in(restored.safety_copy) == 15);
    Store reopened(database, OpenOptions{.create = false});
    CHECK(reopened.integrity_check().empty());
    // The restored database takes new ratings as usual.
    reopened.save_rating(factory.next());
    CHECK(reopened.counts().ratings_total == 11);
}

TEST_CASE("restore refuses a damaged backup and leaves the database alone", "[ops][restore]") {
    TempDir dir;
    const auto database = dir / "motcua.db";
    RatingFactory factory("DB-STP-01", "000.00.24.H18");
    {
        Store store(database);
        test::save_ratings(store, factory, 3);
    }
    const auto damaged = dir / "damaged.db";
    {
        std::ofstream out(damaged, std::ios::binary);
        out << std::string(8192, 'x');
    }
    CHECK(error_kind_of([&] { restore_database(damaged, database, kNow); }) ==
          StoreErrorKind::corrupt);
    CHECK(error_kind_of([&] { restore_database(dir / "missing.db", database, kNow); }) ==
          StoreErrorKind::cannot_open);
    CHECK(ratings_in(database) == 3);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        CHECK(entry.path().filename().string().find("before-restore") == std::string::npos);
    }
}
