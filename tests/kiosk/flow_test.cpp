// The citizen flow without a window: every transition, timeouts on a manual clock, scanner
// input, duplicates, store failures, staff PIN gate.

#include <algorithm>
#include <catch2/catch.hpp>

#include "core/uuid.hpp"
#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

namespace {

const Answer* find_answer(const Rating& rating, const std::string& question_id) {
    for (const Answer& answer : rating.answers) {
        if (answer.question_id == question_id) {
            return &answer;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("touch path from welcome to thank you saves the rating", "[flow]") {
    FlowHarness h;
    REQUIRE(h.flow.screen() == Screen::welcome);
    h.flow.begin_code_entry();
    REQUIRE(h.flow.screen() == Screen::code_entry);
    h.flow.type_on_keypad("000.00.24.h18-221228-0001");
    REQUIRE(h.flow.code_text() == "000.00.24.h18-221228-0001");
    h.flow.submit_code();
    REQUIRE(h.flow.screen() == Screen::question);  // one stage: no stage screen
    CHECK(h.flow.dossier_code() == kGoodCode);     // normalised by the validator
    CHECK(h.flow.question()->id == "attitude");
    CHECK(h.flow.question_position() == 0);
    CHECK(h.flow.question_count() == 3);

    h.flow.choose_option(0);
    REQUIRE(h.flow.question()->id == "contacts");
    h.flow.choose_option(1);
    REQUIRE(h.flow.question()->id == "extra_payment");
    h.flow.choose_option(1);
    REQUIRE(h.flow.screen() == Screen::review);
    CHECK(h.sink.saved.empty());  // nothing is saved before the citizen sends

    std::vector<ReviewRow> rows = h.flow.review_rows();
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].answer->id == "once");

    h.flow.send();
    REQUIRE(h.flow.screen() == Screen::thank_you);
    REQUIRE(h.sink.saved.size() == 1);
    const Rating& rating = h.sink.saved[0];
    CHECK(is_uuid(rating.id));
    CHECK(rating.dossier_code == kGoodCode);
    CHECK(rating.stage == Stage::intake);
    CHECK(rating.channel == Channel::kiosk);
    CHECK(rating.form_id == "test-form");
    CHECK(rating.form_version == 3);
    CHECK(rating.kiosk_id == h.settings.kiosk_id);
    CHECK(rating.unit_code == h.settings.unit_code);
    CHECK(rating.official_id.empty());
    CHECK(rating.created_utc == h.clock.now_utc());
    CHECK(rating.utc_offset_minutes == 420);
    CHECK(rating.local_date == "2023-03-01");
    REQUIRE(rating.answers.size() == 3);
    CHECK(find_answer(rating, "attitude")->points == 2);
    CHECK(find_answer(rating, "contacts")->option_id == "once");
    CHECK(find_answer(rating, "contacts")->points == 1);
    CHECK(rating.flags == std::vector<std::string>{"extra_payment"});

    h.advance_seconds(h.settings.thank_you_seconds - 0.5);
    CHECK(h.flow.screen() == Screen::thank_you);
    h.advance_seconds(0.5);
    CHECK(h.flow.screen() == Screen::welcome);
}

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

TEST_CASE("Enter on an unanswered question asks for an answer; a skippable one is skipped",
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

TEST_CASE("skip works only on skippable questions", "[flow]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.skip_question();
    CHECK(h.flow.question()->id == "attitude");
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.select_option(1);
    h.flow.skip_question();  // drops the marked answer
    REQUIRE(h.flow.screen() == Screen::review);
    CHECK(h.flow.review_rows()[2].answer == nullptr);
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

TEST_CASE("Enter on welcome opens the keypad; a typed code on the keypad is submitted with Enter",
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

TEST_CASE("each rating gets its own UUID when the citizen starts", "[flow]") {
    FlowHarness h;
    for (const char* code : {kGoodCode, kOtherCode}) {
        h.scan(code);
        h.flow.choose_option(0);
        h.flow.choose_option(0);
        h.flow.choose_option(0);
        h.flow.send();
        h.flow.finish();
    }
    REQUIRE(h.sink.saved.size() == 2);
    CHECK(is_uuid(h.sink.saved[0].id));
    CHECK(is_uuid(h.sink.saved[1].id));
    CHECK(h.sink.saved[0].id != h.sink.saved[1].id);
}

TEST_CASE("the stage screen appears only when the form has several stages", "[flow][stage]") {
    FlowHarness single(false);
    single.scan(kGoodCode);
    CHECK(single.flow.screen() == Screen::question);
    CHECK_FALSE(single.flow.has_stage_choice());

    FlowHarness h(true);
    h.scan(kGoodCode);
    REQUIRE(h.flow.screen() == Screen::stage_choice);
    CHECK(h.flow.has_stage_choice());
    CHECK(h.sink.lookups == 0);  // the duplicate check needs the stage
    h.press(FlowKey::enter);     // nothing chosen yet
    CHECK(h.flow.screen() == Screen::stage_choice);
    h.type("3");
    CHECK(h.flow.stage_highlight() == 2u);
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::question);
    CHECK(h.flow.stage() == Stage::result_return);
    CHECK(h.flow.question_count() == 4);  // timing is asked only at return
    h.press(FlowKey::backspace);
    CHECK(h.flow.screen() == Screen::stage_choice);
    h.press(FlowKey::backspace);
    CHECK(h.flow.screen() == Screen::code_entry);
    CHECK(h.flow.code_text() == kGoodCode);
}

TEST_CASE("a stage chosen by touch decides the questions and the saved stage", "[flow][stage]") {
    FlowHarness h(true);
    h.scan(kGoodCode);
    h.flow.choose_stage(Stage::supplement);
    REQUIRE(h.flow.question_count() == 3);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(h.sink.saved[0].stage == Stage::supplement);
}

TEST_CASE("a dossier already rated at the stage is refused before the questions",
          "[flow][duplicate]") {
    FlowHarness h;
    h.sink.mark_rated(kGoodCode, Stage::intake);
    h.scan(kGoodCode);
    CHECK(h.flow.screen() == Screen::already_rated);
    CHECK(h.sink.lookups == 1);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::welcome);

    FlowHarness several(true);
    several.sink.mark_rated(kGoodCode, Stage::intake);
    several.scan(kGoodCode);
    several.flow.choose_stage(Stage::intake);
    CHECK(several.flow.screen() == Screen::already_rated);
    several.scan(kGoodCode);
    several.flow.choose_stage(Stage::result_return);  // another stage is fine
    CHECK(several.flow.screen() == Screen::question);
}

TEST_CASE("a dossier rated meanwhile is refused at save", "[flow][duplicate]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.sink.mark_rated(kGoodCode, Stage::intake);  // another kiosk got there first
    h.flow.send();
    CHECK(h.flow.screen() == Screen::already_rated);
    CHECK(h.sink.saved.empty());
    CHECK(h.flow.unsaved_count() == 0);
}

TEST_CASE("a store failure keeps the answers, raises the staff alert, and a retry saves them",
          "[flow][store]") {
    FlowHarness h;
    h.sink.failures_to_give = 1;
    h.scan(kGoodCode);
    h.flow.choose_option(1);
    h.flow.choose_option(2);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(h.flow.screen() == Screen::save_failed);
    CHECK(h.sink.saved.empty());
    CHECK(h.flow.unsaved_count() == 1);
    CHECK(h.flow.staff_alert());
    h.flow.retry_save();
    REQUIRE(h.flow.screen() == Screen::thank_you);
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(h.sink.save_attempts == 2);
    CHECK(find_answer(h.sink.saved[0], "contacts")->option_id == "more");
    CHECK(h.flow.unsaved_count() == 0);
    CHECK_FALSE(h.flow.staff_alert());
}

TEST_CASE("a failed retry stays on the apology; Enter retries too", "[flow][store]") {
    FlowHarness h;
    h.sink.failures_to_give = 2;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    h.flow.retry_save();
    CHECK(h.flow.screen() == Screen::save_failed);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::thank_you);
    CHECK(h.sink.saved.size() == 1);
}

TEST_CASE("an unsaved rating is retried in the background after the citizen left",
          "[flow][store]") {
    FlowHarness h;
    h.sink.failures_to_give = 2;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    std::string first_id;
    h.flow.finish();
    REQUIRE(h.flow.screen() == Screen::welcome);
    CHECK(h.flow.staff_alert());
    REQUIRE(h.flow.next_wakeup().has_value());
    CHECK(*h.flow.next_wakeup() == h.clock.now_utc() + KioskFlow::kRetryIntervalMs);
    h.advance_seconds(30);  // second failure
    CHECK(h.flow.unsaved_count() == 1);
    CHECK(h.sink.save_attempts == 2);
    h.advance_seconds(29);
    CHECK(h.sink.save_attempts == 2);
    h.advance_seconds(1);
    CHECK(h.flow.unsaved_count() == 0);
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(h.sink.saved[0].dossier_code == kGoodCode);
    CHECK_FALSE(h.flow.staff_alert());
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("the retried rating keeps its id and time", "[flow][store]") {
    FlowHarness h;
    h.sink.failures_to_give = 1;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    UtcMillis sent_at = h.clock.now_utc();
    h.flow.send();
    h.clock.advance_ms(5000);
    h.flow.retry_save();
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(h.sink.saved[0].created_utc == sent_at);
}

TEST_CASE("a failed duplicate lookup lets the citizen answer and raises the staff alert",
          "[flow][store]") {
    FlowHarness h;
    h.sink.lookup_fails = true;
    h.scan(kGoodCode);
    REQUIRE(h.flow.screen() == Screen::question);
    CHECK(h.flow.staff_alert());
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    CHECK(h.flow.screen() == Screen::thank_you);
    CHECK_FALSE(h.flow.staff_alert());
}

TEST_CASE("idle time shows a countdown, a touch cancels it, and its end drops the rating",
          "[flow][idle]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.advance_seconds(h.settings.idle_seconds - 1);
    CHECK_FALSE(h.flow.countdown_seconds_left().has_value());
    CHECK(*h.flow.next_wakeup() == h.clock.now_utc() + 1000);
    h.advance_seconds(1);
    REQUIRE(h.flow.countdown_seconds_left() == h.settings.countdown_seconds);
    h.advance_seconds(3.5);
    CHECK(h.flow.countdown_seconds_left() == h.settings.countdown_seconds - 3);
    CHECK(*h.flow.next_wakeup() == h.clock.now_utc() + 500);  // the next digit
    h.flow.on_pointer();
    CHECK_FALSE(h.flow.countdown_seconds_left().has_value());
    CHECK(h.flow.screen() == Screen::question);

    h.advance_seconds(h.settings.idle_seconds + h.settings.countdown_seconds - 0.1);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.countdown_seconds_left() == 1);
    h.advance_seconds(0.1);
    CHECK(h.flow.screen() == Screen::welcome);
    CHECK(h.sink.save_attempts == 0);
    // The abandoned answers are gone: the same code starts from the first question.
    h.scan(kGoodCode);
    CHECK(h.flow.question_position() == 0);
    CHECK_FALSE(h.flow.selected_option().has_value());
}

TEST_CASE("a key press also keeps the session alive", "[flow][idle]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.advance_seconds(h.settings.idle_seconds + 2);
    REQUIRE(h.flow.countdown_seconds_left().has_value());
    h.type("1");
    CHECK_FALSE(h.flow.countdown_seconds_left().has_value());
}

TEST_CASE("the idle countdown runs on the code screen and on notices, not on welcome",
          "[flow][idle]") {
    FlowHarness h;
    h.advance_seconds(600);
    CHECK(h.flow.screen() == Screen::welcome);
    CHECK_FALSE(h.flow.countdown_seconds_left().has_value());
    CHECK_FALSE(h.flow.next_wakeup().has_value());  // nothing to wake up for: idle at 0% CPU

    h.flow.begin_code_entry();
    h.advance_seconds(h.settings.idle_seconds + h.settings.countdown_seconds);
    CHECK(h.flow.screen() == Screen::welcome);

    h.sink.mark_rated(kGoodCode, Stage::intake);
    h.scan(kGoodCode);
    REQUIRE(h.flow.screen() == Screen::already_rated);
    h.advance_seconds(h.settings.idle_seconds + h.settings.countdown_seconds);
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("a timeout on the apology keeps the unsaved rating for retry", "[flow][idle][store]") {
    FlowHarness h;
    h.sink.failures_to_give = 1;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(h.flow.screen() == Screen::save_failed);
    h.advance_seconds(h.settings.idle_seconds + h.settings.countdown_seconds);
    // The background retry (due after 30 s) ran on the way and saved it.
    CHECK(h.flow.unsaved_count() == 0);
    CHECK(h.sink.saved.size() == 1);
}

TEST_CASE("a tap on thank you returns to welcome at once", "[flow]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(*h.flow.next_wakeup() == h.clock.now_utc() + h.settings.thank_you_seconds * 1000);
    h.flow.finish();
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("without the review screen the last answer sends the rating", "[flow]") {
    FlowHarness h(false, false);
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    CHECK(h.sink.saved.empty());
    h.flow.choose_option(0);
    CHECK(h.flow.screen() == Screen::thank_you);
    CHECK(h.sink.saved.size() == 1);
}

TEST_CASE("follow-up choices are saved with a low answer and dropped when it improves",
          "[flow][follow_up]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(1);  // satisfied: no follow-up
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.question()->id == "contacts");
    h.press(FlowKey::backspace);
    h.flow.choose_option(2);
    REQUIRE(h.flow.screen() == Screen::follow_up);
    h.flow.toggle_follow_up(0);
    h.flow.toggle_follow_up(2);
    h.flow.toggle_follow_up(1);
    h.flow.toggle_follow_up(1);  // picked twice: unpicked
    CHECK(h.flow.follow_up_picked(0));
    CHECK_FALSE(h.flow.follow_up_picked(1));
    h.flow.finish_follow_up();
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    REQUIRE(h.flow.screen() == Screen::review);
    CHECK(h.flow.review_rows()[0].follow_ups == 2);

    h.flow.edit_answer(0);
    REQUIRE(h.flow.screen() == Screen::question);
    h.flow.choose_option(2);  // still low: the follow-up shows its picks again
    REQUIRE(h.flow.screen() == Screen::follow_up);
    CHECK(h.flow.follow_up_picked(2));
    h.flow.finish_follow_up();
    CHECK(h.flow.screen() == Screen::review);  // editing returns to review

    h.flow.edit_answer(0);
    h.flow.choose_option(0);
    REQUIRE(h.flow.screen() == Screen::review);
    CHECK(h.flow.review_rows()[0].follow_ups == 0);
    h.flow.send();
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(find_answer(h.sink.saved[0], "attitude")->follow_ups.empty());
}

TEST_CASE("follow-up picks are saved by id", "[flow][follow_up]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(2);
    h.flow.toggle_follow_up(0);
    h.flow.toggle_follow_up(2);
    h.flow.finish_follow_up();
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(find_answer(h.sink.saved[0], "attitude")->follow_ups ==
          std::vector<std::string>{"rude", "unclear"});
}

TEST_CASE("review edits return to review", "[flow]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.edit_answer(1);
    REQUIRE(h.flow.screen() == Screen::question);
    CHECK(h.flow.question()->id == "contacts");
    CHECK(h.flow.selected_option() == 0u);
    h.flow.choose_option(1);
    REQUIRE(h.flow.screen() == Screen::review);
    CHECK(h.flow.review_rows()[1].answer->id == "once");
}

TEST_CASE("the language chosen lasts for one citizen", "[flow][language]") {
    FlowHarness h;
    CHECK(h.flow.language() == Language::vi);
    h.flow.set_language(Language::en);
    h.scan(kGoodCode);
    CHECK(h.flow.language() == Language::en);
    h.press(FlowKey::escape);
    CHECK(h.flow.language() == Language::vi);

    h.flow.set_language(Language::en);  // chosen, then nobody came
    h.advance_seconds(h.settings.idle_seconds);
    CHECK(h.flow.language() == Language::vi);
}

TEST_CASE("ratings are attributed to the official signed in at the desk", "[flow]") {
    FlowHarness h;
    h.flow.set_desk_official(StaffMember{"cb01", "Trần Thị Bình", StaffRole::official});
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(h.sink.saved.size() == 1);
    CHECK(h.sink.saved[0].official_id == "cb01");
}

TEST_CASE("the admin PIN gate opens the staff menu and lets an admin exit", "[flow][staff]") {
    FlowHarness h;
    h.press(FlowKey::staff);
    REQUIRE(h.flow.screen() == Screen::staff_pin);
    h.scan(kGoodCode);  // a scan on the PIN pad is not a rating
    CHECK(h.flow.screen() == Screen::staff_pin);
    CHECK(h.flow.pin_problem() == PinProblem::wrong);
    h.type("2468");
    CHECK(h.flow.pin_length() == 4);
    h.press(FlowKey::backspace);
    h.type("8");
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    REQUIRE(h.flow.staff_member().has_value());
    CHECK(h.flow.staff_member()->id == "admin1");
    CHECK_FALSE(h.flow.exit_requested());
    h.flow.request_exit();
    CHECK(h.flow.exit_requested());
    CHECK(h.gate.actions ==
          std::vector<std::string>{"unknown:signin_failed", "admin1:signin_ok", "admin1:exit"});
}

TEST_CASE("the staff key works only on welcome; Escape leaves the PIN pad", "[flow][staff]") {
    FlowHarness h;
    h.scan(kGoodCode);
    h.press(FlowKey::staff);
    CHECK(h.flow.screen() == Screen::question);
    h.press(FlowKey::escape);
    h.press(FlowKey::staff);
    REQUIRE(h.flow.screen() == Screen::staff_pin);
    h.press(FlowKey::escape);
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("repeated wrong PINs lock the PIN pad for the configured time", "[flow][staff]") {
    FlowHarness h;
    h.flow.request_staff();
    for (int i = 0; i < h.settings.pin_attempts_before_lockout; ++i) {
        h.type("0000");
        h.press(FlowKey::enter);
    }
    CHECK(h.flow.pin_problem() == PinProblem::locked);
    h.type(kAdminPin);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::staff_pin);  // even the right PIN waits
    h.clock.advance_ms(h.settings.pin_lockout_seconds * 1000);
    CHECK(h.flow.pin_problem() != PinProblem::locked);
    h.type(kAdminPin);
    h.press(FlowKey::enter);
    CHECK(h.flow.screen() == Screen::staff_menu);
}

TEST_CASE("a long press on welcome's corner opens the PIN pad; a short one does not",
          "[flow][staff]") {
    FlowHarness h;
    h.flow.hold_staff_corner(true);
    h.clock.advance_ms(2000);
    h.flow.hold_staff_corner(true);
    h.flow.hold_staff_corner(false);
    h.clock.advance_ms(2000);
    h.flow.hold_staff_corner(true);
    CHECK(h.flow.screen() == Screen::welcome);
    REQUIRE(h.flow.next_wakeup().has_value());
    CHECK(*h.flow.next_wakeup() == h.clock.now_utc() + KioskFlow::kStaffLongPressMs);
    h.advance_seconds(3);  // held still: no new input, the tick opens it
    CHECK(h.flow.screen() == Screen::staff_pin);
}

TEST_CASE("staff screens time out to welcome and sign out", "[flow][staff][idle]") {
    FlowHarness h;
    h.flow.request_staff();
    h.type(kAdminPin);
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    h.advance_seconds(h.settings.staff_idle_seconds - 1);
    CHECK(h.flow.screen() == Screen::staff_menu);
    h.advance_seconds(1);
    CHECK(h.flow.screen() == Screen::welcome);
    CHECK_FALSE(h.flow.staff_member().has_value());
    CHECK(h.gate.actions.back() == "admin1:signout");
}

TEST_CASE("only an admin can exit", "[flow][staff]") {
    struct OfficialGate : FakeGate {
        std::optional<StaffMember> check_admin_pin(const std::string&) override {
            return StaffMember{"cb02", "Lê Văn C", StaffRole::supervisor};
        }
    };
    FlowHarness h;
    OfficialGate gate;
    KioskFlow flow(h.form, h.settings, h.validator, h.clock, h.sink, gate);
    flow.request_staff();
    flow.type_pin_digit('1');
    flow.submit_pin();
    REQUIRE(flow.screen() == Screen::staff_menu);
    flow.request_exit();
    CHECK_FALSE(flow.exit_requested());
}

TEST_CASE("every change of what is shown moves the revision", "[flow]") {
    FlowHarness h;
    auto before = h.flow.revision();
    h.flow.begin_code_entry();
    CHECK(h.flow.revision() > before);
    before = h.flow.revision();
    h.flow.type_on_keypad("0");
    CHECK(h.flow.revision() > before);
}

TEST_CASE("a stray key long before a scan does not spoil the scanned code", "[flow][scan]") {
    FlowHarness h;
    h.type("7");
    h.clock.advance_ms(KioskFlow::kScanGapMs + 1);
    h.scan(kGoodCode);
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.dossier_code() == kGoodCode);
}
