// The demo-data generator on its own (no database).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "core/uuid.hpp"
#include "reporting/demo_data.hpp"
#include "reporting_fixtures.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

DemoDataOptions options(std::int64_t ratings, std::uint64_t seed) {
    DemoDataOptions demo;
    demo.ratings = ratings;
    demo.days = 10;
    demo.seed = seed;
    demo.officials = 3;
    demo.end_date = "2024-02-29";
    demo.kiosk_id = "demo-kiosk";
    demo.unit_code = "000.00.24.H18";
    demo.chunk_size = 333;
    return demo;
}

std::vector<Rating> generate(const Form& form, const DemoDataOptions& demo) {
    DemoRatingGenerator generator(form, demo);
    std::vector<Rating> all;
    std::vector<Rating> chunk;
    while (generator.next_chunk(chunk)) {
        CHECK(chunk.size() <= demo.chunk_size);
        all.insert(all.end(), chunk.begin(), chunk.end());
    }
    return all;
}

}  // namespace

TEST_CASE("the generator makes exactly the ratings asked for, in order", "[reporting][demo]") {
    Form form = small_form();
    std::vector<Rating> ratings = generate(form, options(2000, 9));
    REQUIRE(ratings.size() == 2000);

    std::map<std::string, std::int64_t> per_day;
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        const Rating& rating = ratings[i];
        CHECK(is_uuid(rating.id));
        CHECK(rating.local_date >= "2024-02-20");
        CHECK(rating.local_date <= "2024-02-29");
        std::int64_t sequence = ++per_day[rating.local_date];
        CHECK(rating.dossier_code ==
              demo_dossier_code("000.00.24.H18", rating.local_date, sequence));
        CHECK(form.applies_to(rating.stage));
        CHECK(rating.kiosk_id == "demo-kiosk");
        CHECK(rating.form_version == 3);
        CHECK(rating.local_date == local_date(rating.created_utc, rating.utc_offset_minutes));
        if (i > 0) {
            CHECK(ratings[i - 1].created_utc <= rating.created_utc);
        }
    }
    // Saturday and Sunday get fewer dossiers than weekdays.
    CHECK(per_day["2024-02-25"] < per_day["2024-02-26"]);  // Sunday vs Monday
    CHECK(demo_dossier_code("U", "2024-02-29", 7) == "U-240229-0007");
    CHECK(demo_dossier_code("U", "2024-02-29", 12345) == "U-240229-12345");
}

TEST_CASE("the generator is deterministic for a seed", "[reporting][demo]") {
    Form form = small_form();
    std::vector<Rating> a = generate(form, options(500, 1));
    std::vector<Rating> b = generate(form, options(500, 1));
    std::vector<Rating> c = generate(form, options(500, 2));
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(rating_to_json(a[i]).dump() == rating_to_json(b[i]).dump());
    }
    CHECK(rating_to_json(a[0]).dump() != rating_to_json(c[0]).dump());
}

TEST_CASE("the generator's answers are mostly good with some low ones", "[reporting][demo]") {
    Form form = small_form();
    std::vector<Rating> ratings = generate(form, options(5000, 3));
    std::map<std::string, int> attitude;
    int follow_ups = 0;
    int flags = 0;
    int paper = 0;
    int unattributed = 0;
    for (const auto& rating : ratings) {
        for (const auto& answer : rating.answers) {
            if (answer.question_id == "q_attitude") {
                ++attitude[answer.option_id];
                follow_ups += answer.follow_ups.empty() ? 0 : 1;
            }
        }
        flags += rating.flags.empty() ? 0 : 1;
        paper += rating.channel == Channel::paper ? 1 : 0;
        unattributed += rating.official_id.empty() ? 1 : 0;
    }
    CHECK(attitude["very"] > attitude["ok"]);
    CHECK(attitude["ok"] > attitude["bad"]);
    CHECK(attitude["bad"] > 0);
    CHECK(follow_ups > 0);
    CHECK(follow_ups <= attitude["bad"]);
    CHECK(flags > 0);
    CHECK(flags < 500);
    CHECK(paper > 0);
    CHECK(paper < 1000);
    CHECK(unattributed > 0);
    CHECK(unattributed < 1000);
}

TEST_CASE("the generator refuses options out of range", "[reporting][demo]") {
    Form form = small_form();
    DemoDataOptions bad = options(10, 1);
    bad.days = 0;
    CHECK_THROWS_AS(DemoRatingGenerator(form, bad), std::invalid_argument);
    bad = options(10, 1);
    bad.end_date = "2024-02-30";
    CHECK_THROWS_AS(DemoRatingGenerator(form, bad), std::invalid_argument);
    bad = options(10, 1);
    bad.officials = 0;
    CHECK_THROWS_AS(DemoRatingGenerator(form, bad), std::invalid_argument);
    bad = options(10, 1);
    bad.ratings_per_commit = 0;
    CHECK_THROWS_AS(DemoRatingGenerator(form, bad), std::invalid_argument);

    DemoRatingGenerator none(form, options(0, 1));
    std::vector<Rating> chunk;
    CHECK_FALSE(none.next_chunk(chunk));
    CHECK(chunk.empty());
}

TEST_CASE("demo officials have Vietnamese NFC names and the first is a supervisor",
          "[reporting][demo]") {
    auto officials = demo_officials(12);
    REQUIRE(officials.size() == 12);
    CHECK(officials[0].official.id == "cb01");
    CHECK(officials[11].official.id == "cb12");
    CHECK(officials[0].official.role == Role::supervisor);
    CHECK(officials[1].official.role == Role::official);
    std::set<std::string> names;
    for (const auto& demo : officials) {
        CHECK(to_nfc(demo.official.name) == demo.official.name);
        CHECK(demo.pin == std::string(kDemoPin));
        names.insert(demo.official.name);
    }
    CHECK(names.size() == 12);
}
