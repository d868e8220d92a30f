// Voids and the audit log through the flow, on a real Store (StoreStaffRecords over the
// ReportsBackend's database): the reason is required, a voided rating leaves the day's tally
// and is in the audit log, only supervisors and admins get there; the search by dossier code
// types in the shared DossierCodeField (keypad, keyboard, scanner; refused like the paper
// form); officials are named from the officials table; the audit viewer shows a
// real store's entries newest first, filters and pages them, and exports them as CSV (checked
// cell by cell, Vietnamese included), the export itself audited.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "flow_fixture.hpp"
#include "kiosk/app/staff_records_store.hpp"
#include "reporting/csv.hpp"
#include "staff_reports_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

namespace {

constexpr std::size_t kSupervisor = 1;
constexpr std::size_t kOfficial = 2;

void ignore_log(std::string_view) {}

// The flow on its manual clock, with the corrections screens reading and writing a real store.
struct RecordsHarness {
    RecordsHarness()
        : backend(h.form, h.clock),
          records(backend.connection, h.clock, setup(backend.folder), ignore_log) {
        h.flow.set_staff_records(&records);
    }
    static app::StaffRecordsSetup setup(const std::filesystem::path& folder) {
        app::StaffRecordsSetup s;
        s.default_folder = folder / "exports";
        s.media_root = folder / "media";
        s.language = Language::vi;
        return s;
    }
    Store& store() { return *backend.connection.get(); }

    // A citizen's rating of `code` today, made through the flow and stored.
    Rating rate(const char* code) {
        h.scan(code);
        h.flow.choose_option(0);
        h.flow.choose_option(0);
        h.flow.choose_option(0);
        h.flow.send();
        REQUIRE(!h.sink.saved.empty());
        Rating rating = h.sink.saved.back();
        store().save_rating(rating);
        h.flow.finish();
        return rating;
    }

    FlowHarness h;
    ReportsBackend backend;
    app::StoreStaffRecords records;
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// RFC 4180 records of a CSV document (after its byte-order mark).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(field);
            records.push_back(record);
            record.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

}  // namespace

TEST_CASE("a void needs a reason, leaves the tally and is in the audit log", "[flow][void]") {
    RecordsHarness r;
    Rating first = r.rate(kGoodCode);
    Rating second = r.rate(kOtherCode);
    r.h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_void));
    VoidDesk& voids = r.h.flow.voids();
    REQUIRE(voids.day_ratings().size() == 2);
    CHECK(voids.day() == "2023-03-01");

    voids.choose(1);
    REQUIRE(voids.step() == VoidStep::reason);
    REQUIRE(voids.chosen().has_value());
    CHECK(voids.chosen()->id == second.id);
    voids.ask_confirmation();  // blank reason
    CHECK(voids.message() == VoidMessage::reason_needed);
    CHECK(voids.step() == VoidStep::reason);
    voids.type_reason("   ");
    voids.ask_confirmation();  // white space only
    CHECK(voids.message() == VoidMessage::reason_needed);
    voids.erase_reason();
    voids.erase_reason();
    voids.erase_reason();
    voids.type_reason("Nhap nham ma ho so");
    voids.apply_tone(ToneMark::dot);  // the tone keys mark the last vowel
    CHECK(voids.reason() == "Nhap nham ma ho sọ");
    voids.apply_tone(ToneMark::dot);  // the same key again takes it off
    CHECK(voids.reason() == "Nhap nham ma ho so");
    voids.ask_confirmation();
    REQUIRE(voids.step() == VoidStep::confirm);
    voids.confirm_void();
    CHECK(voids.message() == VoidMessage::voided);
    CHECK(voids.voided_code() == kOtherCode);
    CHECK(voids.step() == VoidStep::find);
    REQUIRE(voids.day_ratings().size() == 1);  // the list is read again
    CHECK(voids.day_ratings()[0].id == first.id);

    std::optional<VoidRecord> record = r.store().find_void(second.id);
    REQUIRE(record.has_value());
    CHECK(record->reason == "Nhap nham ma ho so");
    CHECK(record->actor == "sup1");
    CHECK(r.store().find_rating(second.id).has_value());  // still stored

    bool audited = false;
    for (const AuditEntry& entry : r.store().list_audit(0, r.h.clock.now_utc() + 1)) {
        audited = audited || (entry.action == "void" && entry.actor == "sup1" &&
                              entry.subject == second.id && entry.detail == record->reason);
    }
    CHECK(audited);

    r.backend.reports.refresh_for(*r.h.flow.staff_member());
    REQUIRE(r.backend.reports.tally().has_value());
    CHECK(r.backend.reports.tally()->ratings == 1);
    CHECK(r.backend.reports.tally()->voided == 1);
}

TEST_CASE("a rating is found by dossier code and stage, and a second void is refused",
          "[flow][void]") {
    RecordsHarness r;
    Rating rating = r.rate(kGoodCode);
    r.h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_void));
    VoidDesk& voids = r.h.flow.voids();
    r.h.scan("000.00.24.H18-2212");  // a scanner on the find step
    CHECK(voids.message() == VoidMessage::code_refused);
    r.h.scan(kOtherCode);  // fits, but nobody rated it
    CHECK(voids.message() == VoidMessage::not_found);
    voids.clear_code();
    voids.type_on_keypad(kGoodCode);
    voids.find_by_code();
    REQUIRE(voids.step() == VoidStep::reason);
    CHECK(voids.chosen()->id == rating.id);
    for (char32_t c : std::u32string(U"Phiếu thử")) {  // a hardware keyboard types the reason
        r.h.flow.on_char(c);
    }
    CHECK(voids.reason() == "Phiếu thử");
    r.h.press(FlowKey::enter);
    REQUIRE(voids.step() == VoidStep::confirm);

    // Voided meanwhile (say, with `motcua void`): refused, nothing else changes.
    r.store().void_rating(rating.id, "by the CLI", "cli", r.h.clock.now_utc());
    voids.confirm_void();
    CHECK(voids.message() == VoidMessage::refused);
    CHECK(r.store().find_void(rating.id)->reason == "by the CLI");
}

TEST_CASE("the void search types in the shared code field: keypad, keyboard, scanner",
          "[flow][void][code_field]") {
    RecordsHarness r;
    Rating rating = r.rate(kGoodCode);
    r.h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_void));
    VoidDesk& voids = r.h.flow.voids();

    // Keypad taps add to what is there, a refusal included (the supervisor finishes the code).
    voids.type_on_keypad("000.00.24.H18-2212");
    voids.find_by_code();
    CHECK(voids.message() == VoidMessage::code_refused);
    CHECK(voids.code_problem() == DossierCodeProblem::bad_shape);
    voids.type_on_keypad("28-0001");
    CHECK(voids.code_text() == kGoodCode);
    CHECK(voids.message() == VoidMessage::none);
    CHECK(voids.code_problem() == DossierCodeProblem::none);
    voids.erase_code();
    voids.type_on_keypad("9");
    CHECK(voids.code_text() == "000.00.24.H18-221228-0009");

    // A keyboard after keypad taps starts a new code; Enter looks it up.
    r.h.type_by_hand(kGoodCode);
    CHECK(voids.code_text() == kGoodCode);
    r.h.press(FlowKey::enter);
    REQUIRE(voids.step() == VoidStep::reason);
    CHECK(voids.chosen()->id == rating.id);
    CHECK(voids.code_text().empty());  // the next search starts empty
    voids.back();

    // The same normalisation as every code screen: white space, lower case.
    r.h.scan(" 000.00.24.h18-221228-0001 ");
    REQUIRE(voids.step() == VoidStep::reason);
    CHECK(voids.chosen()->id == rating.id);
}

TEST_CASE("a scan replaces a refused code or one not found, never adds to it",
          "[flow][void][code_field]") {
    RecordsHarness r;
    Rating rating = r.rate(kGoodCode);
    r.h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_void));
    VoidDesk& voids = r.h.flow.voids();

    r.h.scan("000.00.24.H18-2212");
    CHECK(voids.message() == VoidMessage::code_refused);
    CHECK(voids.code_text() == "000.00.24.H18-2212");  // shown as it was read
    r.h.scan(kOtherCode);
    CHECK(voids.message() == VoidMessage::not_found);
    CHECK(voids.code_text() == kOtherCode);  // kept, for another stage or a keypad fix
    r.h.scan(kGoodCode);
    REQUIRE(voids.step() == VoidStep::reason);
    CHECK(voids.chosen()->id == rating.id);

    // Backspace from a keyboard erases in the field; Enter on an empty field is refused.
    voids.back();
    r.h.type_by_hand("0");
    r.h.press(FlowKey::backspace);
    CHECK(voids.code_text().empty());
    r.h.press(FlowKey::enter);
    CHECK(voids.message() == VoidMessage::code_refused);
    CHECK(voids.code_problem() == DossierCodeProblem::empty);
}

TEST_CASE("the void search refuses a code exactly as the paper form does",
          "[flow][void][code_field]") {
    RecordsHarness r;
    r.h.sign_in(kSupervisor, kSupervisorPin);
    for (std::string typed : {std::string(), std::string("000.00.24.H18-2212"),
                              std::string("000.00.24.H18-221228-0001/"), std::string(90, '1')}) {
        INFO("typed: " << typed);
        REQUIRE(r.h.flow.open_staff_screen(Screen::staff_paper));
        r.h.type(typed);
        r.h.flow.paper().submit_code();
        CHECK(r.h.flow.paper().message() == PaperMessage::code_refused);
        DossierCodeProblem paper_problem = r.h.flow.paper().code_problem();
        std::string paper_text = r.h.flow.paper().code_text();
        r.h.flow.back_to_staff_menu();

        REQUIRE(r.h.flow.open_staff_screen(Screen::staff_void));
        r.h.type(typed);
        r.h.flow.voids().find_by_code();
        CHECK(r.h.flow.voids().message() == VoidMessage::code_refused);
        CHECK(r.h.flow.voids().code_problem() == paper_problem);
        CHECK(r.h.flow.voids().code_text() == paper_text);  // the same length limit
        r.h.flow.back_to_staff_menu();
    }
}

TEST_CASE("the void screen names each rating's official, or shows an unknown one's id",
          "[flow][void][names]") {
    RecordsHarness r;
    r.store().add_official({"cb01", "Trần Văn Bình", Role::official, true}, "1111");
    r.store().add_official({"cb02", "Lê Thị Hoa", Role::official, false}, "2222");  // left
    r.h.flow.set_desk_official(StaffMember{"cb01", "Trần Văn Bình", StaffRole::official});
    Rating named = r.rate(kGoodCode);
    r.h.flow.set_desk_official(StaffMember{"cb02", "Lê Thị Hoa", StaffRole::official});
    Rating inactive = r.rate(kOtherCode);
    // A rating whose official is not in this kiosk's table (removed, or typed in elsewhere).
    r.h.flow.set_desk_official(StaffMember{"cb77", "", StaffRole::official});
    Rating unknown = r.rate("000.00.24.H18-221228-0003");
    r.h.flow.set_desk_official(std::nullopt);
    Rating nobody = r.rate("000.00.24.H18-221228-0004");
    REQUIRE(unknown.official_id == "cb77");
    REQUIRE(nobody.official_id.empty());

    r.h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_void));
    VoidDesk& voids = r.h.flow.voids();
    REQUIRE(voids.day_ratings().size() == 4);
    CHECK(voids.official_name(voids.day_ratings()[0].official_id) == "Trần Văn Bình");
    CHECK(voids.official_name(voids.day_ratings()[1].official_id) == "Lê Thị Hoa");
    CHECK(voids.official_name(voids.day_ratings()[2].official_id) == "cb77");
    CHECK(voids.official_name(voids.day_ratings()[3].official_id).empty());

    // Added to the table meanwhile: the screen reads it again when it is opened again.
    r.store().add_official({"cb77", "Đỗ Thị Hương", Role::official, true}, "7777");
    CHECK(voids.official_name("cb77") == "cb77");
    r.h.flow.back_to_staff_menu();
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_void));
    CHECK(voids.official_name("cb77") == "Đỗ Thị Hương");
}

TEST_CASE("an official cannot void, and a supervisor's void screen starts empty",
          "[flow][void][roles]") {
    RecordsHarness r;
    r.rate(kGoodCode);
    r.h.sign_in(kOfficial, kOfficialPin);
    CHECK_FALSE(r.h.flow.open_staff_screen(Screen::staff_void));
    VoidDesk& voids = r.h.flow.voids();
    voids.choose(0);
    voids.type_reason("x");
    voids.ask_confirmation();
    voids.confirm_void();
    CHECK(voids.day_ratings().empty());
    CHECK_FALSE(r.store().find_void(r.h.sink.saved[0].id).has_value());
}

TEST_CASE("the audit log shows a real store's entries newest first, filtered and paged",
          "[flow][audit]") {
    RecordsHarness r;
    r.store().add_official({"sup1", "Phạm Thị Giám", Role::supervisor, true}, "1357");
    UtcMillis start = r.h.clock.now_utc();
    r.store().append_audit({0, start - 86400000, "sup1", "export", "yesterday.csv", ""});
    r.store().append_audit({0, start + 1000, "sup1", "signin_ok", "kiosk", "kiosk staff mode"});
    r.store().append_audit({0, start + 2000, "sup1", "void", "rating-1", "Nhập nhầm"});
    r.store().append_audit({0, start + 3000, "system", "desk_signout", "cb01", "end of the day"});
    r.h.clock.advance_ms(10000);
    r.h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_audit));
    AuditViewer& audit = r.h.flow.audit_log();

    // Today's entries: the three above and nothing from the fake gate (it has no store).
    REQUIRE(audit.entries().size() == 3);
    CHECK(audit.entries()[0].action == "desk_signout");
    CHECK(audit.entries()[1].action == "void");
    CHECK(audit.entries()[2].action == "signin_ok");
    CHECK(audit.name_of("sup1") == "Phạm Thị Giám");
    CHECK(audit.name_of("system").empty());

    audit.set_filter(AuditFilter::corrections);
    REQUIRE(audit.entries().size() == 1);
    CHECK(audit.entries()[0].detail == "Nhập nhầm");
    audit.set_filter(AuditFilter::all);

    audit.set_page_size(2);
    CHECK(audit.page_count() == 2);
    CHECK(audit.page_first() == 0);
    CHECK(audit.page_last() == 2);
    audit.next_page();
    CHECK(audit.page_first() == 2);
    CHECK(audit.page_last() == 3);
    audit.next_page();  // no page beyond the last
    CHECK(audit.page() == 1);

    audit.previous_day();
    REQUIRE(audit.entries().size() == 1);
    CHECK(audit.entries()[0].subject == "yesterday.csv");
    audit.show_today();
    audit.set_span(AuditSpan::week);
    CHECK(audit.from_date() == "2023-02-23");
    CHECK(audit.entries().size() == 4);
}

TEST_CASE("the audit export is a CSV with every cell right, and is audited itself",
          "[flow][audit][export]") {
    RecordsHarness r;
    r.store().add_official({"sup1", "Phạm Thị Giám", Role::supervisor, true}, "1357");
    UtcMillis start = r.h.clock.now_utc();  // 09:00:00 in Vietnam
    r.store().append_audit(
        {0, start + 5000, "sup1", "void", "rating-1", "Lý do: \"nhầm\", ghi lại"});
    r.store().append_audit({0, start + 65000, "cli", "officer_add", "cb09", "Đỗ Văn Hùng"});
    r.h.clock.advance_ms(120000);
    r.h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_audit));
    AuditViewer& audit = r.h.flow.audit_log();
    REQUIRE(audit.entries().size() == 2);
    REQUIRE_FALSE(audit.folders().empty());
    CHECK(audit.folders()[0].is_default);
    audit.export_shown();
    REQUIRE(audit.last_export().has_value());
    REQUIRE(audit.last_export()->status == ExportStatus::written);
    REQUIRE(audit.last_export()->files ==
            std::vector<std::string>{"motcua-audit-2023-03-01-2023-03-01.csv"});

    std::filesystem::path file =
        r.backend.folder / "exports" / "motcua-audit-2023-03-01-2023-03-01.csv";
    std::string text = read_file(file);
    REQUIRE(text.rfind(std::string(kUtf8Bom), 0) == 0);
    std::vector<std::vector<std::string>> rows = parse_csv(text.substr(kUtf8Bom.size()));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == std::vector<std::string>{"time_local", "time_utc", "actor", "actor_name",
                                              "action", "action_text", "subject", "detail"});
    CHECK(rows[1] == std::vector<std::string>{"2023-03-01 09:01:05", "2023-03-01T02:01:05.000Z",
                                              "cli", "", "officer_add", "Thêm cán bộ", "cb09",
                                              "Đỗ Văn Hùng"});
    CHECK(rows[2] == std::vector<std::string>{"2023-03-01 09:00:05", "2023-03-01T02:00:05.000Z",
                                              "sup1", "Phạm Thị Giám", "void", "Hủy phiếu đánh giá",
                                              "rating-1", "Lý do: \"nhầm\", ghi lại"});
    CHECK(text.find("\"Lý do: \"\"nhầm\"\", ghi lại\"") != std::string::npos);  // RFC 4180
    CHECK_FALSE(std::filesystem::exists(file.string() + ".part"));

    // The export is in the log, which the viewer read again.
    REQUIRE(audit.entries().size() == 3);
    CHECK(audit.entries()[0].action == "export");
    CHECK(audit.entries()[0].actor == "sup1");
    CHECK(audit.entries()[0].subject == file.string());
}

TEST_CASE("an audit export into a folder that is gone leaves nothing and says so",
          "[flow][audit][export]") {
    RecordsHarness r;
    std::filesystem::create_directories(r.backend.folder / "media" / "STICK");
    r.h.sign_in(kSupervisor, kSupervisorPin);
    REQUIRE(r.h.flow.open_staff_screen(Screen::staff_audit));
    AuditViewer& audit = r.h.flow.audit_log();
    REQUIRE(audit.folders().size() == 2);
    audit.choose_folder(1);
    std::filesystem::remove_all(r.backend.folder / "media" / "STICK");  // pulled out
    audit.export_shown();
    REQUIRE(audit.last_export().has_value());
    CHECK(audit.last_export()->status == ExportStatus::not_writable);
    CHECK(audit.last_export()->files.empty());
    CHECK_FALSE(std::filesystem::exists(r.backend.folder / "media" / "STICK"));
    for (const AuditEntry& entry : audit.entries()) {
        CHECK(entry.action != "export");
    }
}
