// motcua demo-data: realistic, valid and deterministic for a seed.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "cli_harness.hpp"
#include "core/config.hpp"
#include "core/dossier_code.hpp"
#include "core/uuid.hpp"
#include "storage/store.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

std::vector<Rating> all_ratings(const std::filesystem::path& db) {
    Store store(db);
    return store.list_ratings(RatingFilter{"2000-01-01", "2100-01-01", std::nullopt});
}

ProcessResult demo(const std::filesystem::path& db, const std::string& seed) {
    return run_motcua({"demo-data", "--ratings", "1200", "--days", "14", "--seed", seed,
                       "--officials", "6", "--end-date", "2024-02-29"},
                      db);
}

}  // namespace

TEST_CASE("demo-data with the same seed writes the same ratings", "[cli][demo]") {
    TempDir dir;
    ProcessResult first = demo(dir / "a.db", "42");
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("Saved 1200 ratings from 2024-02-16 to 2024-02-29") != std::string::npos);
    REQUIRE(demo(dir / "b.db", "42").exit_code == 0);
    REQUIRE(demo(dir / "c.db", "43").exit_code == 0);

    std::vector<Rating> a = all_ratings(dir / "a.db");
    std::vector<Rating> b = all_ratings(dir / "b.db");
    std::vector<Rating> c = all_ratings(dir / "c.db");
    REQUIRE(a.size() == 1200);
    REQUIRE(b.size() == 1200);
    REQUIRE(c.size() == 1200);
    for (std::size_t i = 0; i < a.size(); ++i) {
        REQUIRE(rating_to_json(a[i]).dump() == rating_to_json(b[i]).dump());
    }
    std::size_t same = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        same += a[i].id == c[i].id ? 1 : 0;
    }
    CHECK(same == 0);
}

TEST_CASE("demo-data writes valid, varied ratings", "[cli][demo]") {
    TempDir dir;
    auto db = dir / "demo.db";
    REQUIRE(demo(db, "5").exit_code == 0);
    std::vector<Rating> ratings = all_ratings(db);
    REQUIRE(ratings.size() == 1200);
    Form form = default_form();
    DossierCodeValidator validator(default_config(db).dossier_code);

    std::set<std::string> ids;
    std::set<std::string> dates;
    std::set<std::string> officials;
    std::set<Stage> stages;
    std::set<std::string> options;
    std::size_t paper = 0;
    for (const auto& rating : ratings) {
        CHECK(is_uuid(rating.id));
        ids.insert(rating.id);
        DossierCodeResult code = validator.check(rating.dossier_code);
        CHECK(code.ok());
        CHECK(code.code == rating.dossier_code);
        // {unit}-{yyMMdd}-{NNNN}: the date in the code is the rating's day.
        std::string yymmdd = rating.local_date.substr(2, 2) + rating.local_date.substr(5, 2) +
                             rating.local_date.substr(8, 2);
        CHECK(rating.dossier_code.find("-" + yymmdd + "-") != std::string::npos);
        CHECK(rating.local_date >= "2024-02-16");
        CHECK(rating.local_date <= "2024-02-29");
        CHECK(rating.local_date == local_date(rating.created_utc, rating.utc_offset_minutes));
        CHECK(form.applies_to(rating.stage));
        CHECK(rating.form_id == form.id);
        dates.insert(rating.local_date);
        officials.insert(rating.official_id);
        stages.insert(rating.stage);
        paper += rating.channel == Channel::paper ? 1 : 0;
        for (const auto& answer : rating.answers) {
            options.insert(answer.question_id + "=" + answer.option_id);
        }
    }
    CHECK(ids.size() == ratings.size());
    CHECK(dates.size() >= 10);     // working days of two weeks at least
    CHECK(officials.size() == 7);  // six officials and nobody signed in
    CHECK(stages.size() ==
          std::min<std::size_t>(4, std::count_if(std::begin(kAllStages), std::end(kAllStages),
                                                 [&](Stage s) { return form.applies_to(s); })));
    CHECK(paper > 0);
    CHECK(paper < ratings.size() / 4);
    CHECK(options.size() > form.questions.size());  // more than one answer per question used

    Store store(db);
    auto cb01 = store.find_official("cb01");
    REQUIRE(cb01);
    CHECK(cb01->role == Role::supervisor);
    CHECK(is_valid_utf8(cb01->name));
    CHECK(to_nfc(cb01->name) == cb01->name);
    CHECK(store.check_pin("cb06", "1234"));

    // Mostly good: the best option of CS7-like questions (first in display order) dominates.
    Aggregates all = store.aggregate(RatingFilter{"2024-02-16", "2024-02-29", std::nullopt});
    ScoringProfile profile = default_scoring();
    for (const auto& [indicator, tally] : all.indicators) {
        const IndicatorDef* definition = profile.find_indicator(indicator);
        if (definition != nullptr && tally.count > 0) {
            CHECK(tally.sum / static_cast<double>(tally.count) > 0.5 * definition->max_points);
        }
    }
}

TEST_CASE("demo-data refuses a period that already has ratings", "[cli][demo]") {
    TempDir dir;
    auto db = dir / "demo.db";
    REQUIRE(demo(db, "1").exit_code == 0);
    ProcessResult again = demo(db, "2");
    CHECK(again.exit_code == 4);
    CHECK(again.err.find("already has ratings") != std::string::npos);
    CHECK(all_ratings(db).size() == 1200);
}
