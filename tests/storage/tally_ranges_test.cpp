// Tally ranges at their edges: open ends, the last representable day (9999-12-31), year and
// month boundaries, leap days. Each range's rollup figures must equal a recount of the
// ratings list_ratings returns for the same range (a plain date comparison on the ratings).

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

// The days ratings are made on: both sides of year ends, a leap day, mid-month days and the
// last days a date can name.
const std::vector<std::string> kDays = {
    "1970-01-02", "2023-12-01", "2023-12-31", "2024-01-01", "2024-01-15",
    "2024-02-29", "2024-03-01", "2024-12-31", "2025-01-01", "9999-11-30",
    "9999-12-01", "9999-12-15", "9999-12-31",
};

struct Recount {
    std::int64_t ratings = 0;
    std::int64_t answers = 0;
};

Recount recount(Store& store, const RatingFilter& filter) {
    Recount result;
    for (const Rating& rating : store.list_ratings(filter)) {
        ++result.ratings;
        result.answers += static_cast<std::int64_t>(rating.answers.size());
    }
    return result;
}

std::int64_t answers_in(const Aggregates& figures) {
    std::int64_t total = 0;
    for (const AnswerCount& count : figures.answers) {
        total += count.count;
    }
    return total;
}

}  // namespace

TEST_CASE("tallies over open-ended ranges, year ends and 9999-12-31 equal a recount",
          "[storage][tallies]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    int number = 0;
    std::vector<std::string> voided_ids;
    for (const std::string& day : kDays) {
        for (int i = 0; i < 2; ++i) {
            const Rating saved = store.save_rating(
                sample_rating("R-" + std::to_string(++number), Stage::intake, day, i));
            REQUIRE(saved.local_date == day);
            if (i == 1 && day.substr(5) == "12-31") {
                voided_ids.push_back(saved.id);
                store.void_rating(saved.id, "typed twice", "cb01", saved.created_utc + 1000);
            }
        }
    }

    const std::vector<std::pair<std::string, std::string>> ranges = {
        {"", ""},
        {"", "9999-12-31"},
        {"2024-01-01", "9999-12-31"},
        {"9999-12-01", "9999-12-31"},
        {"9999-12-15", "9999-12-31"},
        {"9999-12-31", "9999-12-31"},
        {"9999-12-31", ""},
        {"9999-11-15", ""},
        {"9999-12-02", "9999-12-30"},
        {"", "2023-12-31"},
        {"0000-01-01", "1970-01-02"},
        {"0000-01-01", ""},
        {"0000-01-15", "0000-02-10"},
        {"2023-12-31", "2024-01-01"},
        {"2023-12-15", "2025-01-15"},
        {"2023-12-01", "2024-12-31"},
        {"2024-01-01", "2024-12-31"},
        {"2024-02-29", "2024-03-01"},
        {"2024-02-01", "2024-02-29"},
        {"2024-12-31", "2025-01-01"},
    };
    for (const auto& [from, to] : ranges) {
        INFO("range " << (from.empty() ? "(open)" : from) << " .. "
                      << (to.empty() ? "(open)" : to));
        const RatingFilter filter{from, to, std::nullopt};
        const Recount want = recount(store, filter);
        const Aggregates got = store.aggregate(filter);
        CHECK(got.ratings == want.ratings);
        CHECK(answers_in(got) == want.answers);
        std::int64_t by_official = 0;
        for (const auto& [official, figures] : store.aggregate_by_official(filter)) {
            by_official += figures.ratings;
        }
        CHECK(by_official == want.ratings);
    }

    // Every voided rating was made on a 31 December; open ranges see them all.
    CHECK(store.aggregate({"", "", std::nullopt}).voided ==
          static_cast<std::int64_t>(voided_ids.size()));
    CHECK(store.aggregate({"9999-12-31", "9999-12-31", std::nullopt}).voided == 1);
    CHECK(store.aggregate({"2024-01-01", "2024-12-30", std::nullopt}).voided == 0);
    CHECK(store.aggregate({"", "", std::nullopt}).ratings ==
          static_cast<std::int64_t>(2 * kDays.size() - voided_ids.size()));
}
