// Scanned and typed dossier codes: validation, refusals, scans in the middle of a form.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

TEST_CASE("the keypad refuses a code that does not fit, and says why", "[flow][code]") {
    FlowHarness h;
    h.flow.begin_code_entry();
    h.flow.submit_code();
    CHECK(h.flow.screen() == Screen::code_entry);
    CHECK(h.flow.code_problem() == DossierCodeProblem::empty);
    h.flow.type_on_keypad("12345");
    CHECK(h.flow.code_problem() == DossierCodeProblem::none);  // typing clears the message
    h.flow.submit_code();
    CHECK(h.flow.code_problem() == DossierCodeProblem::bad_shape);
    h.flow.clear_code();
    CHECK(h.flow.code_text().empty());
    CHECK(h.flow.code_problem() == DossierCodeProblem::none);
    std::string too_long(200, '1');
    h.flow.type_on_keypad(too_long);
    CHECK(h.flow.code_text().size() == h.validator.rules().max_length);
}

TEST_CASE("a bad scan on welcome opens the keypad with the code and the reason", "[flow][code]") {
    FlowHarness h;
    h.scan("HELLO-WORLD");
    REQUIRE(h.flow.screen() == Screen::code_entry);
    CHECK(h.flow.code_text() == "HELLO-WORLD");
    CHECK(h.flow.code_problem() == DossierCodeProblem::bad_shape);
    h.flow.erase_last();
    CHECK(h.flow.code_text() == "HELLO-WORL");
}

TEST_CASE("a scanned code mid-form restarts the rating with the new dossier", "[flow][scan]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(1);
    REQUIRE(h.flow.question_position() == 2);
    h.scan(kOtherCode);
    REQUIRE(h.flow.screen() == Screen::question);
    CHECK(h.flow.dossier_code() == kOtherCode);
    CHECK(h.flow.question_position() == 0);
    CHECK_FALSE(h.flow.selected_option().has_value());
    h.flow.choose_option(1);
    h.flow.choose_option(1);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(h.sink.saved[0].dossier_code == kOtherCode);
    CHECK(find_answer(h.sink.saved[0], "attitude")->option_id == "satisfied");
}

TEST_CASE("a scan on review, follow-up and thank you starts a new rating", "[flow][scan]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(2);
    REQUIRE(h.flow.screen() == Screen::follow_up);
    h.scan(kOtherCode);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.dossier_code() == kOtherCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    REQUIRE(h.flow.screen() == Screen::review);
    h.scan(kGoodCode);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.dossier_code() == kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(h.flow.screen() == Screen::thank_you);
    h.scan(kOtherCode);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.dossier_code() == kOtherCode);
}

TEST_CASE("scanning the same receipt again mid-form keeps the answers", "[flow][scan]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.select_option(2);
    h.scan(kGoodCode);  // its digits 1 and 2 must not change the marked answer
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.question_position() == 1);
    CHECK(h.flow.selected_option() == 2u);
}

TEST_CASE("an unreadable scan mid-form leaves the form as it was", "[flow][scan]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.select_option(0);
    h.scan("000.00.24.H18-2212");  // cut short; contains answer digits 1 and 2
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.dossier_code() == kGoodCode);
    CHECK(h.flow.selected_option() == 0u);
    CHECK(h.flow.bad_scan_notice());
    h.flow.select_option(1);
    CHECK_FALSE(h.flow.bad_scan_notice());
}

TEST_CASE("a stray key long before a scan does not spoil the scanned code", "[flow][scan]") {
    FlowHarness h;
    h.type("7");
    h.clock.advance_ms(KioskFlow::kScanGapMs + 1);
    h.scan(kGoodCode);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.dossier_code() == kGoodCode);
}
