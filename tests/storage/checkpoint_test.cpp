// Deferred checkpoints (OpenOptions::deferred_checkpoints): a citizen's save never copies WAL
// pages into the database file; Store::checkpoint_if_due() does, when the kiosk is idle, and a
// commit does only when the WAL reaches its limit.

#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

void save_ratings(Store& store, int first, int count) {
    for (int i = first; i < first + count; ++i) {
        store.save_rating(sample_rating("CK-" + std::to_string(i)));
    }
}

std::uintmax_t wal_bytes(const std::filesystem::path& path) {
    return std::filesystem::file_size(path.string() + "-wal");
}

}  // namespace

TEST_CASE("with deferred checkpoints the saves stay in the WAL until checkpoint_if_due moves them",
          "[storage][checkpoint]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    Store store(path, OpenOptions{.deferred_checkpoints = true});
    CHECK_FALSE(store.checkpoint_if_due());  // nothing gathered yet

    // A few pages per save: 250 saves are well past the 1000 pages SQLite would checkpoint at.
    save_ratings(store, 0, 250);
    const std::uintmax_t file_before = std::filesystem::file_size(path);
    const std::uintmax_t wal_before = wal_bytes(path);
    CHECK(wal_before > static_cast<std::uintmax_t>(Store::kCheckpointPages) * 4096);

    CHECK(store.checkpoint_if_due());
    CHECK(std::filesystem::file_size(path) > file_before + 100 * 1024);
    // The small write that starts the WAL again from its beginning, made by the checkpoint so
    // the next save does not: the file keeps its size.
    CHECK(store.get_state("storage.idle_checkpoints") == "1");
    CHECK(wal_bytes(path) == wal_before);
    CHECK_FALSE(store.checkpoint_if_due());  // done: not due again until more pages gather

    save_ratings(store, 250, 10);
    CHECK(wal_bytes(path) == wal_before);

    Store reader(path);
    CHECK(reader.counts().ratings_total == 260);
    CHECK(reader.integrity_check().empty());
}

TEST_CASE("a checkpoint never waits for a reader: the pages it still needs wait for the next call",
          "[storage][checkpoint]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    Store store(path, OpenOptions{.deferred_checkpoints = true});
    save_ratings(store, 0, 100);
    RawDb reader(path);
    REQUIRE(reader.exec("BEGIN").empty());
    REQUIRE(reader.number("SELECT count(*) FROM ratings") == 100);  // holds its snapshot
    save_ratings(store, 100, 200);

    CHECK_FALSE(store.checkpoint_if_due());  // the frames after the reader's snapshot stay

    REQUIRE(reader.exec("COMMIT").empty());
    CHECK(store.checkpoint_if_due());
    CHECK(reader.number("SELECT count(*) FROM ratings") == 300);
    CHECK(store.get_state("storage.idle_checkpoints") == "1");  // only the complete one
}

TEST_CASE("without the idle checkpoint the WAL stops growing at the limit",
          "[storage][checkpoint]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    const std::uintmax_t limit_bytes =
        static_cast<std::uintmax_t>(Store::kDeferredCheckpointLimitPages) * (4096 + 24);
    Store store(path, OpenOptions{.deferred_checkpoints = true});
    // About seven pages per save (schema 3): 3,000 saves would make a WAL of ~21,000 pages
    // without the limit, which a commit checkpoints at 16,384.
    save_ratings(store, 0, 3000);
    CHECK(std::filesystem::file_size(path) > 100 * 1024);  // a commit checkpointed
    CHECK(wal_bytes(path) <= limit_bytes + 64 * 4120);
    CHECK(store.counts().ratings_total == 3000);
}

TEST_CASE("without deferred checkpoints SQLite checkpoints at commit as before",
          "[storage][checkpoint]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    Store store(path);
    save_ratings(store, 0, 250);
    CHECK(std::filesystem::file_size(path) > 100 * 1024);
    CHECK(wal_bytes(path) <= static_cast<std::uintmax_t>(Store::kCheckpointPages + 64) * 4120);
    CHECK_FALSE(store.checkpoint_if_due());
}
