#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/form.hpp"

using namespace motcua;
using nlohmann::json;

namespace {

const std::string kFormPath = std::string(MOTCUA_TEST_ASSETS) + "/forms/dienbien-phieu4.json";

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

json shipped_form_json() {
    return json::parse(read_text(kFormPath));
}

std::string form_error(const std::string& text) {
    try {
        parse_form(text, "test.json");
    } catch (const FormError& error) {
        return error.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("the shipped Điện Biên form loads with the questions of Mẫu Phiếu số 4", "[form]") {
    const Form form = load_form_file(kFormPath);
    CHECK(form.id == "dienbien-phieu4");
    CHECK(form.version == 1);
    for (Stage stage : kAllStages) {
        CHECK(form.applies_to(stage));
        CHECK(form.questions_for(stage).size() == 7);
    }
    std::vector<std::string> indicators;
    for (const Question& question : form.questions) {
        indicators.push_back(question.indicator);
        CHECK_FALSE(question.text.vi.empty());
        CHECK_FALSE(question.text.en.empty());
    }
    CHECK(indicators ==
          std::vector<std::string>{"CS1", "CS3", "CS4", "CS6", "CS7", "overall", "extra_payment"});

    const Question* cs1 = form.find_question("cs1");
    REQUIRE(cs1 != nullptr);
    const AnswerOption* no_result = cs1->find_option("no_result_yet");
    REQUIRE(no_result != nullptr);
    CHECK_FALSE(no_result->points.has_value());
    CHECK(no_result->label.vi == "Chưa có kết quả");
    CHECK(cs1->find_option("early")->points == 2);

    const Question* cs7 = form.find_question("cs7");
    REQUIRE(cs7 != nullptr);
    REQUIRE(cs7->follow_up.has_value());
    CHECK(cs7->follow_up->when_points_at_most == 0);
    CHECK(cs7->follow_up->choices.size() >= 3);

    const Question* payment = form.find_question("extra_payment");
    REQUIRE(payment != nullptr);
    CHECK(payment->kind == QuestionKind::flag);
    CHECK(payment->find_option("yes")->raises_flag);
    CHECK_FALSE(payment->find_option("no")->raises_flag);
    CHECK(form.find_question("nothing") == nullptr);
}

TEST_CASE("stage names round-trip and unknown ones are refused", "[form]") {
    for (Stage stage : kAllStages) {
        Stage parsed = Stage::intake;
        REQUIRE(parse_stage(to_string(stage), parsed));
        CHECK(parsed == stage);
        CHECK_FALSE(stage_label(stage).vi.empty());
        CHECK_FALSE(stage_label(stage).en.empty());
    }
    Stage out = Stage::intake;
    CHECK(to_string(Stage::result_return) == "return");
    CHECK_FALSE(parse_stage("result_return", out));
    CHECK_FALSE(parse_stage("Intake", out));
}

TEST_CASE("decomposed Vietnamese in a form file is stored NFC", "[form]") {
    json form = shipped_form_json();
    form["title"]["vi"] = "Phie\xCC\x82\xCC\x81u";  // Phiếu, decomposed
    CHECK(parse_form(form.dump(), "test.json").title.vi == "Phiếu");
}

TEST_CASE("questions limited to some stages are asked only there", "[form]") {
    json form = shipped_form_json();
    form["questions"][0]["stages"] = {"return"};
    const Form parsed = parse_form(form.dump(), "test.json");
    CHECK(parsed.questions_for(Stage::intake).size() == 6);
    CHECK(parsed.questions_for(Stage::result_return).size() == 7);
    CHECK_FALSE(parsed.questions[0].asked_at(Stage::refusal));

    form["stages"] = {"intake", "return"};
    const Form two_stages = parse_form(form.dump(), "test.json");
    CHECK(two_stages.questions_for(Stage::refusal).empty());
}

TEST_CASE("a broken form file is rejected with the file, the place and the problem", "[form]") {
    struct Case {
        const char* name;
        std::function<void(json&)> breakage;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"points outside the scale", [](json& f) { f["questions"][1]["options"][1]["points"] = 3; },
         "test.json: /questions/1/options/1/points: 3 is outside the scale 0..2"},
        {"negative points", [](json& f) { f["questions"][1]["options"][2]["points"] = -1; },
         "test.json: /questions/1/options/2/points: -1 is outside the scale 0..2"},
        {"duplicate question id", [](json& f) { f["questions"][2]["id"] = "cs1"; },
         "test.json: /questions/2/id: duplicate question id 'cs1'"},
        {"duplicate option id", [](json& f) { f["questions"][1]["options"][2]["id"] = "none"; },
         "test.json: /questions/1/options/2/id: duplicate option id 'none'"},
        {"no options", [](json& f) { f["questions"][0]["options"] = json::array(); },
         "test.json: /questions/0/options: needs 2 to 5 options, has 0"},
        {"one option",
         [](json& f) {
             f["questions"][2]["options"].erase(2);
             f["questions"][2]["options"].erase(1);
         },
         "test.json: /questions/2/options: needs 2 to 5 options, has 1"},
        {"six options",
         [](json& f) {
             json& options = f["questions"][0]["options"];
             options.push_back(options[0]);
             options.back()["id"] = "extra_a";
             options.push_back(options[0]);
             options.back()["id"] = "extra_b";
         },
         "test.json: /questions/0/options: needs 2 to 5 options, has 6"},
        {"missing English text", [](json& f) { f["questions"][3]["text"].erase("en"); },
         "test.json: /questions/3/text/en: missing"},
        {"empty Vietnamese label",
         [](json& f) { f["questions"][4]["options"][0]["label"]["vi"] = "  "; },
         "test.json: /questions/4/options/0/label/vi: missing Vietnamese text"},
        {"unknown indicator", [](json& f) { f["questions"][0]["indicator"] = "CS10"; },
         "test.json: /questions/0/indicator: unknown indicator 'CS10'"},
        {"two questions feed one indicator",
         [](json& f) { f["questions"][2]["indicator"] = "CS3"; },
         "test.json: /questions/2/indicator: indicator 'CS3' is already fed by question 'cs3'"},
        {"unknown stage", [](json& f) { f["stages"][1] = "retrun"; },
         "test.json: /stages/1: unknown stage 'retrun'"},
        {"question stage the form does not use",
         [](json& f) {
             f["stages"] = {"intake", "supplement"};
             f["questions"][0]["stages"] = {"intake", "return"};
         },
         "test.json: /questions/0/stages/1: stage 'return' is not one of the form's stages"},
        {"no stages", [](json& f) { f["stages"] = json::array(); },
         "test.json: /stages: needs at least one stage"},
        {"flag question with points",
         [](json& f) { f["questions"][6]["options"][0]["points"] = 0; },
         "test.json: /questions/6/options/0/points: a flag question's options have no points"},
        {"flag question that raises nothing",
         [](json& f) { f["questions"][6]["options"][1]["raises_flag"] = false; },
         "test.json: /questions/6/options: no option of this flag question raises the flag"},
        {"points question with a flag",
         [](json& f) { f["questions"][1]["options"][0]["raises_flag"] = true; },
         "test.json: /questions/1/options/0/raises_flag: only options of a flag question"},
        {"option without points", [](json& f) { f["questions"][1]["options"][0].erase("points"); },
         "test.json: /questions/1/options/0/points: missing"},
        {"unknown key in a question", [](json& f) { f["questions"][0]["colour"] = "red"; },
         "test.json: /questions/0/colour: unknown key"},
        {"unknown key at the top", [](json& f) { f["author"] = "someone"; },
         "test.json: /author: unknown key"},
        {"empty form", [](json& f) { f["questions"] = json::array(); },
         "test.json: /questions: the form has no questions"},
        {"version as a string", [](json& f) { f["version"] = "1"; },
         "test.json: /version: expected an integer, got string"},
        {"version zero", [](json& f) { f["version"] = 0; },
         "test.json: /version: must be 1 or more (got 0)"},
        {"missing title", [](json& f) { f.erase("title"); }, "test.json: /title: missing"},
        {"unknown colour", [](json& f) { f["questions"][0]["options"][0]["color"] = "purple"; },
         "test.json: /questions/0/options/0/color: unknown colour 'purple'"},
        {"option id with a space",
         [](json& f) { f["questions"][0]["options"][0]["id"] = "on time"; },
         "test.json: /questions/0/options/0/id: 'on time' is not an id"},
        {"follow-up at the top of the scale",
         [](json& f) { f["questions"][4]["follow_up"]["when_points_at_most"] = 2; },
         "test.json: /questions/4/follow_up/when_points_at_most: 2 must lie on the scale below its "
         "top (0..1)"},
        {"follow-up without choices",
         [](json& f) { f["questions"][4]["follow_up"]["choices"] = json::array(); },
         "test.json: /questions/4/follow_up/choices: needs 1 to 8 choices, has 0"},
        {"every option not applicable",
         [](json& f) {
             for (json& option : f["questions"][1]["options"]) {
                 option["points"] = nullptr;
             }
         },
         "test.json: /questions/1/options: every option is \"not applicable\""},
        {"bad scale",
         [](json& f) {
             f["questions"][1]["scale"] = {{"min", 2}, {"max", 2}};
         },
         "test.json: /questions/1/scale: the scale must satisfy 0 <= min < max <= 100"},
        {"extra named like an indicator", [](json& f) { f["extras"][0]["id"] = "CS7"; },
         "test.json: /extras/0/id: 'CS7' is not an id"},
        {"flag question feeding an indicator",
         [](json& f) { f["questions"][6]["indicator"] = "CS9"; },
         "test.json: /questions/6/indicator: a flag question must feed one of the form's extras"},
        {"options not an array", [](json& f) { f["questions"][0]["options"] = "many"; },
         "test.json: /questions/0/options: expected an array, got string"},
        {"root not an object", [](json& f) { f = json::array(); },
         "test.json: /: expected an object, got array"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        json form = shipped_form_json();
        c.breakage(form);
        const std::string message = form_error(form.dump());
        INFO(message);
        CHECK(message.rfind(c.expected, 0) == 0);
    }
}

TEST_CASE("a JSON syntax error is reported with its line and column", "[form]") {
    const std::string text = "{\n  \"id\": \"x\",\n  \"version\" 1\n}\n";
    const std::string message = form_error(text);
    INFO(message);
    CHECK(message.rfind("test.json: line 3, column 13: invalid JSON: syntax error", 0) == 0);
    CHECK(form_error("").rfind("test.json: line 1, column 1: invalid JSON", 0) == 0);
}

TEST_CASE("a missing form file is named in the error", "[form]") {
    CHECK_THROWS_WITH(load_form_file("/nonexistent/form.json"),
                      "/nonexistent/form.json: cannot open the form file");
}
