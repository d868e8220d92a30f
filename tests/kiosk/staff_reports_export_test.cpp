// The period report behind the staff screens against `motcua report --json`, the periods it
// steps through, the export (CSV with BOM + XLSX, audit entry, plain failure), and the report
// and export screens clicked through headless.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/config.hpp"
#include "core/form.hpp"
#include "reporting/report_render.hpp"
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

std::string run_motcua(const std::vector<std::string>& args,
                       const std::filesystem::path& database) {
    std::vector<std::string> all = args;
    all.push_back("--db");
    all.push_back(database.string());
    test::ProcessResult result = test::run_process(MOTCUA_EXE, all);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

// Demo ratings over February and the first day of March.
void fill_with_demo_data(const std::filesystem::path& database) {
    run_motcua({"demo-data", "--ratings", "500", "--days", "29", "--seed", "3", "--end-date",
                "2023-03-01"},
               database);
}

json cli_report(const std::filesystem::path& database, const DateRange& period,
                const std::string& by) {
    return json::parse(run_motcua(
        {"report", "--from", period.from, "--to", period.to, "--by", by, "--format", "json"},
        database));
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream content;
    content << file.rdbuf();
    return content.str();
}

const StaffMember kSupervisor{"cb01", "Supervisor", StaffRole::supervisor};

}  // namespace

TEST_CASE("periods: the month, quarter or year around a day, and stepping through them",
          "[staff_reports][report]") {
    CHECK(period_containing(PeriodKind::month, "2024-02-10") ==
          DateRange{"2024-02-01", "2024-02-29"});
    CHECK(period_containing(PeriodKind::month, "2023-12-31") ==
          DateRange{"2023-12-01", "2023-12-31"});
    CHECK(period_containing(PeriodKind::quarter, "2023-05-15") ==
          DateRange{"2023-04-01", "2023-06-30"});
    CHECK(period_containing(PeriodKind::quarter, "2023-12-01") ==
          DateRange{"2023-10-01", "2023-12-31"});
    CHECK(period_containing(PeriodKind::year, "2023-05-15") ==
          DateRange{"2023-01-01", "2023-12-31"});

    ManualClock clock(kMorning);
    Form form = load_form_file(default_config("unused.db").form_profile);
    ReportsBackend backend(form, clock);
    StaffReports& reports = backend.reports;
    reports.refresh_for(kSupervisor);
    CHECK(reports.period() == DateRange{"2023-03-01", "2023-03-31"});
    reports.previous_period();
    CHECK(reports.period() == DateRange{"2023-02-01", "2023-02-28"});
    reports.set_period_kind(PeriodKind::quarter);
    CHECK(reports.period() == DateRange{"2023-01-01", "2023-03-31"});
    reports.next_period();
    CHECK(reports.period() == DateRange{"2023-04-01", "2023-06-30"});
    reports.set_period_kind(PeriodKind::year);
    CHECK(reports.period() == DateRange{"2023-01-01", "2023-12-31"});
    reports.previous_period();
    CHECK(reports.period() == DateRange{"2022-01-01", "2022-12-31"});
    reports.set_period_kind(PeriodKind::custom);
    reports.move_custom_from(300);
    CHECK(reports.period() == DateRange{"2022-10-28", "2022-12-31"});
    reports.move_custom_to(-70);  // the start follows the end rather than cross it
    CHECK(reports.period() == DateRange{"2022-10-22", "2022-10-22"});
    reports.next_period();  // a custom range moves by its own length
    CHECK(reports.period() == DateRange{"2022-10-23", "2022-10-23"});
    CHECK(reports.unit_report().has_value());  // an empty store still reports (no ratings)
    CHECK(reports.unit_report()->ratings == 0);
}

TEST_CASE("the period report shown equals `motcua report --json`, by unit and by official",
          "[staff_reports][report]") {
    ManualClock clock(kMorning);
    Form form = load_form_file(default_config("unused.db").form_profile);
    ReportsBackend backend(form, clock);
    fill_with_demo_data(backend.database);
    StaffReports& reports = backend.reports;
    reports.refresh_for(kSupervisor);
    reports.previous_period();  // February 2023
    REQUIRE(reports.unit_report().has_value());
    REQUIRE(reports.official_report().has_value());
    json unit = cli_report(backend.database, reports.period(), "unit");
    json by_official = cli_report(backend.database, reports.period(), "official");
    CHECK(json::parse(period_report_to_json(*reports.unit_report()).dump()) == unit);
    CHECK(json::parse(period_report_to_json(*reports.official_report()).dump()) == by_official);
    REQUIRE(by_official["rows"].size() > 1);
    CHECK(unit["rows"][0]["projected_band"].is_object());

    // An official sees their own row only.
    std::string own = by_official["rows"][1]["key"];
    reports.refresh_for(StaffMember{own, "Official", StaffRole::official});
    reports.previous_period();
    REQUIRE(reports.official_report()->rows.size() == 1);
    CHECK(json::parse(period_report_to_json(*reports.official_report()).dump())["rows"][0] ==
          by_official["rows"][1]);
}

TEST_CASE("export: CSV with a byte-order mark and XLSX, an audit entry, a plain failure",
          "[staff_reports][export]") {
    ManualClock clock(kMorning);
    Form form = load_form_file(default_config("unused.db").form_profile);
    ReportsBackend backend(form, clock);
    fill_with_demo_data(backend.database);
    std::filesystem::create_directories(backend.folder / "media" / "kiosk" / "USB ĐIỆN BIÊN");
    StaffReports& reports = backend.reports;
    reports.refresh_for(kSupervisor);
    reports.previous_period();

    REQUIRE(reports.folders().size() == 2);
    CHECK(reports.folders()[0].is_default);
    CHECK(reports.folders()[0].path == backend.folder / "exports");
    CHECK(reports.folders()[1].path == backend.folder / "media" / "kiosk" / "USB ĐIỆN BIÊN");

    SECTION("into the default folder") {
        reports.export_report();
        REQUIRE(reports.last_export().has_value());
        INFO(reports.last_export()->error);
        REQUIRE(reports.last_export()->status == ExportStatus::written);
        std::vector<std::string> expected_files = {"motcua-report-2023-02-01-2023-02-28.csv",
                                                   "motcua-report-2023-02-01-2023-02-28.xlsx"};
        CHECK(reports.last_export()->files == expected_files);
        std::filesystem::path folder = backend.folder / "exports";
        std::string csv = read_file(folder / expected_files[0]);
        // The unit's CSV then the officials' rows under the same header, as `motcua report`.
        std::string unit_csv =
            run_motcua({"report", "--from", "2023-02-01", "--to", "2023-02-28", "--format", "csv"},
                       backend.database);
        std::string official_csv = run_motcua({"report", "--from", "2023-02-01", "--to",
                                               "2023-02-28", "--by", "official", "--format", "csv"},
                                              backend.database);
        CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK(csv == unit_csv + official_csv.substr(official_csv.find("\r\n") + 2));

        test::ProcessResult strings = test::run_process(
            "/usr/bin/unzip",
            {"-p", (folder / expected_files[1]).string(), "xl/sharedStrings.xml"});
        REQUIRE(strings.exit_code == 0);
        CHECK(strings.out.find("TÊN CƠ QUAN, ĐƠN VỊ / CÁN BỘ") != std::string::npos);
        CHECK(strings.out.find("I. Toàn đơn vị") != std::string::npos);
        CHECK(strings.out.find("II. Theo cán bộ") != std::string::npos);
        Store store(backend.database);
        for (const Official& official : store.list_officials()) {
            if (csv.find(official.name) != std::string::npos) {
                CHECK(strings.out.find(official.name) != std::string::npos);
            }
        }
        std::vector<AuditEntry> audit = store.list_audit(0, kMorning + 1);
        REQUIRE_FALSE(audit.empty());
        CHECK(audit.front().action == "export");
        CHECK(audit.front().actor == "cb01");
        CHECK(audit.front().subject == (folder / expected_files[0]).string());
        CHECK_FALSE(std::filesystem::exists(folder / (expected_files[0] + ".part")));
    }

    SECTION("onto a stick pulled out meanwhile: a plain failure, nothing left behind") {
        std::filesystem::path stick = reports.folders()[1].path;
        reports.choose_folder(1);
        std::filesystem::remove_all(stick);
        reports.export_report();
        REQUIRE(reports.last_export().has_value());
        CHECK(reports.last_export()->status == ExportStatus::not_writable);
        CHECK(reports.last_export()->files.empty());
        CHECK_FALSE(std::filesystem::exists(stick));
        Store store(backend.database);
        CHECK(store.list_audit(0, kMorning + 1).empty());
    }
}

TEST_CASE("the report and export screens: periods, export, back", "[staff_reports][ui]") {
    FlowHarness h;
    HeadlessUi ui(h);
    fill_with_demo_data(ui.reports().database);
    h.press(FlowKey::staff);
    h.type_by_hand("1");  // the admin is first on the staff list
    h.type_by_hand(kAdminPin);
    h.press(FlowKey::enter);
    REQUIRE(h.flow.screen() == Screen::staff_menu);
    REQUIRE(h.flow.open_staff_screen(Screen::staff_report));

    StaffReports& reports = ui.reports().reports;
    ui.tap("report.previous");
    CHECK(reports.period() == DateRange{"2023-02-01", "2023-02-28"});
    ui.tap("report.kind.1");
    CHECK(reports.period_kind() == PeriodKind::quarter);
    CHECK(reports.period() == DateRange{"2023-01-01", "2023-03-31"});
    ui.tap("report.kind.3");
    CHECK(reports.period_kind() == PeriodKind::custom);
    ui.tap("report.from.back_day");
    CHECK(reports.period().from == "2022-12-31");
    ui.tap("report.to.forward_month");
    CHECK(reports.period().to == "2023-04-30");
    ui.tap("report.kind.0");
    CHECK(reports.period() == DateRange{"2022-12-01", "2022-12-31"});
    ui.tap("report.next");
    CHECK(reports.period() == DateRange{"2023-01-01", "2023-01-31"});

    ui.tap("report.export");
    REQUIRE(h.flow.screen() == Screen::staff_export);
    CHECK(reports.period() == DateRange{"2023-01-01", "2023-01-31"});  // the period shown
    ui.tap("export.save");
    REQUIRE(reports.last_export().has_value());
    CHECK(reports.last_export()->status == ExportStatus::written);
    CHECK(std::filesystem::exists(ui.reports().folder / "exports" /
                                  "motcua-report-2023-01-01-2023-01-31.xlsx"));
    ui.tap("back");
    CHECK(h.flow.screen() == Screen::staff_report);
    ui.tap("back");
    CHECK(h.flow.screen() == Screen::staff_menu);
}
