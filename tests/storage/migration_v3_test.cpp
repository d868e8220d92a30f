// The real version 2 -> 3 migration. A version 2 database is made the way the field made them:
// ratings and voids written the way version 1 writes them (rows, claims, queue items, day and
// month rollups) over several days, months and officials, then migrated by steps 1-2 only.
// After the version 3 migration every tally (each day, each month, ranges across month ends,
// per official) must equal a recount of the ratings, the upload queue must go on without
// reusing a seq, and a failed migration must leave the version 2 file exactly as it was.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <random>
#include <set>
#include <tuple>

#include "schema_history.hpp"
#include "storage/schema.hpp"
#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

const std::vector<std::string> kOfficials = {"cb01", "cb02", ""};
constexpr int kRatings = 150;
constexpr int kVoids = 20;

// A void as version 1 records it: the void, the freed claim, a queue item, and in both
// rollups one rating moved to voided and its answers taken away.
void void_as_v1(RawDb& raw, const Rating& rating, UtcMillis at) {
    const std::string stage(to_string(rating.stage));
    const std::string channel(to_string(rating.channel));
    raw.run("INSERT INTO voids VALUES (?1, 'nhập nhầm', 'cb01', ?2)", {rating.id, at});
    raw.run("DELETE FROM dossier_claims WHERE rating_id = ?1", {rating.id});
    raw.run("INSERT INTO outbox (kind, ref_id, created_utc) VALUES ('void', ?1, ?2)",
            {rating.id, at});
    for (const std::string prefix : {"day", "month"}) {
        const std::string period_column = prefix == "day" ? "local_date" : "month";
        const std::string period =
            prefix == "day" ? rating.local_date : rating.local_date.substr(0, 7);
        raw.run("UPDATE " + prefix + "_ratings SET ratings = ratings - 1, voided = voided + 1 " +
                    "WHERE " + period_column +
                    " = ?1 AND official_id = ?2 AND stage = ?3 AND channel = ?4",
                {period, rating.official_id, stage, channel});
        for (const Answer& answer : rating.answers) {
            raw.run(
                "UPDATE " + prefix + "_answers SET count = count - 1 WHERE " + period_column +
                    " = ?1 AND official_id = ?2 AND question_id = ?3 AND option_id = ?4 "
                    "AND indicator = ?5 AND has_points = ?6 AND points = ?7",
                {period, rating.official_id, answer.question_id, answer.option_id, answer.indicator,
                 std::int64_t{answer.points ? 1 : 0}, std::int64_t{answer.points.value_or(0)}});
        }
    }
}

Rating random_rating(std::mt19937& random, int index) {
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };
    // 2024-01-20 to 2024-03-10: three months, a leap day.
    const std::string date =
        civil_from_days(days_from_civil("2024-01-20") + static_cast<std::int64_t>(pick(51)));
    Rating rating = sample_rating("V3-" + std::to_string(index), kAllStages[pick(4)], date,
                                  static_cast<int>(pick(600)));
    rating.sequence = index + 1;
    rating.channel = pick(4) == 0 ? Channel::paper : Channel::kiosk;
    rating.official_id = kOfficials[pick(kOfficials.size())];
    if (pick(3) == 0) {
        rating.answers.pop_back();
    }
    if (pick(4) == 0 && !rating.answers.empty()) {
        rating.answers.front().points = std::nullopt;  // not applicable
        rating.answers.front().option_id = "no_result_yet";
    }
    return rating;
}

struct V2Database {
    std::vector<Rating> ratings;
    std::set<std::string> voided;  // rating ids
};

// Version 2, made by migrating version 1 rows with steps 1 and 2 only. The queue's last items
// were delivered (version 2 deleted their rows).
V2Database make_v2_database(const std::filesystem::path& path) {
    V2Database made;
    std::mt19937 random(20261128);
    {
        RawDb raw(path);
        REQUIRE(raw.exec(file_bytes(MOTCUA_SCHEMA_V1_SQL)).empty());
        REQUIRE(raw.exec("PRAGMA user_version = 1; BEGIN").empty());
        for (int i = 0; i < kRatings; ++i) {
            made.ratings.push_back(random_rating(random, i));
            insert_as_v1(raw, made.ratings.back(), made.ratings.back().sequence);
        }
        for (int i = 0; i < kVoids; ++i) {
            const Rating& rating = made.ratings[static_cast<std::size_t>(i * 7)];
            void_as_v1(raw, rating, morning_of("2024-03-11", i));
            made.voided.insert(rating.id);
        }
        REQUIRE(raw.exec("COMMIT").empty());
    }
    {
        sqlite::Connection db(path, false);
        sqlite::migrate(db, sqlite::schema_migrations().first(2));
        REQUIRE(sqlite::user_version(db) == 2);
    }
    RawDb raw(path);
    REQUIRE(raw.exec("DELETE FROM outbox WHERE seq > 160").empty());
    REQUIRE(raw.number("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'") ==
            kRatings + kVoids);
    return made;
}

using AnswerKey = std::tuple<std::string, std::string, std::string, std::optional<int>>;

// The figures of a tally, as text lines, for comparing a tally with a recount.
std::vector<std::string> lines(const Aggregates& figures) {
    std::vector<std::string> out = {"ratings " + std::to_string(figures.ratings),
                                    "voided " + std::to_string(figures.voided)};
    for (const StageChannelCount& count : figures.by_stage_channel) {
        out.push_back(std::string(to_string(count.stage)) + "/" +
                      std::string(to_string(count.channel)) + " " + std::to_string(count.ratings));
    }
    for (const AnswerCount& answer : figures.answers) {
        out.push_back(answer.question_id + "/" + answer.option_id + "/" + answer.indicator + "/" +
                      (answer.points ? std::to_string(*answer.points) : "-") + " " +
                      std::to_string(answer.count));
    }
    return out;
}

std::vector<std::string> recount(const V2Database& made, const std::string& from,
                                 const std::string& to,
                                 const std::optional<std::string>& official) {
    std::int64_t ratings = 0;
    std::int64_t voided = 0;
    std::map<std::pair<Stage, Channel>, std::int64_t> by_stage_channel;
    std::map<AnswerKey, std::int64_t> answers;
    for (const Rating& rating : made.ratings) {
        if (rating.local_date < from || rating.local_date > to ||
            (official && rating.official_id != *official)) {
            continue;
        }
        if (made.voided.count(rating.id) != 0) {
            ++voided;
            continue;
        }
        ++ratings;
        ++by_stage_channel[{rating.stage, rating.channel}];
        for (const Answer& answer : rating.answers) {
            ++answers[AnswerKey{answer.question_id, answer.option_id, answer.indicator,
                                answer.points}];
        }
    }
    std::vector<std::string> out = {"ratings " + std::to_string(ratings),
                                    "voided " + std::to_string(voided)};
    for (const auto& [key, count] : by_stage_channel) {
        out.push_back(std::string(to_string(key.first)) + "/" + std::string(to_string(key.second)) +
                      " " + std::to_string(count));
    }
    for (const auto& [key, count] : answers) {
        const auto& [question, option, indicator, points] = key;
        out.push_back(question + "/" + option + "/" + indicator + "/" +
                      (points ? std::to_string(*points) : "-") + " " + std::to_string(count));
    }
    return out;
}

}  // namespace

TEST_CASE("version 2 -> 3 keeps every tally, and the queue never reuses a seq",
          "[storage][migrations]") {
    TempDir dir;
    const auto path = dir.file("v2.db");
    const V2Database made = make_v2_database(path);
    std::vector<std::string> v2_rollup_total;
    {
        RawDb raw(path);
        // Version 2's own figures agree with the recount this test compares version 3 with.
        v2_rollup_total =
            raw.column("SELECT sum(ratings) || ' ' || sum(voided) FROM month_ratings");
        REQUIRE(v2_rollup_total == std::vector<std::string>{std::to_string(kRatings - kVoids) +
                                                            " " + std::to_string(kVoids)});
    }

    Store store(path);
    CHECK(store.schema_version() == 3);
    CHECK(store.integrity_check().empty());
    {
        RawDb raw(path);
        CHECK(raw.number("SELECT count(*) FROM sqlite_schema WHERE name IN ('day_ratings', "
                         "'day_answers', 'month_ratings', 'month_answers', 'v2_outbox', "
                         "'outbox_pending_by_age')") == 0);
        CHECK(raw.number("SELECT count(*) FROM rollups") > 0);
    }

    std::vector<std::pair<std::string, std::string>> ranges = {
        {"", ""},                      // everything
        {"2024-01-01", "2024-12-31"},  // a year
        {"2024-02-01", "2024-02-29"},  // a whole month
        {"2024-01-25", "2024-02-10"},  // across a month end
        {"2024-01-31", "2024-03-01"},  // edge days around a whole month
        {"", "2024-02-15"},            // open start
        {"2024-02-29", ""},            // open end, from a leap day
    };
    for (int day = 0; day < 51; ++day) {
        const std::string date = civil_from_days(days_from_civil("2024-01-20") + day);
        ranges.emplace_back(date, date);
    }
    for (const auto& [from, to] : ranges) {
        const std::string low = from.empty() ? "0000-00-00" : from;
        const std::string high = to.empty() ? "9999-99-99" : to;
        INFO("range " << from << " .. " << to);
        CHECK(lines(store.aggregate(RatingFilter{from, to, std::nullopt})) ==
              recount(made, low, high, std::nullopt));
        const std::map<std::string, Aggregates> by_official =
            store.aggregate_by_official(RatingFilter{from, to, std::nullopt});
        for (const std::string& official : kOfficials) {
            INFO("official '" << official << "'");
            const std::vector<std::string> expected = recount(made, low, high, official);
            CHECK(lines(store.aggregate(RatingFilter{from, to, official})) == expected);
            const auto found = by_official.find(official);
            if (found != by_official.end()) {
                CHECK(lines(found->second) == expected);
            } else {
                CHECK(expected == std::vector<std::string>{"ratings 0", "voided 0"});
            }
        }
    }
    const StoreCounts counts = store.counts();
    CHECK(counts.ratings_total == kRatings);
    CHECK(counts.voided == kVoids);
    CHECK(counts.pending_upload == 160);

    // Seqs 161-170 were delivered: known (invalid, not not_found), and never given again.
    CHECK(error_kind_of([&] { store.mark_quarantined(165, "late", morning_of("2024-03-12")); }) ==
          StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.mark_quarantined(171, "none", morning_of("2024-03-12")); }) ==
          StoreErrorKind::not_found);
    store.save_rating(sample_rating("V3-NEW", Stage::intake, "2024-03-12"));
    CHECK(store.pending_items(1000).back().seq == kRatings + kVoids + 1);
    CHECK(store.aggregate(RatingFilter{"2024-03-12", "2024-03-12", std::nullopt}).ratings == 1);
}

TEST_CASE("a failed version 2 -> 3 migration leaves the version 2 file exactly as it was",
          "[storage][migrations]") {
    TempDir dir;
    const auto path = dir.file("v2.db");
    make_v2_database(path);

    SECTION("a rollup row naming an unknown stage") {
        {
            RawDb raw(path);
            REQUIRE(raw.exec("UPDATE day_ratings SET stage = 'lunch' WHERE (local_date, "
                             "official_id, stage, channel) = (SELECT local_date, official_id, "
                             "stage, channel FROM day_ratings ORDER BY 1, 2, 3, 4 LIMIT 1)")
                        .empty());
        }
        CHECK_THAT(corrupt_migration_message(path),
                   Catch::Contains("lunch") && Catch::Contains("version 2 file is unchanged"));
    }
    SECTION("the disk is full") {
        {
            RawDb raw(path);
            REQUIRE(raw.exec("VACUUM").empty());  // no free pages left from version 2's step
        }
        const std::vector<std::string> before = everything(path);
        {
            sqlite::Connection db(path, false);
            const std::int64_t pages = db.query_int("PRAGMA page_count", "test");
            // No room for another page: the step frees pages (the old rollups, the outbox's
            // index) only after it needs new ones.
            db.query_int("PRAGMA max_page_count = " + std::to_string(pages), "test");
            CHECK(error_kind_of([&] { sqlite::migrate(db, sqlite::schema_migrations()); }) ==
                  StoreErrorKind::disk_full);
            CHECK(sqlite::user_version(db) == 2);
        }
        CHECK(everything(path) == before);
        Store store(path);
        CHECK(store.schema_version() == 3);
        CHECK(store.counts().ratings_total == kRatings);
    }
}
