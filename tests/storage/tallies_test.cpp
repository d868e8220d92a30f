// Tallies read rollups; this checks them against a brute-force recount of list_ratings over
// random data (fixed seed), with voids, several officials, stages, channels and form versions.

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <tuple>

#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

struct Option {
    std::string id;
    std::optional<int> points;
};
struct QuestionShape {
    std::string id;
    std::string indicator;
    std::vector<Option> options;
};

const std::vector<QuestionShape> kQuestions = {
    {"cs1", "CS1", {{"early", 2}, {"on_time", 1}, {"late", 0}, {"no_result_yet", std::nullopt}}},
    {"cs3", "CS3", {{"none", 2}, {"once", 1}, {"twice_or_more", 0}}},
    {"cs7", "CS7", {{"very_satisfied", 2}, {"satisfied", 1}, {"unhappy", 0}}},
    {"overall", "overall", {{"good", 2}, {"ok", 1}, {"bad", 0}}},
    {"extra_payment", "extra_payment", {{"yes", std::nullopt}, {"no", std::nullopt}}},
};
const std::vector<std::string> kOfficials = {"cb01", "cb02", "cb03", ""};

Rating random_rating(std::mt19937& random, int index) {
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };
    // 2024-01-25 to 2024-04-05: ranges below cross month ends (and a leap day).
    const std::string date =
        civil_from_days(days_from_civil("2024-01-25") + static_cast<std::int64_t>(pick(72)));
    Rating rating = sample_rating("P-" + date + "-" + std::to_string(index), kAllStages[pick(4)],
                                  date, static_cast<int>(pick(600)));
    rating.channel = pick(5) == 0 ? Channel::paper : Channel::kiosk;
    rating.official_id = kOfficials[pick(kOfficials.size())];
    rating.form_version = 1 + static_cast<int>(pick(2));
    rating.answers.clear();
    for (const QuestionShape& question : kQuestions) {
        if (pick(6) == 0) {
            continue;  // skipped
        }
        const Option& option = question.options[pick(question.options.size())];
        std::optional<int> points = option.points;
        if (rating.form_version == 2 && option.id == "on_time") {
            points = 2;  // a later form version may score the same answer differently
        }
        rating.answers.push_back(Answer{question.id, option.id, question.indicator, points, {}});
    }
    return rating;
}

using AnswerKey = std::tuple<std::string, std::string, std::string, std::optional<int>>;

struct Expected {
    std::int64_t ratings = 0;
    std::int64_t voided = 0;
    std::map<std::pair<Stage, Channel>, std::int64_t> by_stage_channel;
    std::map<AnswerKey, std::int64_t> answers;
    std::map<std::string, std::pair<double, std::int64_t>> indicators;
};

Expected recount(const std::vector<Rating>& live, std::int64_t voided) {
    Expected expected;
    expected.voided = voided;
    for (const Rating& rating : live) {
        ++expected.ratings;
        ++expected.by_stage_channel[{rating.stage, rating.channel}];
        for (const Answer& answer : rating.answers) {
            ++expected
                  .answers[{answer.question_id, answer.option_id, answer.indicator, answer.points}];
            if (answer.points) {
                expected.indicators[answer.indicator].first += *answer.points;
                ++expected.indicators[answer.indicator].second;
            }
        }
    }
    return expected;
}

void require_equal(const Aggregates& got, const Expected& want) {
    CHECK(got.ratings == want.ratings);
    CHECK(got.voided == want.voided);
    std::map<std::pair<Stage, Channel>, std::int64_t> by_stage_channel;
    for (const StageChannelCount& count : got.by_stage_channel) {
        CHECK(count.ratings > 0);
        by_stage_channel[{count.stage, count.channel}] += count.ratings;
    }
    CHECK(by_stage_channel == want.by_stage_channel);
    std::map<AnswerKey, std::int64_t> answers;
    for (const AnswerCount& count : got.answers) {
        CHECK(count.count > 0);
        answers[{count.question_id, count.option_id, count.indicator, count.points}] += count.count;
    }
    CHECK(answers == want.answers);
    std::map<std::string, std::pair<double, std::int64_t>> indicators;
    for (const auto& [indicator, tally] : got.indicators) {
        indicators[indicator] = {tally.sum, tally.count};
    }
    CHECK(indicators == want.indicators);
}

}  // namespace

TEST_CASE("tallies equal a brute-force recount of the ratings", "[storage][tallies]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    std::mt19937 random(20240305);
    std::vector<Rating> saved;
    std::vector<Rating> batch;
    for (int i = 0; i < 1200; ++i) {
        batch.push_back(random_rating(random, i));
        if (batch.size() == 60 || i % 97 == 0) {
            if (batch.size() == 1) {
                batch[0] = store.save_rating(batch[0]);
            } else {
                store.save_ratings(batch);
            }
            saved.insert(saved.end(), batch.begin(), batch.end());
            batch.clear();
        }
    }
    store.save_ratings(batch);
    saved.insert(saved.end(), batch.begin(), batch.end());

    std::set<std::string> voided_ids;
    for (int i = 0; i < 120; ++i) {
        const Rating& victim =
            saved[std::uniform_int_distribution<std::size_t>(0, saved.size() - 1)(random)];
        if (voided_ids.insert(victim.id).second) {
            store.void_rating(victim.id, "test void", "sup01", victim.created_utc + 1000);
        }
    }
    REQUIRE(voided_ids.size() > 50);

    auto voided_in = [&](const RatingFilter& filter) {
        std::int64_t count = 0;
        for (const Rating& rating : saved) {
            const bool in_range =
                (filter.from_date.empty() || rating.local_date >= filter.from_date) &&
                (filter.to_date.empty() || rating.local_date <= filter.to_date);
            const bool by_official =
                !filter.official_id || rating.official_id == *filter.official_id;
            count += in_range && by_official && voided_ids.count(rating.id) ? 1 : 0;
        }
        return count;
    };

    // Whole months come from month rollups, the days around them from day rollups: these
    // ranges cover months only, days only, days+months+days, open ends and empty periods.
    std::vector<RatingFilter> filters = {
        {},
        {"2024-02-01", "2024-02-29", {}},
        {"2024-02-01", "2024-03-31", {}},
        {"2024-01-28", "2024-04-02", {}},
        {"2024-02-10", "2024-03-20", {}},
        {"2024-02-29", "2024-02-29", {}},
        {"2024-03-04", "2024-03-06", {}},
        {"2024-01-31", "2024-03-01", {}},
        {"", "2024-02-15", {}},
        {"2024-03-31", "", {}},
        {"2024-03-01", "", {}},
        {"", "2024-02-29", {}},
        {"2024-05-01", "2024-05-31", {}},
        {"2023-01-01", "2023-12-31", {}},
    };
    for (const std::string& official : kOfficials) {
        filters.push_back({"", "", official});
        filters.push_back({"2024-01-30", "2024-03-06", official});
        filters.push_back({"2024-03-01", "2024-03-31", official});
    }
    for (const RatingFilter& filter : filters) {
        INFO("filter " << filter.from_date << ".." << filter.to_date << " official "
                       << (filter.official_id ? "'" + *filter.official_id + "'" : "(all)"));
        const std::vector<Rating> live = store.list_ratings(filter);
        for (const Rating& rating : live) {
            REQUIRE(voided_ids.count(rating.id) == 0);
        }
        require_equal(store.aggregate(filter), recount(live, voided_in(filter)));
    }

    for (const RatingFilter& period : {RatingFilter{}, RatingFilter{"2024-03-02", "2024-03-03", {}},
                                       RatingFilter{"2024-01-29", "2024-03-31", {}}}) {
        const std::map<std::string, Aggregates> by_official = store.aggregate_by_official(period);
        std::set<std::string> expected_officials;
        for (const Rating& rating : saved) {
            if ((period.from_date.empty() || rating.local_date >= period.from_date) &&
                (period.to_date.empty() || rating.local_date <= period.to_date)) {
                expected_officials.insert(rating.official_id);
            }
        }
        std::set<std::string> got_officials;
        for (const auto& [official, figures] : by_official) {
            got_officials.insert(official);
            RatingFilter one = period;
            one.official_id = official;
            INFO("official '" << official << "'");
            require_equal(figures, recount(store.list_ratings(one), voided_in(one)));
        }
        CHECK(got_officials == expected_officials);
    }

    const StoreCounts counts = store.counts();
    CHECK(counts.ratings_total == static_cast<std::int64_t>(saved.size()));
    CHECK(counts.voided == static_cast<std::int64_t>(voided_ids.size()));
    CHECK(counts.pending_upload == static_cast<std::int64_t>(saved.size() + voided_ids.size()));
}

TEST_CASE("an empty period has no figures, not zeros", "[storage][tallies]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    store.save_rating(sample_rating("Z-240305-0001"));
    const Aggregates none = store.aggregate({"2023-01-01", "2023-12-31", {}});
    CHECK(none.ratings == 0);
    CHECK(none.by_stage_channel.empty());
    CHECK(none.answers.empty());
    CHECK(none.indicators.empty());
    CHECK(store.aggregate_by_official({"2023-01-01", "2023-12-31", {}}).empty());
    CHECK(error_kind_of([&] {
              store.aggregate({"2024-13-01", "", {}});
          }) == StoreErrorKind::invalid);

    const Aggregates day = store.aggregate({"2024-03-05", "2024-03-05", {}});
    CHECK(day.ratings == 1);
    CHECK(day.indicators.count("extra_payment") == 0);  // no points: only in the distribution
    CHECK(day.indicators.at("CS7").count == 1);
    CHECK(day.indicators.at("CS7").sum == 0.0);
}
