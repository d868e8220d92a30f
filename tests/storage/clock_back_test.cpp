// A kiosk clock that jumps back: the save still succeeds and keeps sequence order, and the store
// records the jump (state "clock.back_jump_utc" and an audit entry) in the same transaction.

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

std::vector<AuditEntry> clock_entries(Store& store) {
    std::vector<AuditEntry> found;
    for (const AuditEntry& entry : store.list_audit(0, 9'000'000'000'000)) {
        if (entry.action == "clock_back") {
            found.push_back(entry);
        }
    }
    return found;
}

}  // namespace

TEST_CASE("a save more than 2 minutes before the previous one is kept and recorded",
          "[storage][clock]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    const Rating first = store.save_rating(sample_rating("K-1", Stage::intake, "2024-03-05", 60));
    // 2 minutes back exactly: an ordinary clock correction, not recorded.
    Rating small = sample_rating("K-2", Stage::intake, "2024-03-05", 58);
    store.save_rating(small);
    CHECK_FALSE(store.get_state("clock.back_jump_utc"));
    CHECK(clock_entries(store).empty());

    // An hour back from the previous rating (K-2).
    Rating back = store.save_rating(sample_rating("K-3", Stage::intake, "2024-03-05", -2));
    CHECK(back.sequence == first.sequence + 2);
    CHECK(store.get_state("clock.back_jump_utc") == format_utc_iso8601(back.created_utc));
    const std::vector<AuditEntry> entries = clock_entries(store);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].actor == "system");
    CHECK(entries[0].subject == back.id);
    CHECK(entries[0].at_utc == back.created_utc);
    CHECK(entries[0].detail == "from " + format_utc_iso8601(small.created_utc) + " to " +
                                   format_utc_iso8601(back.created_utc));
    // Ordering stays by sequence.
    const std::vector<Rating> listed = store.list_ratings({});
    REQUIRE(listed.size() == 3);
    CHECK(listed.back().id == back.id);

    SECTION("a second store on the file compares with the last saved rating") {
        Store other(dir.file("k.db"));
        other.save_rating(sample_rating("K-4", Stage::intake, "2024-03-04"));
        CHECK(clock_entries(other).size() == 2);
        CHECK(other.get_state("clock.back_jump_utc") ==
              format_utc_iso8601(morning_of("2024-03-04")));
    }
    SECTION("a jump inside a bulk save that fails is not recorded") {
        std::vector<Rating> batch = {sample_rating("K-5", Stage::intake, "2024-03-01"),
                                     sample_rating("K-1")};  // duplicate dossier: all fail
        CHECK(error_kind_of([&] { store.save_ratings(batch); }) ==
              StoreErrorKind::duplicate_rating);
        CHECK(clock_entries(store).size() == 1);
        CHECK(store.get_state("clock.back_jump_utc") == format_utc_iso8601(back.created_utc));
    }
}
