// The upload queue writes each rating's canonical JSON directly (rating_to_canonical_json); the
// server compares those bytes to decide duplicate or conflict, so they must be exactly what
// rating_to_json(rating).dump() writes, for every rating.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>
#include <string>

#include "core/rating.hpp"
#include "tests/sync/support/rating_factory.hpp"

using namespace motcua;

TEST_CASE("the direct canonical JSON equals nlohmann's dump for made ratings") {
    test::RatingFactory factory("kiosk-01", "000.00.24.H18", 5);
    for (int i = 0; i < 300; ++i) {
        const Rating rating = factory.next();
        REQUIRE(rating_to_canonical_json(rating) == rating_to_json(rating).dump());
    }
}

TEST_CASE("the direct canonical JSON escapes every text as nlohmann does") {
    test::RatingFactory factory("kiosk-01", "000.00.24.H18", 6);
    std::mt19937_64 random(3);
    // Quotes, backslashes, every control character, DEL, Vietnamese and a 4-byte character.
    std::vector<std::string> pieces = {
        "\"", "\\", "/", "\x7f", "\xc4\x90\xe1\xbb\x93ng", "\xf0\x9f\x98\x80", "plain"};
    for (char c = 0; c < 0x20; ++c) {
        pieces.emplace_back(1, c);
    }
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    const auto tricky = [&] {
        std::string text;
        for (int i = 0; i < 6; ++i) {
            text += pieces[pick(random)];
        }
        return text;
    };
    for (int i = 0; i < 200; ++i) {
        Rating rating = factory.next();
        rating.dossier_code = tricky();
        rating.official_id = tricky();
        rating.flags = {tricky(), tricky()};
        rating.utc_offset_minutes = -(i % 700);
        rating.sequence = i * 1000003LL;
        if (!rating.answers.empty()) {
            rating.answers.front().follow_ups = {tricky()};
            rating.answers.front().indicator = tricky();
            rating.answers.front().points.reset();
        }
        REQUIRE(rating_to_canonical_json(rating) == rating_to_json(rating).dump());
    }
    Rating empty = factory.next();
    empty.answers.clear();
    empty.flags.clear();
    empty.official_id.clear();
    CHECK(rating_to_canonical_json(empty) == rating_to_json(empty).dump());
}

TEST_CASE("a text that is not UTF-8 fails as nlohmann's dump fails") {
    test::RatingFactory factory("kiosk-01", "000.00.24.H18", 8);
    Rating rating = factory.next();
    rating.dossier_code = "bad \xc3\x28 byte";
    CHECK_THROWS_AS(rating_to_json(rating).dump(), nlohmann::json::type_error);
    CHECK_THROWS_AS(rating_to_canonical_json(rating), nlohmann::json::type_error);
}
