// The paper-entry, void and audit screens drawn headless: taps on the buttons they drew carry
// a paper form into the store's sink, void a stored rating with a reason typed on the
// on-screen keyboard, and page, filter and export the audit log.
#include <catch2/catch.hpp>

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

// A citizen's rating made through the flow, then put in the UI harness's real store.
Rating stored_rating(FlowHarness& h, HeadlessUi& ui, const char* code) {
    h.scan(code);
    if (h.flow.screen() == Screen::stage_choice) {
        h.flow.choose_stage(h.form.stages.back());
    }
    while (h.flow.screen() == Screen::question) {
        h.flow.choose_option(0);
    }
    h.flow.send();
    h.flow.finish();
    Rating rating = h.sink.saved.back();
    ui.reports().connection.get()->save_rating(rating);
    return rating;
}

}  // namespace

TEST_CASE("a supervisor taps a paper form in, from the menu to the saved message", "[ui][paper]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.sign_in(1, kSupervisorPin);
    ui.tap("staff.paper");
    REQUIRE(h.flow.screen() == Screen::staff_paper);
    tap_code(ui, kGoodCode);
    CHECK(h.flow.paper().code_text() == kGoodCode);
    ui.tap("paper.code.ok");
    REQUIRE(h.flow.paper().step() == PaperStep::question);
    ui.tap("paper.option.2");  // dissatisfied: its follow-up choices show
    CHECK(h.flow.paper().follow_up_shown());
    ui.tap("paper.follow_up.0");
    CHECK(h.flow.paper().follow_up_picked(0));
    ui.tap("paper.next");
    ui.tap("paper.option.0");
    ui.tap("paper.skip");
    REQUIRE(h.flow.paper().step() == PaperStep::official);
    ui.tap("paper.official.2");
    REQUIRE(h.flow.paper().step() == PaperStep::review);
    ui.tap("paper.edit.1");  // change the second answer, then back to review
    ui.tap("paper.option.1");
    REQUIRE(h.flow.paper().step() == PaperStep::review);
    ui.tap("paper.save");
    REQUIRE(h.sink.saved.size() == 1);
    const Rating& rating = h.sink.saved[0];
    CHECK(rating.channel == Channel::paper);
    CHECK(rating.official_id == "cb01");
    CHECK(find_answer(rating, "attitude")->follow_ups == std::vector<std::string>{"rude"});
    CHECK(find_answer(rating, "contacts")->option_id == "once");
    CHECK(h.flow.paper().message() == PaperMessage::saved);
    CHECK(ui.on_screen("paper.code.ok"));  // ready for the next form
    ui.tap("staff.menu");
    CHECK(h.flow.screen() == Screen::staff_menu);
}

TEST_CASE("a supervisor dates a paper form on the date step, and changes it from the review",
          "[ui][paper][date]") {
    for (auto [width, height] :
         {std::pair{1920.0f, 1080.0f}, std::pair{1080.0f, 1920.0f}, std::pair{1280.0f, 800.0f}}) {
        INFO(width << "x" << height);
        FlowHarness h;
        HeadlessUi ui(h, width, height);
        h.sign_in(1, kSupervisorPin);
        ui.tap("staff.paper");
        PaperEntry& paper = h.flow.paper();
        ui.tap("paper.date.change");
        REQUIRE(paper.step() == PaperStep::date);
        ui.tap("paper.date.next");  // not past today
        CHECK(paper.message() == PaperMessage::date_in_future);
        ui.tap("paper.date.day.3");
        CHECK(paper.days_back() == 3);
        ui.tap("paper.date.next");
        CHECK(paper.days_back() == 2);
        ui.tap("paper.date.previous");
        ui.tap("paper.date.previous");
        CHECK(paper.days_back() == 4);
        ui.tap("paper.date.done");
        REQUIRE(paper.step() == PaperStep::code);
        tap_code(ui, kGoodCode);
        ui.tap("paper.code.ok");
        while (paper.step() == PaperStep::question) {
            ui.tap("paper.option.0");
        }
        ui.tap("paper.official.0");
        REQUIRE(paper.step() == PaperStep::review);
        ui.tap("paper.edit.date");
        REQUIRE(paper.step() == PaperStep::date);
        ui.tap("paper.date.day.1");
        ui.tap("paper.date.done");
        REQUIRE(paper.step() == PaperStep::review);
        ui.tap("paper.save");
        REQUIRE(h.sink.saved.size() == 1);
        CHECK(h.sink.saved[0].local_date == "2023-02-28");
    }
}

TEST_CASE("a supervisor voids a stored rating with a reason typed on the keyboard", "[ui][void]") {
    FlowHarness h;
    HeadlessUi ui(h);
    Rating rating = stored_rating(h, ui, kGoodCode);
    h.sign_in(1, kSupervisorPin);
    ui.tap("staff.void");
    REQUIRE(h.flow.screen() == Screen::staff_void);
    ui.tap("void.rating.0");
    REQUIRE(h.flow.voids().step() == VoidStep::reason);
    ui.tap("void.ask");  // no reason yet
    CHECK(h.flow.voids().message() == VoidMessage::reason_needed);
    ui.tap("kbd.case");
    ui.tap("kbd.S");
    ui.tap("kbd.case");
    for (const char* key : {"kbd.a", "kbd.i", "kbd.space", "kbd.m", "kbd.a"}) {
        ui.tap(key);
    }
    ui.tap("kbd.tone.3");  // tilde on the last "a"
    CHECK(h.flow.voids().reason() == "Sai mã");
    ui.tap("kbd.erase");
    ui.tap("kbd.ă");
    CHECK(h.flow.voids().reason() == "Sai mă");
    ui.tap("void.ask");
    REQUIRE(h.flow.voids().step() == VoidStep::confirm);
    ui.tap("void.no");  // back to the reason, kept
    CHECK(h.flow.voids().step() == VoidStep::reason);
    ui.tap("void.ask");
    ui.tap("void.yes");
    CHECK(h.flow.voids().message() == VoidMessage::voided);
    std::optional<VoidRecord> record = ui.reports().connection.get()->find_void(rating.id);
    REQUIRE(record.has_value());
    CHECK(record->reason == "Sai mă");
    CHECK(record->actor == "sup1");
    CHECK_FALSE(ui.on_screen("void.rating.0"));  // the day's list is empty now
}

TEST_CASE("the void screen finds a rating by the code typed on its keypad", "[ui][void]") {
    FlowHarness h(true);
    HeadlessUi ui(h);
    Rating rating = stored_rating(h, ui, kGoodCode);  // at the return of results
    h.sign_in(0, kAdminPin);
    ui.tap("staff.void");
    ui.tap("void.tab.1");
    tap_code(ui, kGoodCode);
    ui.tap("void.find");  // at intake: nothing
    CHECK(h.flow.voids().message() == VoidMessage::not_found);
    ui.tap("void.stage.2");
    ui.tap("void.find");
    REQUIRE(h.flow.voids().step() == VoidStep::reason);
    CHECK(h.flow.voids().chosen()->id == rating.id);
}

TEST_CASE("the void screen's code panel refuses a code, clears it, and takes a scan",
          "[ui][void][code_field]") {
    FlowHarness h;
    HeadlessUi ui(h);
    Rating rating = stored_rating(h, ui, kGoodCode);
    h.sign_in(1, kSupervisorPin);
    ui.tap("staff.void");
    ui.tap("void.tab.1");
    VoidDesk& voids = h.flow.voids();
    CHECK_FALSE(ui.on_screen("void.clear"));  // nothing to clear yet
    tap_code(ui, "000.00.24.H18-2212");
    ui.tap("void.find");
    CHECK(voids.message() == VoidMessage::code_refused);
    CHECK(voids.code_problem() == DossierCodeProblem::bad_shape);
    tap_code(ui, "28-0001");  // the keypad finishes the refused code
    CHECK(voids.code_text() == kGoodCode);
    ui.tap("void.clear");
    CHECK(voids.code_text().empty());
    tap_code(ui, "000.00");
    h.scan(kGoodCode);  // a scan starts a new code after keypad taps
    REQUIRE(voids.step() == VoidStep::reason);
    CHECK(voids.chosen()->id == rating.id);
    CHECK(ui.on_screen("kbd.space"));  // the reason's keyboard is drawn
}

TEST_CASE("the audit screen pages, filters and exports the log, and changes nothing",
          "[ui][audit]") {
    FlowHarness h;
    HeadlessUi ui(h);
    Store& store = *ui.reports().connection.get();
    for (int i = 0; i < 30; ++i) {
        store.append_audit({0, h.clock.now_utc() + i * 1000, "sup1",
                            i % 3 == 0 ? "void" : "signin_ok", "subject " + std::to_string(i),
                            "chi tiết " + std::to_string(i)});
    }
    h.clock.advance_ms(60000);
    h.sign_in(1, kSupervisorPin);
    ui.tap("staff.audit");
    REQUIRE(h.flow.screen() == Screen::staff_audit);
    AuditViewer& audit = h.flow.audit_log();
    REQUIRE(audit.entries().size() == 30);
    ui.frame();
    REQUIRE(audit.page_count() > 1);  // 30 rows do not fit one page at 1280x800
    ui.tap("audit.next_page");
    CHECK(audit.page() == 1);
    ui.tap("audit.filter.3");  // voids and paper forms
    CHECK(audit.entries().size() == 10);
    CHECK(audit.page() == 0);
    ui.tap("audit.export");
    ui.tap("audit.save");
    REQUIRE(audit.last_export().has_value());
    CHECK(audit.last_export()->status == ExportStatus::written);
    CHECK(std::filesystem::exists(ui.reports().folder / "exports" /
                                  audit.last_export()->files.at(0)));
    ui.tap("audit.export_back");
    CHECK(ui.on_screen("audit.filter.0"));
    // Every entry is still there, unchanged, and the export was added.
    std::vector<AuditEntry> entries = store.list_audit(0, h.clock.now_utc() + 1);
    CHECK(entries.size() == 31);
    CHECK(entries.front().action == "export");
}

TEST_CASE("an official's menu has no paper entry, void or audit log", "[ui][roles]") {
    FlowHarness h;
    HeadlessUi ui(h);
    h.sign_in(2, kOfficialPin);
    CHECK(ui.on_screen("staff.tally"));
    CHECK_FALSE(ui.on_screen("staff.paper"));
    CHECK_FALSE(ui.on_screen("staff.void"));
    CHECK_FALSE(ui.on_screen("staff.audit"));
}

TEST_CASE("the corrections screens fit at every supported size", "[ui][layout]") {
    struct Size {
        float w, h;
    };
    for (Size size : {Size{1280, 800}, Size{1920, 1080}, Size{1080, 1920}}) {
        FlowHarness h(true);
        HeadlessUi ui(h, size.w, size.h);
        INFO("display " << size.w << "x" << size.h);
        stored_rating(h, ui, kGoodCode);
        auto check_all = [&](const char* prefix) {
            ui.frame();
            int found = 0;
            for (const auto& [name, box] : ui.hits().all()) {
                if (name.rfind(prefix, 0) == 0) {
                    INFO(name << " is " << box.w << "x" << box.h << " px at " << box.x << ","
                              << box.y << ", em " << ui.em());
                    CHECK(box.h >= 2.0f * ui.em());
                    CHECK(box.w >= 1.5f * ui.em());
                    CHECK(box.x >= 0);
                    CHECK(box.y >= 0);
                    CHECK(box.x + box.w <= size.w + 0.5f);
                    CHECK(box.y + box.h <= size.h + 0.5f);
                    ++found;
                }
            }
            CHECK(found > 0);
        };
        h.sign_in(0, kAdminPin);
        check_all("staff.");
        REQUIRE(h.flow.open_staff_screen(Screen::staff_paper));
        check_all("key.");
        h.flow.paper().type_on_keypad(kOtherCode);
        h.flow.paper().submit_code();
        check_all("paper.stage.");
        h.flow.paper().choose_stage(2);
        check_all("paper.option.");
        h.flow.paper().choose_option(2);
        check_all("paper.follow_up.");
        h.flow.back_to_staff_menu();
        REQUIRE(h.flow.open_staff_screen(Screen::staff_void));
        check_all("void.rating.");
        ui.tap("void.tab.1");
        h.flow.voids().type_on_keypad(kOtherCode);
        check_all("void.");  // the stages, find and clear beside or under the code panel
        check_all("key.");
        ui.tap("void.tab.0");
        h.flow.voids().choose(0);
        check_all("kbd.");
        h.flow.back_to_staff_menu();
        REQUIRE(h.flow.open_staff_screen(Screen::staff_audit));
        check_all("audit.");
    }
}
