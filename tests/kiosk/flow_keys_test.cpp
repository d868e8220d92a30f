// The flow driven by keys: a button box (1..N, Enter, Backspace, Escape) and a keyboard.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

TEST_CASE("a scanner and a button box drive the whole rating with keys", "[flow][keys]") {
    FlowHarness h;
    h.scan(kGoodCode);
    REQUIRE(h.flow.screen() == Screen::question);
    h.type("3");
    CHECK(h.flow.selected_option() == 2u);
    CHECK(h.flow.screen() == Screen::question);  // a key marks, Enter goes on
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::follow_up);  // the low answer asks what went wrong
    h.type("2");
    CHECK(h.flow.follow_up_picked(1));
    h.press(FlowKey::enter);
    REQUIRE(h.flow.question()->id == "contacts");
    h.type("1");
    h.press(FlowKey::enter);
    h.type("1");
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::review);
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::thank_you);
    REQUIRE(h.sink.saved.size() == 1);
    const Rating& rating = h.sink.saved[0];
    CHECK(find_answer(rating, "attitude")->option_id == "dissatisfied");
    CHECK(find_answer(rating, "attitude")->points == 0);
    CHECK(find_answer(rating, "attitude")->follow_ups == std::vector<std::string>{"slow"});
    CHECK(find_answer(rating, "contacts")->points == 2);
    CHECK(find_answer(rating, "extra_payment")->option_id == "no");
    CHECK(rating.flags.empty());
}

TEST_CASE("keys outside 1..N do not pick an answer", "[flow][keys]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.type("4");
    CHECK_FALSE(h.flow.selected_option().has_value());
    h.type("0");
    CHECK_FALSE(h.flow.selected_option().has_value());
    h.press(FlowKey::enter);  // "40" is neither a code nor an answer: the form stays
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.bad_scan_notice());
}

TEST_CASE("a run of answer digits then Enter confirms the last one", "[flow][keys]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.type("12");  // the citizen changed their mind
    CHECK(h.flow.selected_option() == 1u);
    h.press(FlowKey::enter);
    REQUIRE(h.flow.question()->id == "contacts");
    h.press(FlowKey::backspace);
    CHECK(h.flow.selected_option() == 1u);
}

TEST_CASE(
    "Enter on an unanswered question asks for an answer, and skips a skippable one is skipped",
    "[flow][keys]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.question()->id == "attitude");
    CHECK(h.flow.answer_hint());
    h.type("1");
    CHECK_FALSE(h.flow.answer_hint());
    h.press(FlowKey::enter);
    h.type("1");
    h.press(FlowKey::enter);
    REQUIRE(h.flow.question()->id == "extra_payment");
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::review);
    CHECK(h.flow.review_rows()[2].answer == nullptr);
    h.flow.send();
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(find_answer(h.sink.saved[0], "extra_payment") == nullptr);
    CHECK(h.sink.saved[0].answers.size() == 2);
}

TEST_CASE("Backspace goes back, Escape abandons without saving", "[flow][keys]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    REQUIRE(h.flow.question_position() == 1);
    h.press(FlowKey::backspace);
    CHECK(h.flow.question_position() == 0);
    CHECK(h.flow.selected_option() == 0u);  // the answer given is still there
    h.press(FlowKey::backspace);
    REQUIRE(h.flow.screen() == Screen::code_entry);
    CHECK(h.flow.code_text() == kGoodCode);  // kept for correction
    h.press(FlowKey::backspace);
    CHECK(h.flow.code_text() == std::string(kGoodCode).substr(0, 24));
    h.press(FlowKey::enter);
    CHECK(h.flow.code_problem() == DossierCodeProblem::bad_shape);

    h.press(FlowKey::escape);
    CHECK(h.flow.screen() == Screen::welcome);
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.press(FlowKey::escape);
    CHECK(h.flow.screen() == Screen::welcome);
    CHECK(h.sink.saved.empty());
    CHECK(h.sink.save_attempts == 0);
}

TEST_CASE("Backspace on review returns to the last question, back from follow-up to its question",
          "[flow][keys]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(2);
    REQUIRE(h.flow.screen() == Screen::follow_up);
    h.press(FlowKey::backspace);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.question()->id == "attitude");
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    REQUIRE(h.flow.screen() == Screen::review);
    h.press(FlowKey::backspace);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.question()->id == "extra_payment");
}

TEST_CASE(
    "Enter on welcome opens the keypad, and a typed code on the keypad is submitted with Enter",
    "[flow][keys]") {
    FlowHarness h;
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::code_entry);
    h.type(kGoodCode);
    CHECK(h.flow.code_text() == kGoodCode);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::question);
}

TEST_CASE("a scan after keypad taps replaces the half-typed code", "[flow][keys]") {
    FlowHarness h;
    h.flow.begin_code_entry();
    h.flow.type_on_keypad("000.0");
    h.scan(kOtherCode);
    REQUIRE(h.flow.screen() == Screen::question);
    CHECK(h.flow.dossier_code() == kOtherCode);
}
