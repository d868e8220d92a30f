// The staff tally against the real `motcua tally --json` on the same database, what an
// official may see, and the headless tally screen clicked through.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "core/form.hpp"
#include "reporting/tally_render.hpp"
#include "run_process.hpp"
#include "staff_reports_fixture.hpp"
#include "ui_harness.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;
using nlohmann::json;

namespace {

// 2023-03-01 09:00 in Vietnam, as the flow harness's clock.
constexpr UtcMillis kMorning = 1677636000000;
const std::string kToday = "2023-03-01";

test::ProcessResult motcua_cli(const std::vector<std::string>& args,
                               const std::filesystem::path& database) {
    std::vector<std::string> all = args;
    all.push_back("--db");
    all.push_back(database.string());
    test::ProcessResult result = test::run_process(MOTCUA_EXE, all);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result;
}

// Three days of demo ratings ending today, one of them voided.
void fill_with_demo_data(const std::filesystem::path& database) {
    motcua_cli(
        {"demo-data", "--ratings", "400", "--days", "3", "--seed", "7", "--end-date", kToday},
        database);
    Store store(database);
    std::vector<Rating> today = store.list_ratings(RatingFilter{kToday, kToday, std::nullopt});
    REQUIRE(today.size() > 2);
    motcua_cli({"void", today.front().id, "--reason", "typed twice"}, database);
}

json cli_tally(const std::filesystem::path& database, const std::string& date) {
    return json::parse(motcua_cli({"tally", "--date", date, "--json"}, database).out);
}

json screen_tally(const StaffReports& reports) {
    REQUIRE(reports.tally().has_value());
    return json::parse(day_tally_to_json(*reports.tally()).dump());
}

const StaffMember kSupervisor{"cb01", "Supervisor", StaffRole::supervisor};

}  // namespace

TEST_CASE("the staff tally agrees with `motcua tally --json` on every figure, day by day",
          "[staff_reports][tally]") {
    ManualClock clock(kMorning);
    Form form = load_form_file(default_config("unused.db").form_profile);
    ReportsBackend backend(form, clock);
    fill_with_demo_data(backend.database);

    StaffReports& reports = backend.reports;
    reports.refresh_for(kSupervisor);
    CHECK(reports.day() == kToday);
    CHECK(reports.day_is_today());
    for (const std::string& date : {kToday, std::string("2023-02-28"), std::string("2023-02-27"),
                                    std::string("2023-02-26")}) {
        INFO(date);
        REQUIRE(reports.day() == date);
        json expected = cli_tally(backend.database, date);
        json shown = screen_tally(reports);
        CHECK(shown == expected);
        reports.previous_day();
    }
    json today = cli_tally(backend.database, kToday);
    CHECK(today["voided"] == 1);
    CHECK(today["ratings"].get<int>() > 0);
    CHECK(today["officials"]["shown"].size() > 1);
    // The kiosk form never completes a row, so the screen's band is the projected one.
    CHECK(today["indicators"]["band"].is_null());
    CHECK(today["indicators"]["projected_band"].is_object());

    reports.show_today();
    CHECK(reports.day() == kToday);
    reports.next_day();  // never past today
    CHECK(reports.day() == kToday);
}

TEST_CASE("an official sees the unit's figures and only their own per-official figures",
          "[staff_reports][tally]") {
    ManualClock clock(kMorning);
    Form form = load_form_file(default_config("unused.db").form_profile);
    ReportsBackend backend(form, clock);
    fill_with_demo_data(backend.database);
    json expected = cli_tally(backend.database, kToday);
    REQUIRE(expected["officials"]["shown"].size() > 1);
    std::string own_id = expected["officials"]["shown"][1]["official_id"];

    StaffReports& reports = backend.reports;
    reports.refresh_for(StaffMember{own_id, "Official", StaffRole::official});
    json shown = screen_tally(reports);
    REQUIRE(shown["officials"]["shown"].size() == 1);
    CHECK(shown["officials"]["shown"][0] == expected["officials"]["shown"][1]);
    shown["officials"]["shown"] = expected["officials"]["shown"];
    CHECK(shown == expected);  // everything else is the unit's, as the CLI prints it

    // An official below the minimum sees no per-official row at all.
    reports.refresh_for(StaffMember{"nobody", "Nobody", StaffRole::official});
    CHECK(screen_tally(reports)["officials"]["shown"].empty());
    // A new viewer starts again from today.
    reports.previous_day();
    reports.refresh_for(kSupervisor);
    CHECK(reports.day() == kToday);
}

TEST_CASE("the tally screen: day picker and tabs, then back to the staff menu",
          "[staff_reports][tally][ui]") {
    FlowHarness h;
    HeadlessUi ui(h);
    fill_with_demo_data(ui.reports().database);
    h.press(FlowKey::staff);
    h.type_by_hand("1");  // the admin is first on the staff list
    h.type_by_hand(kAdminPin);
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    REQUIRE(h.flow.open_staff_screen(Screen::staff_tally));

    StaffReports& reports = ui.reports().reports;
    CHECK(ui.on_screen("tally.previous_day"));
    CHECK(reports.day() == kToday);
    CHECK_FALSE(ui.on_screen("tally.next_day"));  // today is the last day
    ui.tap("tally.previous_day");
    CHECK(reports.day() == "2023-02-28");
    REQUIRE(reports.tally().has_value());
    CHECK(reports.tally()->date == "2023-02-28");
    ui.tap("tally.tab.1");
    ui.frame();
    ui.tap("tally.tab.2");
    ui.tap("tally.today");
    CHECK(reports.day() == kToday);
    ui.tap("back");
    CHECK(h.flow.screen() == Screen::staff_menu);
}
