// Time: the idle countdown, timeouts, the language lasting for one citizen.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

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
