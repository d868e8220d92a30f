// The store failing: answers kept in memory, apology, retry now and in the background.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

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

TEST_CASE("a failed retry stays on the apology, and Enter retries too", "[flow][store]") {
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
