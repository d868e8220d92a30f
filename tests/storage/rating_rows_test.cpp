// Schema 2's compact rating rows: every field of a rating, follow-ups, flags and missing points
// included, reads back exactly (same canonical JSON bytes), and the direct check a save makes
// accepts and refuses exactly what the canonical JSON reader does, with the same words.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>

#include "storage/rating_check.hpp"
#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

// What rating_from_json says about the rating's canonical JSON (nullopt: it accepts it).
std::optional<std::string> reader_problem(const Rating& rating) {
    try {
        rating_from_json(rating_to_json(rating));
    } catch (const std::exception& error) {
        return std::string(error.what());
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("every field of a rating reads back from its compact row exactly", "[storage][rows]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    std::vector<Rating> saved;
    for (int i = 0; i < 40; ++i) {
        Rating rating =
            sample_rating("R-" + std::to_string(i), kAllStages[i % 4], "2024-03-05", i * 3);
        rating.channel = i % 3 == 0 ? Channel::paper : Channel::kiosk;
        rating.official_id = i % 5 == 0 ? "" : "cán-bộ-" + std::to_string(i % 4);
        rating.form_id = i % 2 == 0 ? "dien-bien-phieu-4" : "phiếu-khác";
        rating.form_version = 1 + i % 7;
        rating.utc_offset_minutes = i % 2 == 0 ? 420 : -720 + i;
        rating.local_date = local_date(rating.created_utc, rating.utc_offset_minutes);
        rating.kiosk_id = "kiosk-" + std::to_string(i % 2);
        rating.unit_code = i % 4 == 0 ? "000.00.24.H18" : "Đơn vị \"X\" 'Y'";
        rating.answers[0].points = i % 3 == 0 ? std::nullopt : std::optional<int>(i % 101);
        rating.answers[1].follow_ups =
            i % 2 == 0 ? std::vector<std::string>{"slow", "rude", "z"} : std::vector<std::string>{};
        if (i % 4 == 1) {
            rating.answers.clear();
        }
        if (i % 3 == 1) {
            rating.flags = {"extra_payment", "khác"};
        }
        saved.push_back(store.save_rating(rating));
    }
    Store reopened(dir.file("k.db"));
    for (const Rating& rating : saved) {
        const std::optional<Rating> found = reopened.find_rating(rating.id);
        REQUIRE(found);
        CHECK(rating_to_json(*found).dump() == rating_to_json(rating).dump());
    }
    CHECK(reopened.list_ratings({}).size() == saved.size());
    CHECK(reopened.pending_items(100).at(7).payload == rating_to_json(saved[7]).dump());
    CHECK(reopened.list_ratings(RatingFilter{"", "", std::string("cán-bộ-1")}).size() == 8);
    CHECK(reopened.list_ratings(RatingFilter{"", "", std::string("nobody")}).empty());
    CHECK_FALSE(reopened.find_rating("not-a-uuid"));
}

TEST_CASE("the direct check of a save matches the canonical JSON reader", "[storage][rows]") {
    const std::vector<std::pair<const char*, std::function<void(Rating&)>>> changes = {
        {"good as it is", [](Rating&) {}},
        {"upper-case id", [](Rating& r) { r.id[0] = 'A'; }},
        {"short id", [](Rating& r) { r.id = "1234"; }},
        {"empty dossier", [](Rating& r) { r.dossier_code.clear(); }},
        {"control character", [](Rating& r) { r.dossier_code += '\n'; }},
        {"bad UTF-8", [](Rating& r) { r.official_id = "\xC3"; }},
        {"long text", [](Rating& r) { r.kiosk_id = std::string(257, 'k'); }},
        {"256 bytes is fine", [](Rating& r) { r.kiosk_id = std::string(256, 'k'); }},
        {"empty official is fine", [](Rating& r) { r.official_id.clear(); }},
        {"empty form", [](Rating& r) { r.form_id.clear(); }},
        {"form version 0", [](Rating& r) { r.form_version = 0; }},
        {"points 101", [](Rating& r) { r.answers[0].points = 101; }},
        {"points -1", [](Rating& r) { r.answers[0].points = -1; }},
        {"points 100", [](Rating& r) { r.answers[0].points = 100; }},
        {"question twice", [](Rating& r) { r.answers[1].question_id = r.answers[0].question_id; }},
        {"empty option", [](Rating& r) { r.answers[2].option_id.clear(); }},
        {"empty indicator", [](Rating& r) { r.answers[2].indicator.clear(); }},
        {"follow-up twice",
         [](Rating& r) {
             r.answers[1].follow_ups = {"a", "a"};
         }},
        {"empty follow-up", [](Rating& r) { r.answers[1].follow_ups = {""}; }},
        {"flag twice",
         [](Rating& r) {
             r.flags = {"x", "x"};
         }},
        {"offset too far", [](Rating& r) { r.utc_offset_minutes = 841; }},
        {"offset too far back", [](Rating& r) { r.utc_offset_minutes = -721; }},
        {"wrong local date", [](Rating& r) { r.local_date = "2024-03-06"; }},
        {"not a date", [](Rating& r) { r.local_date = "2024-02-30"; }},
        {"negative sequence", [](Rating& r) { r.sequence = -1; }},
        {"empty unit", [](Rating& r) { r.unit_code.clear(); }},
        {"empty kiosk", [](Rating& r) { r.kiosk_id.clear(); }},
    };
    for (const auto& [name, change] : changes) {
        INFO(name);
        Rating rating = sample_rating("C-1");
        change(rating);
        CHECK(storage_detail::rating_problem(rating) == reader_problem(rating));
    }
    TempDir dir;
    Store store(dir.file("k.db"));
    Rating bad = sample_rating("C-2");
    bad.answers[0].points = 101;
    try {
        store.save_rating(bad);
        FAIL("saved a rating the reader refuses");
    } catch (const StoreError& error) {
        CHECK(error.kind() == StoreErrorKind::invalid);
        CHECK_THAT(error.what(),
                   Catch::Contains("rating.answers[0].points: 101 is outside 0..100"));
    }
    CHECK(store.counts().ratings_total == 0);
}
