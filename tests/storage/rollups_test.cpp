// The rollup row's counts blob (schema 3): what is encoded reads back, and a blob or a count
// that cannot be right is refused as corrupt instead of giving a wrong tally.

#include <catch2/catch.hpp>

#include "storage/rollups.hpp"
#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

TEST_CASE("rollup counts read back exactly as written", "[storage][rollups]") {
    TempDir dir;
    sqlite::Connection db(dir.file("blob.db"), true);
    sqlite::RollupCounts counts;
    counts.ratings[0][0] = 3;
    counts.ratings[3][1] = 1'000'000'000'000;  // wider than one LEB128 byte many times over
    counts.voided[2][0] = 127;
    counts.voided[2][1] = 128;
    counts.answers = {0, 5, 0, 0, 300, 0};  // sparse: only non-zero counts are written
    const std::string blob = sqlite::encode_rollup_counts(counts);

    const sqlite::RollupCounts back = sqlite::decode_rollup_counts(db, blob, "test");
    for (int stage = 0; stage < sqlite::RollupCounts::kStages; ++stage) {
        for (int channel = 0; channel < sqlite::RollupCounts::kChannels; ++channel) {
            CHECK(back.ratings[stage][channel] == counts.ratings[stage][channel]);
            CHECK(back.voided[stage][channel] == counts.voided[stage][channel]);
        }
    }
    CHECK(back.answers == std::vector<std::int64_t>{0, 5, 0, 0, 300});
    CHECK(sqlite::encode_rollup_counts(back) == blob);

    // Cut short, or answers out of order: not a blob encode_rollup_counts makes.
    CHECK(error_kind_of([&] { sqlite::decode_rollup_counts(db, blob.substr(0, 10), "test"); }) ==
          StoreErrorKind::corrupt);
    CHECK(error_kind_of([&] { sqlite::decode_rollup_counts(db, blob + "\x80", "test"); }) ==
          StoreErrorKind::corrupt);
    std::string unordered = sqlite::encode_rollup_counts(sqlite::RollupCounts{});
    unordered += std::string("\x04\x01\x01\x01", 4);  // choice 4, then choice 1
    CHECK(error_kind_of([&] { sqlite::decode_rollup_counts(db, unordered, "test"); }) ==
          StoreErrorKind::corrupt);
}

TEST_CASE("a damaged rollup row fails the tally or the void, never gives a wrong figure",
          "[storage][rollups]") {
    TempDir dir;
    const auto path = dir.file("k.db");
    Store store(path);
    const Rating rating = store.save_rating(sample_rating("R-1", Stage::intake, "2024-03-05"));
    REQUIRE(store.aggregate(RatingFilter{"2024-03-05", "2024-03-05", std::nullopt}).ratings == 1);

    SECTION("a blob that does not decode") {
        {
            RawDb raw(path);
            REQUIRE(raw.exec("UPDATE rollups SET counts = x'ff' WHERE day = 5").empty());
        }
        CHECK(error_kind_of([&] {
                  store.aggregate(RatingFilter{"2024-03-05", "2024-03-05", std::nullopt});
              }) == StoreErrorKind::corrupt);
    }
    SECTION("counts a void would take below zero") {
        {
            RawDb raw(path);
            REQUIRE(raw.exec("UPDATE rollups SET counts = x'" + std::string(32, '0') + "'")
                        .empty());  // sixteen zero counts, no answers
        }
        CHECK(error_kind_of([&] {
                  store.void_rating(rating.id, "nhập nhầm", "cb01", morning_of("2024-03-06"));
              }) == StoreErrorKind::corrupt);
        CHECK_FALSE(store.find_void(rating.id));  // the whole void was rolled back
        CHECK(store.is_rated(rating.dossier_code, rating.stage));
    }
}
