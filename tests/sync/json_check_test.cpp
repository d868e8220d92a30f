// The uploader's JSON object check must answer exactly as nlohmann::json::accept (plus "is an
// object") does: a payload it lets through must never make a batch unreadable to the server,
// and a sound one must never be set aside.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/rating.hpp"
#include "sync/json_check.hpp"
#include "tests/sync/support/rating_factory.hpp"

using namespace motcua;

namespace {

bool accepted_by_nlohmann(const std::string& text) {
    if (!nlohmann::json::accept(text)) {
        return false;
    }
    return nlohmann::json::parse(text).is_object();
}

}  // namespace

TEST_CASE("the JSON object check agrees with nlohmann on hand-picked texts") {
    const std::vector<std::string> texts = {
        R"({})",
        R"( { "a" : [1, -2.5e+3, 0, 0.1, true, false, null, "x"] } )",
        R"({"nested":{"deep":[[[{}]]]}})",
        R"({"escapes":"\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00"})",
        "{\"utf8\":\"\xc4\x90\xe1\xbb\x93ng \xc3\xbd\"}",
        R"({"lone high":"\ud83d"})",
        R"({"lone low":"\ude00"})",
        R"({"bad escape":"\x"})",
        R"({"short unicode":"\u12"})",
        "{\"control\":\"a\tb\"}",
        "{\"bad utf8\":\"\xc3\x28\"}",
        "{\"overlong\":\"\xc0\xaf\"}",
        "{\"surrogate in utf8\":\"\xed\xa0\x80\"}",
        R"({"leading zero":01})",
        R"({"minus zero":-0})",
        R"({"bare minus":-})",
        R"({"dot":1.})",
        R"({"exp":1e})",
        R"({"plus":+1})",
        R"({"trailing comma":[1,2,]})",
        R"({"a":1,})",
        R"({"a" 1})",
        R"({1:2})",
        R"({"a":tru})",
        R"({"a":nul})",
        R"({"a":1}})",
        R"({"a":1} x)",
        R"({"a":1)",
        R"([1,2])",
        R"("text")",
        "",
        "   ",
        R"({"a":[)",
        R"({"a":"unterminated})",
    };
    for (const std::string& text : texts) {
        INFO(text);
        CHECK(is_json_object(text) == accepted_by_nlohmann(text));
    }
}

TEST_CASE("nesting deeper than the limit is refused") {
    // An object holding `arrays` nested arrays is arrays + 1 levels deep.
    const auto nested = [](std::size_t arrays) {
        return "{\"a\":" + std::string(arrays, '[') + std::string(arrays, ']') + "}";
    };
    CHECK(is_json_object(nested(kMaxJsonDepth - 1)));
    CHECK_FALSE(is_json_object(nested(kMaxJsonDepth)));
}

TEST_CASE("every damage to a stored rating is judged as nlohmann judges it") {
    test::RatingFactory factory("kiosk-01", "000.00.24.H18", 7);
    std::mt19937_64 random(11);
    const std::string alphabet = "{}[]\",:\\0123456789-+.eEtrufalsn \x01\xc3\xa9";
    int agreed_valid = 0;
    int agreed_invalid = 0;
    for (int round = 0; round < 400; ++round) {
        std::string text = rating_to_json(factory.next()).dump();
        REQUIRE(is_json_object(text));
        std::uniform_int_distribution<std::size_t> position(0, text.size() - 1);
        std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1);
        switch (round % 3) {
            case 0:
                text[position(random)] = alphabet[letter(random)];
                break;
            case 1:
                text.erase(position(random), 1);
                break;
            case 2:
                text.resize(position(random));
                break;
        }
        INFO(text);
        const bool expected = accepted_by_nlohmann(text);
        REQUIRE(is_json_object(text) == expected);
        ++(expected ? agreed_valid : agreed_invalid);
    }
    // Both kinds of answer were exercised.
    CHECK(agreed_valid > 10);
    CHECK(agreed_invalid > 100);
}
