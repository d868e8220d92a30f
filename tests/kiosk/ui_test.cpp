// The real screens, drawn headless: taps land on the buttons the screens drew, and the flow
// must show the result. A button that does nothing fails these tests.

#include <catch2/catch.hpp>

#include "core/config.hpp"
#include "kiosk/ui/icons.hpp"
#include "ui_harness.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

namespace {

void tap_code(HeadlessUi& ui, const std::string& code) {
    for (char c : code) {
        std::string key(1, c);
        if (c >= 'A' && c <= 'Z' && !ui.on_screen("key." + key)) {
            ui.tap("key.letters");
        }
        if (((c >= '0' && c <= '9') || c == '.' || c == '-') && !ui.on_screen("key." + key)) {
            ui.tap("key.digits");
        }
        ui.tap("key." + key);
    }
}

}  // namespace

TEST_CASE("tapping through the whole form saves what was tapped", "[ui]") {
    FlowHarness h;
    HeadlessUi ui(h);
    ui.tap("start");
    REQUIRE(h.flow.screen() == Screen::code_entry);
    tap_code(ui, kGoodCode);
    CHECK(h.flow.code_text() == kGoodCode);
    ui.tap("code.ok");
    REQUIRE(h.flow.screen() == Screen::question);
    ui.tap("answer.1");
    REQUIRE(h.flow.question_position() == 1);
    ui.tap("answer.2");
    REQUIRE(h.flow.question_position() == 2);
    ui.tap("answer.0");
    REQUIRE(h.flow.screen() == Screen::review);
    ui.tap("send");
    REQUIRE(h.flow.screen() == Screen::thank_you);
    REQUIRE(h.sink.saved.size() == 1);
    const Rating& rating = h.sink.saved[0];
    CHECK(rating.dossier_code == kGoodCode);
    CHECK(rating.answers[0].option_id == "satisfied");
    CHECK(rating.answers[1].option_id == "more");
    CHECK(rating.answers[2].option_id == "no");
    ui.tap("thanks.finish");
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("the keypad's keys type, erase and clear", "[ui][keypad]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.flow.begin_code_entry();
    ui.tap("key.1");
    ui.tap("key.2");
    ui.tap("key..");
    ui.tap("key.-");
    CHECK(h.flow.code_text() == "12.-");
    ui.tap("key.erase");
    CHECK(h.flow.code_text() == "12.");
    ui.tap("key.H");  // the example's letter is on the digit page
    CHECK(h.flow.code_text() == "12.H");
    ui.tap("key.letters");
    ui.tap("key.Q");
    CHECK(h.flow.code_text() == "12.HQ");
    ui.tap("key.digits");
    CHECK(ui.on_screen("key.7"));
    ui.tap("code.clear");
    CHECK(h.flow.code_text().empty());
}

TEST_CASE("the unit prefix chip types the unit's part of the code", "[ui][keypad]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.flow.begin_code_entry();
    ui.tap("code.prefix");
    CHECK(h.flow.code_text() == h.settings.unit_code + "-");
    CHECK_FALSE(ui.on_screen("code.prefix"));  // only offered on an empty field
}

TEST_CASE("OK on a wrong code keeps the keypad and the code", "[ui][keypad]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.flow.begin_code_entry();
    ui.tap("key.9");
    ui.tap("code.ok");
    CHECK(h.flow.screen() == Screen::code_entry);
    CHECK(h.flow.code_problem() == DossierCodeProblem::bad_shape);
    CHECK(h.flow.code_text() == "9");
    ui.tap("back");
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("the stage cards choose the stage", "[ui][stage]") {
    FlowHarness h(true);
    HeadlessUi ui(h);
    h.scan(kGoodCode);
    REQUIRE(h.flow.screen() == Screen::stage_choice);
    ui.tap("stage.2");
    REQUIRE(h.flow.screen() == Screen::question);
    CHECK(h.flow.stage() == Stage::result_return);
    ui.tap("back");
    CHECK(h.flow.screen() == Screen::stage_choice);
}

TEST_CASE("skip, continue and back buttons on a question", "[ui][question]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.scan(kGoodCode);
    CHECK_FALSE(ui.on_screen("skip"));  // attitude may not be skipped
    CHECK_FALSE(ui.on_screen("next"));  // nothing chosen yet
    h.type("2");                        // a button box marks the second answer
    ui.tap("next");
    REQUIRE(h.flow.question_position() == 1);
    ui.tap("back");
    CHECK(h.flow.question_position() == 0);
    ui.tap("answer.0");
    ui.tap("answer.0");
    REQUIRE(h.flow.question()->id == "extra_payment");
    ui.tap("skip");
    REQUIRE(h.flow.screen() == Screen::review);
    CHECK(h.flow.review_rows()[2].answer == nullptr);
}

TEST_CASE("follow-up choices tick on and off", "[ui][follow_up]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.scan(kGoodCode);
    ui.tap("answer.2");
    REQUIRE(h.flow.screen() == Screen::follow_up);
    ui.tap("follow_up.1");
    ui.tap("follow_up.2");
    ui.tap("follow_up.1");
    CHECK_FALSE(h.flow.follow_up_picked(1));
    CHECK(h.flow.follow_up_picked(2));
    ui.tap("next");
    CHECK(h.flow.question()->id == "contacts");
}

TEST_CASE("a line on the review screen opens its question", "[ui][review]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    ui.tap("review.row.1");
    REQUIRE(h.flow.screen() == Screen::question);
    CHECK(h.flow.question()->id == "contacts");
    ui.tap("answer.2");
    REQUIRE(h.flow.screen() == Screen::review);
    CHECK(h.flow.review_rows()[1].answer->id == "more");
}

TEST_CASE("the language switch changes the language", "[ui][language]") {
    FlowHarness h;
    HeadlessUi ui(h);
    ui.tap("language.en");
    CHECK(h.flow.language() == Language::en);
    ui.tap("language.vi");
    CHECK(h.flow.language() == Language::vi);
}

TEST_CASE("a touch during the countdown keeps the rating and presses nothing underneath",
          "[ui][idle]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.scan(kGoodCode);
    REQUIRE(ui.on_screen("answer.0"));
    h.advance_seconds(h.settings.idle_seconds + 1);
    REQUIRE(h.flow.countdown_seconds_left().has_value());
    CHECK(ui.on_screen("countdown.continue"));
    ui.tap("answer.0");  // lands on the shade over the answer
    CHECK_FALSE(h.flow.countdown_seconds_left().has_value());
    CHECK(h.flow.screen() == Screen::question);
    CHECK(h.flow.question_position() == 0);
    CHECK_FALSE(h.flow.selected_option().has_value());
    ui.tap("answer.0");  // now it counts
    CHECK(h.flow.question_position() == 1);
}

TEST_CASE("the apology screen's buttons retry and finish", "[ui][store]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.sink.failures_to_give = 2;
    h.scan(kGoodCode);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    h.flow.choose_option(0);
    ui.tap("send");
    REQUIRE(h.flow.screen() == Screen::save_failed);
    ui.tap("retry");
    CHECK(h.flow.screen() == Screen::save_failed);
    ui.tap("retry");
    CHECK(h.flow.screen() == Screen::thank_you);
    CHECK(h.sink.saved.size() == 1);
}

TEST_CASE("already rated: the button returns to welcome", "[ui][duplicate]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.sink.mark_rated(kGoodCode, Stage::intake);
    h.scan(kGoodCode);
    REQUIRE(h.flow.screen() == Screen::already_rated);
    ui.tap("home");
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("a long press on welcome's corner, then who, the PIN pad, the admin screen, exit",
          "[ui][staff]") {
    FlowHarness h;
    HeadlessUi ui(h);
    ui.hold("staff_corner", 1.0);
    CHECK(h.flow.screen() == Screen::welcome);
    ui.hold("staff_corner", 3.0);
    REQUIRE(h.flow.screen() == Screen::staff_pin);
    CHECK_FALSE(ui.on_screen("pin.1"));  // first: who is signing in
    ui.tap("staff.admin1");
    for (char digit : std::string(kAdminPin)) {
        ui.tap(std::string("pin.") + digit);
    }
    ui.tap("pin.9");
    ui.tap("pin.erase");
    CHECK(h.flow.pin_length() == 4);
    ui.tap("pin.ok");
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    ui.tap("staff.admin");
    REQUIRE(h.flow.screen() == Screen::staff_admin);
    ui.tap("staff.exit");
    CHECK(h.flow.exit_requested());
}

TEST_CASE("a wrong PIN is refused on screen, and back leaves the pad", "[ui][staff]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.flow.request_staff();
    ui.tap("staff.cb01");
    ui.tap("pin.1");
    ui.tap("pin.ok");
    CHECK(h.flow.pin_problem() == PinProblem::wrong);
    CHECK(h.flow.screen() == Screen::staff_pin);
    ui.tap("back");
    CHECK_FALSE(h.flow.pin_official().has_value());
    ui.tap("back");
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("an official's menu: desk sign-in, the tally and sync, nothing of the unit's",
          "[ui][staff]") {
    FlowHarness h;
    HeadlessUi ui(h, 1080, 1920);
    h.sign_in(2, kOfficialPin);
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    CHECK(ui.on_screen("staff.tally"));
    CHECK(ui.on_screen("staff.sync"));
    CHECK_FALSE(ui.on_screen("staff.report"));
    CHECK_FALSE(ui.on_screen("staff.export"));
    CHECK_FALSE(ui.on_screen("staff.admin"));
    CHECK_FALSE(ui.on_screen("desk.signout"));
    ui.tap("desk.signin");
    REQUIRE(h.flow.desk_official().has_value());
    CHECK(h.flow.desk_official()->id == "cb01");
    CHECK_FALSE(ui.on_screen("desk.signin"));
    ui.tap("staff.sync");
    REQUIRE(h.flow.screen() == Screen::staff_sync);
    CHECK_FALSE(ui.on_screen("sync.now"));  // no server configured
    ui.tap("staff.menu");
    CHECK(h.flow.screen() == Screen::staff_menu);
    ui.tap("desk.signout");
    CHECK_FALSE(h.flow.desk_official().has_value());
    ui.tap("staff.leave");
    CHECK(h.flow.screen() == Screen::welcome);
}

TEST_CASE("the sync screen sends now and shows the progress and the refused ratings",
          "[ui][staff][sync]") {
    struct Control : SyncControl {
        void request_sync_now() override { ++syncs; }
        void request_connection_test() override { ++tests; }
        int syncs = 0;
        int tests = 0;
    };
    FlowHarness h;
    HeadlessUi ui(h, 1920, 1080);
    Control control;
    h.flow.set_sync_control(&control);
    SyncView view;
    view.enabled = true;
    view.pending = 40;
    view.quarantined = 1;
    view.quarantined_items.push_back({"b9d1", "conflict: dossier already rated", 1677636000000});
    h.flow.set_sync_view(view);
    h.sign_in(1, kSupervisorPin);
    ui.tap("staff.sync");
    ui.tap("sync.now");
    CHECK(control.syncs == 1);
    CHECK(h.flow.sync_view().running);
    CHECK_FALSE(ui.on_screen("sync.now"));  // progress instead of the button
    ui.tap("staff.menu");
    CHECK_FALSE(ui.on_screen("staff.admin"));
}

TEST_CASE("touch targets are big enough for a thumb at every supported size", "[ui][layout]") {
    struct Size {
        float w, h;
    };
    for (Size size : {Size{1280, 800}, Size{1920, 1080}, Size{1080, 1920}}) {
        FlowHarness h(true);
        HeadlessUi ui(h, size.w, size.h);
        INFO("display " << size.w << "x" << size.h);
        auto check_all = [&](const char* prefix) {
            ui.frame();
            int found = 0;
            for (const auto& [name, box] : ui.hits().all()) {
                if (name.rfind(prefix, 0) == 0) {
                    INFO(name << " is " << box.w << "x" << box.h << " px, em " << ui.em());
                    CHECK(box.h >= 2.0f * ui.em());
                    CHECK(box.w >= 2.0f * ui.em());
                    CHECK(box.x >= 0);
                    CHECK(box.y >= 0);
                    CHECK(box.x + box.w <= size.w);
                    CHECK(box.y + box.h <= size.h);
                    ++found;
                }
            }
            CHECK(found > 0);
        };
        check_all("start");
        h.flow.begin_code_entry();
        check_all("key.");
        h.scan(kGoodCode);
        check_all("stage.");
        h.flow.choose_stage(Stage::result_return);
        check_all("answer.");
        check_all("back");
    }
}

TEST_CASE("every icon the shipped form names is drawn by the kiosk", "[ui][icons]") {
    Form form = load_form_file(assets_dir() / "forms" / "dienbien-phieu4.json");
    for (const Question& question : form.questions) {
        for (const AnswerOption& option : question.options) {
            INFO(question.id << "/" << option.id << " icon " << option.icon);
            CHECK(ui::is_known_icon(option.icon));
        }
    }
}
