// RatingBulkSave: the same ratings saved one by one (the kiosk's path) and in bulk must leave
// identical rows in every table the save touches, byte for byte; a failure rolls back only what
// was not yet committed.

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

// Varied ratings: several days across a month end, officials (and nobody), stages, channels,
// skipped and not-applicable answers, follow-ups and flags.
std::vector<Rating> varied_ratings(int count) {
    std::mt19937 random(7);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    const std::vector<std::string> officials = {"cb01", "cb02", "", "cb03"};
    std::vector<Rating> ratings;
    for (int i = 0; i < count; ++i) {
        const std::string date = civil_from_days(days_from_civil("2024-01-29") + pick(6));
        Rating rating =
            sample_rating("B-" + std::to_string(i), kAllStages[pick(4)], date, pick(500));
        rating.official_id = officials[static_cast<std::size_t>(pick(4))];
        rating.channel = pick(4) == 0 ? Channel::paper : Channel::kiosk;
        rating.answers[0].points = pick(3) == 0 ? std::nullopt : std::optional<int>(pick(3));
        rating.answers[0].option_id = rating.answers[0].points
                                          ? "opt" + std::to_string(*rating.answers[0].points)
                                          : "no_result_yet";
        if (pick(3) == 0) {
            rating.answers.erase(rating.answers.begin() + 2);  // skipped
        }
        if (pick(5) == 0) {
            rating.answers.back().option_id = "yes";
            rating.flags = {"extra_payment"};
        }
        ratings.push_back(rating);
    }
    return ratings;
}

// Every row of `sql`, each as its columns quoted and joined.
std::vector<std::string> rows(RawDb& db, const std::string& sql) {
    std::vector<std::string> result;
    auto collect = [](void* out, int columns, char** values, char**) {
        std::string row;
        for (int i = 0; i < columns; ++i) {
            row += (values[i] ? values[i] : "NULL") + std::string("|");
        }
        static_cast<std::vector<std::string>*>(out)->push_back(row);
        return 0;
    };
    char* error = nullptr;
    if (sqlite3_exec(db.handle(), sql.c_str(), collect, &result, &error) != SQLITE_OK) {
        std::string message = error ? error : "?";
        sqlite3_free(error);
        throw std::runtime_error(message);
    }
    return result;
}

// Everything a save writes: ratings (every column, answers bytes included), the labels and
// choices they name, claims, the outbox, and the rollups.
const std::vector<std::string> kEverySavedRow = {
    "SELECT sequence, hex(id), dossier_code, stage, channel, official, form, form_version, "
    "created_utc, utc_offset_minutes, local_day, kiosk, unit, hex(answers) FROM ratings "
    "ORDER BY sequence",
    "SELECT * FROM claims ORDER BY dossier_code, stage",
    "SELECT * FROM labels ORDER BY id",
    "SELECT * FROM choices ORDER BY id",
    "SELECT * FROM outbox ORDER BY seq",
    "SELECT month, official, day, hex(counts) FROM rollups ORDER BY 1, 2, 3",
};

}  // namespace

TEST_CASE("a bulk save and one-by-one saves of the same ratings store identical rows",
          "[storage][bulk]") {
    TempDir dir;
    const std::vector<Rating> ratings = varied_ratings(400);
    {
        Store one_by_one(dir.file("single.db"));
        for (const Rating& rating : ratings) {
            one_by_one.save_rating(rating);
        }
    }
    {
        Store bulk_store(dir.file("bulk.db"));
        std::vector<Rating> copy = ratings;
        // Part through save_ratings, the rest through one bulk save committing every 37.
        bulk_store.save_ratings(std::span<Rating>(copy).first(50));
        RatingBulkSave bulk(bulk_store);
        for (std::size_t i = 50; i < copy.size(); ++i) {
            bulk.add(copy[i]);
            CHECK(copy[i].sequence == static_cast<std::int64_t>(i) + 1);
            if (bulk.uncommitted() == 37) {
                bulk.commit();
                CHECK(bulk.uncommitted() == 0);
            }
        }
        bulk.commit();
    }
    RawDb single(dir.file("single.db"));
    RawDb bulk(dir.file("bulk.db"));
    for (const std::string& sql : kEverySavedRow) {
        INFO(sql);
        const std::vector<std::string> want = rows(single, sql);
        CHECK_FALSE(want.empty());
        CHECK(rows(bulk, sql) == want);
    }
    CHECK(single.number("SELECT count(*) FROM ratings") == 400);
}

TEST_CASE("a failed bulk add rolls back only the uncommitted ratings", "[storage][bulk]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    std::vector<Rating> ratings = varied_ratings(30);
    RatingBulkSave bulk(store);
    for (int i = 0; i < 10; ++i) {
        bulk.add(ratings[static_cast<std::size_t>(i)]);
    }
    bulk.commit();
    for (int i = 10; i < 20; ++i) {
        bulk.add(ratings[static_cast<std::size_t>(i)]);
    }
    Rating second_for_dossier = sample_rating(ratings[0].dossier_code, ratings[0].stage);
    CHECK(error_kind_of([&] { bulk.add(second_for_dossier); }) == StoreErrorKind::duplicate_rating);
    CHECK(bulk.uncommitted() == 0);
    bulk.commit();  // nothing left to commit

    // A second connection saves in between; the bulk save's sequence follows it.
    Store other(dir.file("k.db"));
    other.save_rating(sample_rating("OTHER-1"));
    bulk.add(ratings[20]);
    bulk.commit();

    const StoreCounts counts = store.counts();
    CHECK(counts.ratings_total == 12);
    CHECK(counts.pending_upload == 12);
    CHECK(store.aggregate({}).ratings == 12);
    CHECK(store.find_rating(ratings[9].id));
    CHECK_FALSE(store.find_rating(ratings[15].id));
    CHECK_FALSE(store.is_rated(ratings[15].dossier_code, ratings[15].stage));
    CHECK(store.find_rating(ratings[20].id)->sequence == 12);
}
