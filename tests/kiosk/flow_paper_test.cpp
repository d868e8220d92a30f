// Paper-form entry in the flow (PaperEntry behind Screen::staff_paper): who may reach it, the
// dossier code under the citizen's rules (keypad and scanner), the questions' rules, the
// official, the duplicate rule, channel "paper" and the official stored, the audit entry, and
// a store failure that keeps everything typed.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

namespace {

constexpr std::size_t kAdmin = 0;
constexpr std::size_t kSupervisor = 1;
constexpr std::size_t kOfficial = 2;

// Records the audit entries the paper entry writes; nothing else is used by it.
class RecordingRecords : public StaffRecords {
  public:
    Fetched<std::vector<Rating>> ratings_on(const std::string&) override {
        return {std::vector<Rating>{}, ""};
    }
    Fetched<std::optional<Rating>> find_rating(const std::string&, Stage) override {
        return {std::optional<std::optional<Rating>>(std::nullopt), ""};
    }
    VoidResult void_rating(const std::string&, const std::string&, const std::string&) override {
        return {VoidStatus::failed, "not in this test"};
    }
    bool audit(const std::string& actor, const std::string& action, const std::string& subject,
               const std::string& detail) override {
        entries.push_back({0, 0, actor, action, subject, detail});
        return true;
    }
    Fetched<std::vector<AuditEntry>> audit_entries(UtcMillis, UtcMillis) override {
        return {entries, ""};
    }
    std::vector<StaffMember> all_staff() override { return {}; }
    std::vector<ExportFolder> export_folders() override { return {}; }
    ExportOutcome export_audit(const std::vector<AuditEntry>&, const std::string&,
                               const std::string&, const std::filesystem::path&,
                               const StaffMember&) override {
        return {};
    }

    std::vector<AuditEntry> entries;
};

struct PaperHarness {
    explicit PaperHarness(bool several_stages = false) : h(several_stages) {
        h.flow.set_staff_records(&records);
    }
    // Signs in as the supervisor and opens the paper-entry screen.
    PaperEntry& open() {
        h.sign_in(kSupervisor, kSupervisorPin);
        REQUIRE(h.flow.open_staff_screen(Screen::staff_paper));
        return h.flow.paper();
    }
    FlowHarness h;
    RecordingRecords records;
};

// Attitude "dissatisfied" (its follow-up "slow" ticked), contacts "once", extra payment skipped.
void answer_all(PaperEntry& paper) {
    paper.choose_option(2);
    REQUIRE(paper.follow_up_shown());
    paper.toggle_follow_up(1);
    paper.next_question();
    paper.choose_option(1);
    paper.skip_question();
}

}  // namespace

TEST_CASE("an official cannot reach paper entry, voids or the audit log", "[flow][paper][roles]") {
    PaperHarness p;
    p.h.sign_in(kOfficial, kOfficialPin);
    REQUIRE(p.h.flow.screen() == Screen::staff_menu);
    for (Screen screen : {Screen::staff_paper, Screen::staff_void, Screen::staff_audit}) {
        CHECK_FALSE(p.h.flow.open_staff_screen(screen));
        CHECK(p.h.flow.screen() == Screen::staff_menu);
    }
    // The models stay shut: nothing typed, nothing saved.
    PaperEntry& paper = p.h.flow.paper();
    CHECK_FALSE(paper.active());
    paper.type_on_keypad(kGoodCode);
    paper.submit_code();
    paper.save();
    CHECK(paper.code_text().empty());
    CHECK(p.h.sink.saved.empty());
    CHECK_FALSE(p.h.flow.voids().active());
    CHECK_FALSE(p.h.flow.audit_log().active());

    PaperHarness admin;
    admin.h.sign_in(kAdmin, kAdminPin);
    CHECK(admin.h.flow.open_staff_screen(Screen::staff_paper));
    CHECK(admin.h.flow.paper().active());

    // Without the records port the screens do not open at all.
    FlowHarness no_records;
    no_records.sign_in(kSupervisor, kSupervisorPin);
    CHECK_FALSE(no_records.flow.open_staff_screen(Screen::staff_paper));
}

TEST_CASE("a paper form is saved as channel paper with the chosen official, and audited",
          "[flow][paper]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    REQUIRE(paper.step() == PaperStep::code);
    paper.type_on_keypad("000.00.24.h18-221228-0001");  // normalised like the citizen's
    paper.submit_code();
    REQUIRE(paper.step() == PaperStep::question);  // one stage: no stage step
    CHECK(paper.dossier_code() == kGoodCode);
    answer_all(paper);
    REQUIRE(paper.step() == PaperStep::official);
    REQUIRE(paper.officials().size() == 3);
    CHECK(paper.officials()[2].id == "cb01");
    paper.choose_official(2);
    REQUIRE(paper.step() == PaperStep::review);
    paper.save();

    REQUIRE(p.h.sink.saved.size() == 1);
    const Rating& rating = p.h.sink.saved[0];
    CHECK(rating.channel == Channel::paper);
    CHECK(rating.official_id == "cb01");
    CHECK(rating.dossier_code == kGoodCode);
    CHECK(rating.stage == Stage::intake);
    REQUIRE(find_answer(rating, "attitude") != nullptr);
    CHECK(find_answer(rating, "attitude")->option_id == "dissatisfied");
    CHECK(find_answer(rating, "attitude")->follow_ups == std::vector<std::string>{"slow"});
    CHECK(find_answer(rating, "contacts")->option_id == "once");
    CHECK(find_answer(rating, "extra_payment") == nullptr);  // skipped

    REQUIRE(p.records.entries.size() == 1);
    const AuditEntry& entry = p.records.entries[0];
    CHECK(entry.actor == "sup1");
    CHECK(entry.action == "paper_entry");
    CHECK(entry.subject == rating.id);

    // A clear message naming the code; the next form starts empty.
    CHECK(paper.message() == PaperMessage::saved);
    CHECK(paper.saved_code() == kGoodCode);
    CHECK(paper.step() == PaperStep::code);
    CHECK(paper.code_text().empty());
    CHECK_FALSE(paper.official_chosen());
    CHECK(p.h.flow.screen() == Screen::staff_paper);
}

TEST_CASE("a form with no official named is saved without one", "[flow][paper]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    paper.type_on_keypad(kOtherCode);
    paper.submit_code();
    answer_all(paper);
    paper.choose_official(std::nullopt);
    paper.save();
    REQUIRE(p.h.sink.saved.size() == 1);
    CHECK(p.h.sink.saved[0].official_id.empty());
    CHECK(p.h.sink.saved[0].channel == Channel::paper);
}

TEST_CASE("a scanner types the paper form's code, and a bad code is refused and kept",
          "[flow][paper][scan]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    p.h.scan("000.00.24.H18-2212");  // too short for the pattern
    CHECK(paper.message() == PaperMessage::code_refused);
    CHECK(paper.code_problem() == DossierCodeProblem::bad_shape);
    CHECK(paper.code_text() == "000.00.24.H18-2212");
    CHECK(paper.step() == PaperStep::code);
    p.h.scan(kGoodCode);  // a new scan replaces the refused code
    CHECK(paper.step() == PaperStep::question);
    CHECK(paper.dossier_code() == kGoodCode);
    CHECK(p.h.flow.screen() == Screen::staff_paper);
}

TEST_CASE("a dossier already rated at the stage is refused, before and at saving",
          "[flow][paper][duplicate]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    p.h.sink.mark_rated(kGoodCode, Stage::intake);
    paper.type_on_keypad(kGoodCode);
    paper.submit_code();
    CHECK(paper.message() == PaperMessage::already_rated);
    CHECK(paper.step() == PaperStep::code);

    // Rated by a citizen while the supervisor was typing: refused at saving, input kept.
    paper.clear_code();
    paper.type_on_keypad(kOtherCode);
    paper.submit_code();
    REQUIRE(paper.step() == PaperStep::question);
    answer_all(paper);
    paper.choose_official(0);
    p.h.sink.mark_rated(kOtherCode, Stage::intake);
    paper.save();
    CHECK(paper.message() == PaperMessage::already_rated);
    CHECK(paper.step() == PaperStep::review);
    CHECK(paper.dossier_code() == kOtherCode);
    CHECK(p.h.sink.saved.empty());
    CHECK(p.records.entries.empty());
}

TEST_CASE("after a dossier already rated, the next form's scan replaces its code",
          "[flow][paper][duplicate][scan]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    p.h.sink.mark_rated(kGoodCode, Stage::intake);
    p.h.scan(kGoodCode);
    REQUIRE(paper.message() == PaperMessage::already_rated);
    CHECK(paper.code_text() == kGoodCode);

    p.h.scan(kOtherCode);  // not appended to the refused code
    CHECK(paper.step() == PaperStep::question);
    CHECK(paper.dossier_code() == kOtherCode);
}

TEST_CASE("a store failure keeps the paper form, and trying again saves the same rating",
          "[flow][paper][store]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    paper.type_on_keypad(kGoodCode);
    paper.submit_code();
    answer_all(paper);
    paper.choose_official(2);
    p.h.sink.failures_to_give = 1;
    paper.save();
    CHECK(paper.message() == PaperMessage::save_failed);
    CHECK(paper.step() == PaperStep::review);
    CHECK(paper.dossier_code() == kGoodCode);
    CHECK(paper.chosen(0) == std::optional<std::size_t>(2));
    CHECK(paper.follow_up_ids(0) == std::vector<std::string>{"slow"});
    REQUIRE(paper.official().has_value());
    CHECK(paper.official()->id == "cb01");
    CHECK(p.records.entries.empty());

    paper.save();
    REQUIRE(p.h.sink.saved.size() == 1);
    CHECK(p.h.sink.save_attempts == 2);
    CHECK(paper.message() == PaperMessage::saved);
}

TEST_CASE("the paper form follows the form: stages, required answers, edits from review",
          "[flow][paper]") {
    PaperHarness p(true);
    PaperEntry& paper = p.open();
    paper.type_on_keypad(kGoodCode);
    paper.submit_code();
    REQUIRE(paper.step() == PaperStep::stage);
    paper.choose_stage(2);  // return of results: four questions
    REQUIRE(paper.step() == PaperStep::question);
    CHECK(paper.stage() == Stage::result_return);
    CHECK(paper.question_count() == 4);
    paper.next_question();  // attitude may not be skipped
    CHECK(paper.message() == PaperMessage::answer_needed);
    CHECK(paper.position() == 0);
    paper.skip_question();  // nor skipped
    CHECK(paper.position() == 0);
    paper.choose_option(0);
    paper.choose_option(0);
    paper.skip_question();
    paper.choose_option(1);
    REQUIRE(paper.step() == PaperStep::official);
    paper.back();  // to the last question
    CHECK(paper.step() == PaperStep::question);
    CHECK(paper.position() == 3);
    paper.choose_option(2);
    paper.choose_official(1);
    REQUIRE(paper.step() == PaperStep::review);
    paper.edit_answer(1);
    REQUIRE(paper.step() == PaperStep::question);
    paper.choose_option(2);
    CHECK(paper.step() == PaperStep::review);  // straight back to review
    paper.save();
    REQUIRE(p.h.sink.saved.size() == 1);
    const Rating& rating = p.h.sink.saved[0];
    CHECK(rating.stage == Stage::result_return);
    CHECK(find_answer(rating, "contacts")->option_id == "more");
    CHECK(find_answer(rating, "timing")->option_id == "late");
    CHECK(rating.official_id == "sup1");
}

TEST_CASE("leaving the paper-entry screen drops what was typed", "[flow][paper]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    paper.type_on_keypad(kGoodCode);
    paper.submit_code();
    paper.choose_option(0);
    p.h.flow.back_to_staff_menu();
    CHECK_FALSE(paper.active());
    REQUIRE(p.h.flow.open_staff_screen(Screen::staff_paper));
    CHECK(paper.step() == PaperStep::code);
    CHECK(paper.code_text().empty());
    p.h.advance_seconds(p.h.settings.staff_idle_seconds + 1);  // staff idle: back to welcome
    CHECK(p.h.flow.screen() == Screen::welcome);
    CHECK_FALSE(paper.active());
}

TEST_CASE("a paper form is dated today by default, at the moment it is saved",
          "[flow][paper][date]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    CHECK(paper.form_date() == "2023-03-01");  // the harness's clock: 09:00 in Vietnam
    CHECK(paper.days_back() == 0);
    paper.type_on_keypad(kGoodCode);
    paper.submit_code();
    answer_all(paper);
    paper.choose_official(0);
    paper.save();
    REQUIRE(p.h.sink.saved.size() == 1);
    CHECK(p.h.sink.saved[0].local_date == "2023-03-01");
    CHECK(p.h.sink.saved[0].created_utc == p.h.clock.now_utc());
    REQUIRE(p.records.entries.size() == 1);
    CHECK(p.records.entries[0].detail.find("form date 2023-03-01") != std::string::npos);
}

TEST_CASE("the form's date goes back at most 30 days and never into the future",
          "[flow][paper][date]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    paper.change_date();
    REQUIRE(paper.step() == PaperStep::date);
    paper.next_day();
    CHECK(paper.message() == PaperMessage::date_in_future);
    CHECK(paper.form_date() == "2023-03-01");
    paper.choose_days_back(-1);
    CHECK(paper.message() == PaperMessage::date_in_future);
    CHECK(paper.form_date() == "2023-03-01");
    paper.choose_days_back(PaperEntry::kMaxDaysBack + 1);
    CHECK(paper.message() == PaperMessage::date_too_old);
    CHECK(paper.form_date() == "2023-03-01");
    paper.choose_days_back(PaperEntry::kMaxDaysBack);
    CHECK(paper.message() == PaperMessage::none);
    CHECK(paper.form_date() == "2023-01-30");
    paper.previous_day();
    CHECK(paper.message() == PaperMessage::date_too_old);
    CHECK(paper.form_date() == "2023-01-30");
    paper.next_day();
    CHECK(paper.form_date() == "2023-01-31");
    paper.choose_days_back(2);
    CHECK(paper.form_date() == "2023-02-27");
    CHECK(paper.step() == PaperStep::date);
    paper.confirm_date();
    CHECK(paper.step() == PaperStep::code);
}

TEST_CASE("an earlier form is saved at noon local time on its day, and audited with its date",
          "[flow][paper][date]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    paper.change_date();
    paper.choose_days_back(2);
    paper.confirm_date();
    paper.type_on_keypad(kGoodCode);
    paper.submit_code();
    answer_all(paper);
    paper.choose_official(2);
    paper.save();
    REQUIRE(p.h.sink.saved.size() == 1);
    const Rating& rating = p.h.sink.saved[0];
    CHECK(rating.local_date == "2023-02-27");
    CHECK(rating.utc_offset_minutes == 420);
    CHECK(rating.created_utc == days_from_civil("2023-02-27") * 86400000 + 5 * 3600000);
    CHECK(local_date(rating.created_utc, rating.utc_offset_minutes) == "2023-02-27");
    REQUIRE(p.records.entries.size() == 1);
    CHECK(p.records.entries[0].detail.find("form date 2023-02-27") != std::string::npos);

    // The next form of the pile keeps the date; leaving the screen goes back to today.
    CHECK(paper.step() == PaperStep::code);
    CHECK(paper.form_date() == "2023-02-27");
    p.h.flow.back_to_staff_menu();
    REQUIRE(p.h.flow.open_staff_screen(Screen::staff_paper));
    CHECK(paper.form_date() == "2023-03-01");
}

TEST_CASE("the review shows the date step and comes back to review", "[flow][paper][date]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    paper.type_on_keypad(kGoodCode);
    paper.submit_code();
    paper.change_date();  // only from the code step or the review
    CHECK(paper.step() == PaperStep::question);
    answer_all(paper);
    paper.choose_official(std::nullopt);
    REQUIRE(paper.step() == PaperStep::review);
    paper.change_date();
    REQUIRE(paper.step() == PaperStep::date);
    paper.choose_days_back(1);
    paper.back();
    CHECK(paper.step() == PaperStep::review);
    CHECK(paper.form_date() == "2023-02-28");
    paper.change_date();
    p.h.press(FlowKey::enter);  // Enter on the date step keeps the date shown
    CHECK(paper.step() == PaperStep::review);
    paper.save();
    REQUIRE(p.h.sink.saved.size() == 1);
    CHECK(p.h.sink.saved[0].local_date == "2023-02-28");
}

TEST_CASE("a scan on the date step types nothing", "[flow][paper][date][scan]") {
    PaperHarness p;
    PaperEntry& paper = p.open();
    paper.change_date();
    p.h.type(kGoodCode);
    CHECK(paper.code_text().empty());
    CHECK(paper.step() == PaperStep::date);
}
