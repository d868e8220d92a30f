// The citizen flow by touch: the path to "thank you", stages, duplicates, follow-ups, review.
#include <catch2/catch.hpp>

#include "core/uuid.hpp"
#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

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

TEST_CASE("every change of what is shown moves the revision", "[flow]") {
    FlowHarness h;
    auto before = h.flow.revision();
    h.flow.begin_code_entry();
    CHECK(h.flow.revision() > before);
    before = h.flow.revision();
    h.flow.type_on_keypad("0");
    CHECK(h.flow.revision() > before);
}
