#include <catch2/catch.hpp>

#include <functional>
#include <nlohmann/json.hpp>

#include "core/rating.hpp"
#include "core/uuid.hpp"

using namespace motcua;
using nlohmann::json;

namespace {

const Form& shipped_form() {
    static const Form form =
        load_form_file(std::string(MOTCUA_TEST_ASSETS) + "/forms/dienbien-phieu4.json");
    return form;
}

std::vector<Choice> full_choices() {
    return {{"cs1", "no_result_yet", {}},
            {"cs3", "once", {}},
            {"cs4", "none", {}},
            {"cs6", "both", {}},
            {"cs7", "not_satisfied", {"unfriendly", "many_trips"}},
            {"overall", "satisfied", {}},
            {"extra_payment", "yes", {}}};
}

Rating sample_rating() {
    Rating rating;
    rating.id = make_uuid_v4();
    rating.dossier_code = "000.00.24.H18-221228-0001";
    rating.channel = Channel::kiosk;
    rating.official_id = "cb01";
    fill_answers(shipped_form(), Stage::result_return, full_choices(), rating);
    REQUIRE(parse_utc_iso8601("2022-12-27T17:30:00.125Z", rating.created_utc));
    rating.utc_offset_minutes = 420;
    rating.local_date = local_date(rating.created_utc, rating.utc_offset_minutes);
    rating.sequence = 42;
    rating.kiosk_id = "DB-STP-01";
    rating.unit_code = "000.00.24.H18";
    return rating;
}

std::string fill_error(Stage stage, const std::vector<Choice>& choices) {
    Rating rating;
    try {
        fill_answers(shipped_form(), stage, choices, rating);
    } catch (const FormError& error) {
        return error.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("fill_answers copies indicators and points and raises flags", "[rating]") {
    const Rating rating = sample_rating();
    CHECK(rating.form_id == "dienbien-phieu4");
    CHECK(rating.form_version == 1);
    CHECK(rating.stage == Stage::result_return);
    REQUIRE(rating.answers.size() == 7);
    CHECK(rating.answers[0].indicator == "CS1");
    CHECK_FALSE(rating.answers[0].points.has_value());  // "no result yet": not applicable
    CHECK(rating.answers[1].points == 1);
    CHECK(rating.answers[4].follow_ups == std::vector<std::string>{"unfriendly", "many_trips"});
    CHECK(rating.answers[6].indicator == "extra_payment");
    CHECK_FALSE(rating.answers[6].points.has_value());
    CHECK(rating.flags == std::vector<std::string>{"extra_payment"});

    std::vector<Choice> choices = full_choices();
    choices[6].option_id = "no";
    Rating no_flag;
    fill_answers(shipped_form(), Stage::intake, choices, no_flag);
    CHECK(no_flag.flags.empty());
    choices.pop_back();  // the payment question may be skipped
    fill_answers(shipped_form(), Stage::intake, choices, no_flag);
    CHECK(no_flag.answers.size() == 6);
}

TEST_CASE("fill_answers refuses choices the form does not allow, naming the question", "[rating]") {
    struct Case {
        const char* name;
        std::function<void(std::vector<Choice>&)> change;
        const char* expected;
    };
    const std::vector<Case> cases = {
        {"unknown question",
         [](auto& c) {
             c.push_back({"cs9", "yes", {}});
         },
         "unknown question 'cs9'"},
        {"unknown option", [](auto& c) { c[1].option_id = "thrice"; },
         "question 'cs3': unknown option 'thrice'"},
        {"answered twice",
         [](auto& c) {
             c.push_back({"cs3", "none", {}});
         },
         "question 'cs3' answered twice"},
        {"missing answer", [](auto& c) { c.erase(c.begin() + 4); },
         "question 'cs7' must be answered"},
        {"follow-up after a good answer", [](auto& c) { c[4].option_id = "very_satisfied"; },
         "question 'cs7': follow-up choices are only offered after an answer worth 0 points"},
        {"unknown follow-up", [](auto& c) { c[4].follow_ups = {"rude"}; },
         "question 'cs7': unknown follow-up choice 'rude'"},
        {"follow-up picked twice",
         [](auto& c) {
             c[4].follow_ups = {"other", "other"};
         },
         "question 'cs7': follow-up choice 'other' picked twice"},
        {"follow-up where none exists", [](auto& c) { c[1].follow_ups = {"other"}; },
         "question 'cs3': has no follow-up choices"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        std::vector<Choice> choices = full_choices();
        c.change(choices);
        CHECK(fill_error(Stage::intake, choices).rfind(c.expected, 0) == 0);
    }

    Form one_stage = shipped_form();
    one_stage.stages = {Stage::intake};
    Rating rating;
    CHECK_THROWS_WITH(fill_answers(one_stage, Stage::refusal, full_choices(), rating),
                      "form 'dienbien-phieu4' is not used at stage 'refusal'");
    Form limited = shipped_form();
    limited.questions[0].stages = {Stage::result_return};
    CHECK_THROWS_WITH(fill_answers(limited, Stage::intake, full_choices(), rating),
                      "question 'cs1' is not asked at stage 'intake'");
}

TEST_CASE("a rating survives a JSON round trip unchanged", "[rating]") {
    const Rating rating = sample_rating();
    const json out = rating_to_json(rating);
    CHECK(out["created_utc"] == "2022-12-27T17:30:00.125Z");
    CHECK(out["local_date"] == "2022-12-28");
    CHECK(out["stage"] == "return");
    CHECK(out["answers"][0]["points"].is_null());
    const Rating back = rating_from_json(json::parse(out.dump()));
    CHECK(same_content(rating, back));
    CHECK(back.created_utc == rating.created_utc);
    CHECK(back.answers[4].follow_ups == rating.answers[4].follow_ups);
    CHECK(rating_to_json(back) == out);

    Rating other = rating;
    other.answers[1].points = 2;
    CHECK_FALSE(same_content(rating, other));
    Rating paper = rating;
    paper.channel = Channel::paper;
    CHECK_FALSE(same_content(rating, paper));
}

TEST_CASE("channel names round-trip", "[rating]") {
    Channel channel = Channel::kiosk;
    REQUIRE(parse_channel("paper", channel));
    CHECK(channel == Channel::paper);
    CHECK(to_string(Channel::kiosk) == "kiosk");
    CHECK_FALSE(parse_channel("Paper", channel));
}

TEST_CASE("rating_from_json rejects every bad field, naming it", "[rating]") {
    struct Case {
        const char* name;
        std::function<void(json&)> breakage;
        const char* expected;
    };
    const std::vector<Case> cases = {
        {"id not a uuid", [](json& r) { r["id"] = "1234"; }, "rating.id: not a lower-case UUID"},
        {"id upper case", [](json& r) { r["id"] = "123E4567-E89B-42D3-A456-426614174000"; },
         "rating.id: not a lower-case UUID"},
        {"missing dossier code", [](json& r) { r.erase("dossier_code"); },
         "rating.dossier_code: missing"},
        {"empty dossier code", [](json& r) { r["dossier_code"] = ""; },
         "rating.dossier_code: must not be empty"},
        {"control character", [](json& r) { r["dossier_code"] = "A\nB"; },
         "rating.dossier_code: contains a control character"},
        {"stage unknown", [](json& r) { r["stage"] = "result_return"; },
         "rating.stage: unknown stage"},
        {"channel unknown", [](json& r) { r["channel"] = "web"; },
         "rating.channel: unknown channel"},
        {"official id a number", [](json& r) { r["official_id"] = 7; },
         "rating.official_id: expected a string, got number"},
        {"form version zero", [](json& r) { r["form_version"] = 0; },
         "rating.form_version: 0 is outside 1.."},
        {"form version a float", [](json& r) { r["form_version"] = 1.5; },
         "rating.form_version: expected an integer"},
        {"points too high", [](json& r) { r["answers"][1]["points"] = 101; },
         "rating.answers[1].points: 101 is outside 0..100"},
        {"points negative", [](json& r) { r["answers"][1]["points"] = -1; },
         "rating.answers[1].points: -1 is outside 0..100"},
        {"points a string", [](json& r) { r["answers"][2]["points"] = "2"; },
         "rating.answers[2].points: expected an integer, got string"},
        {"answer missing option", [](json& r) { r["answers"][0].erase("option_id"); },
         "rating.answers[0].option_id: missing"},
        {"answer unknown key", [](json& r) { r["answers"][0]["comment"] = "x"; },
         "rating.answers[0].comment: unknown field"},
        {"answers not an array", [](json& r) { r["answers"] = json::object(); },
         "rating.answers: expected an array"},
        {"question answered twice", [](json& r) { r["answers"].push_back(r["answers"][0]); },
         "rating.answers[7].question_id: question 'cs1' answered twice"},
        {"follow-up not a string", [](json& r) { r["answers"][4]["follow_ups"][0] = 1; },
         "rating.answers[4].follow_ups[0]: expected a string"},
        {"flag duplicated", [](json& r) { r["flags"].push_back("extra_payment"); },
         "rating.flags[1]: duplicate"},
        {"created time garbage", [](json& r) { r["created_utc"] = "yesterday"; },
         "rating.created_utc: not a UTC time"},
        {"created time with offset",
         [](json& r) { r["created_utc"] = "2022-12-28T00:30:00+07:00"; },
         "rating.created_utc: not a UTC time"},
        {"offset out of range", [](json& r) { r["utc_offset_minutes"] = 900; },
         "rating.utc_offset_minutes: 900 is outside -720..840"},
        {"local date impossible", [](json& r) { r["local_date"] = "2022-02-30"; },
         "rating.local_date: not a calendar date"},
        {"local date inconsistent", [](json& r) { r["local_date"] = "2022-12-27"; },
         "rating.local_date: '2022-12-27' does not match created_utc"},
        {"sequence negative", [](json& r) { r["sequence"] = -5; },
         "rating.sequence: -5 is outside 0.."},
        {"sequence too large", [](json& r) { r["sequence"] = 18446744073709551615ULL; },
         "rating.sequence: out of range"},
        {"kiosk id empty", [](json& r) { r["kiosk_id"] = ""; },
         "rating.kiosk_id: must not be empty"},
        {"unknown field", [](json& r) { r["colour"] = "red"; }, "rating.colour: unknown field"},
        {"not an object", [](json& r) { r = json::array(); }, "rating.(root): expected an object"},
        {"invalid UTF-8", [](json& r) { r["unit_code"] = std::string("\xC3\x28"); },
         "rating.unit_code: not valid UTF-8"},
    };
    const json good = rating_to_json(sample_rating());
    REQUIRE_NOTHROW(rating_from_json(good));
    for (const Case& c : cases) {
        INFO(c.name);
        json broken = good;
        c.breakage(broken);
        std::string message = "(accepted)";
        try {
            rating_from_json(broken);
        } catch (const std::invalid_argument& error) {
            message = error.what();
        }
        INFO(message);
        CHECK(message.rfind(c.expected, 0) == 0);
    }
}
