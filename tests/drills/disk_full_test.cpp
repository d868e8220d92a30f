// Disk-full drill: the kiosk's database on a tiny tmpfs mount (we run as root in CI), or, where
// mounting is not permitted, under SQLite's max_page_count (the test says which ran). Saving
// fails with the typed disk_full error, the database passes integrity_check, nothing of the
// failed rating is written, and the same rating saves once space returns.

#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include "tests/drills/drill_names.hpp"
#include "tests/drills/drill_support.hpp"
#include "tests/sync/support/rating_factory.hpp"

using namespace motcua;
using namespace motcua::drills;

namespace {

// A tmpfs of `bytes` mounted on a fresh folder, unmounted at the end; mounted() is false where
// the kernel refused (not root, no CAP_SYS_ADMIN).
class TinyFilesystem {
  public:
    TinyFilesystem(const std::filesystem::path& folder, std::int64_t bytes) : folder_(folder) {
        std::filesystem::create_directories(folder);
        const std::string options = "size=" + std::to_string(bytes);
        mounted_ = mount("tmpfs", folder.c_str(), "tmpfs", 0, options.c_str()) == 0;
    }
    ~TinyFilesystem() {
        if (mounted_) {
            umount2(folder_.c_str(), MNT_DETACH);
        }
    }
    TinyFilesystem(const TinyFilesystem&) = delete;
    TinyFilesystem& operator=(const TinyFilesystem&) = delete;
    bool mounted() const { return mounted_; }

  private:
    std::filesystem::path folder_;
    bool mounted_ = false;
};

// Writes `path` until the filesystem has no space left; returns the bytes written.
std::int64_t fill_up(const std::filesystem::path& path) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    REQUIRE(file != nullptr);
    std::setvbuf(file, nullptr, _IONBF, 0);
    const std::string block(4096, 'x');
    std::int64_t written = 0;
    while (true) {
        const std::size_t wrote = std::fwrite(block.data(), 1, block.size(), file);
        written += static_cast<std::int64_t>(wrote);
        if (wrote < block.size()) {
            break;
        }
    }
    std::fclose(file);
    return written;
}

}  // namespace

TEST_CASE("disk full: saving fails typed, nothing is half-written, saving resumes",
          "[drills][disk]") {
    test::TempDir dir;
    TinyFilesystem tiny(dir / "mnt", 2 * 1024 * 1024);
    const auto db = (tiny.mounted() ? dir / "mnt" : dir.path()) / "kiosk.db";
    const auto filler = dir / "mnt" / "filler";
    test::RatingFactory factory(kKioskId, kUnitCode, 9);

    Store store(db);
    std::vector<std::string> acknowledged;
    for (int i = 0; i < 20; ++i) {
        acknowledged.push_back(store.save_rating(factory.next()).id);
    }
    if (tiny.mounted()) {
        fill_up(filler);
    } else {
        // No mount here: the file may not grow past its current pages.
        store.set_max_page_count(
            static_cast<std::int64_t>(std::filesystem::file_size(db) / 4096 + 1));
    }

    // Keep saving until the space runs out (the WAL may still have room for a few saves).
    std::optional<Rating> kept;
    for (int attempt = 0; attempt < 5000 && !kept; ++attempt) {
        Rating rating = factory.next();
        try {
            acknowledged.push_back(store.save_rating(rating).id);
        } catch (const StoreError& error) {
            INFO(error.what());
            REQUIRE(error.kind() == StoreErrorKind::disk_full);
            kept = rating;
        }
    }
    REQUIRE(kept.has_value());
    // A second try while still full fails the same way and writes nothing either.
    try {
        store.save_rating(*kept);
        FAIL("saved on a full disk");
    } catch (const StoreError& error) {
        CHECK(error.kind() == StoreErrorKind::disk_full);
    }

    // Nothing corrupted, nothing half-written: the failed rating has no row, no outbox item and
    // no rollup, and every acknowledged one is there.
    CHECK(store.integrity_check().empty());
    CHECK_FALSE(store.find_rating(kept->id));
    const StoreCounts counts = store.counts();
    CHECK(counts.ratings_total == static_cast<std::int64_t>(acknowledged.size()));
    CHECK(counts.pending_upload == counts.ratings_total);
    CHECK(store.aggregate({}).ratings == counts.ratings_total);
    for (const std::string& id : acknowledged) {
        REQUIRE(store.find_rating(id));
    }

    // Space returns: the kept rating saves, and so do the next ones.
    if (tiny.mounted()) {
        std::filesystem::remove(filler);
    } else {
        store.set_max_page_count(1000000);
    }
    CHECK(store.save_rating(*kept).id == kept->id);
    CHECK(store.save_rating(factory.next()).sequence > 0);
    CHECK(store.counts().ratings_total == counts.ratings_total + 2);
    {
        Store reopened(db, OpenOptions{.quick_check = true});
        CHECK(reopened.integrity_check().empty());
        CHECK(reopened.find_rating(kept->id));
    }
    WARN("disk-full drill ran on "
         << (tiny.mounted() ? "a 2 MiB tmpfs mount" : "max_page_count (mount not permitted)")
         << " after " << acknowledged.size() << " saved ratings");
}
