// motcua record: a paper form typed in; the id is printed only for a saved rating.

#include <catch2/catch.hpp>

#include "cli_harness.hpp"
#include "core/uuid.hpp"
#include "storage/store.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

std::vector<Stage> stages_of(const Form& form) {
    std::vector<Stage> stages;
    for (Stage stage : kAllStages) {
        if (form.applies_to(stage)) {
            stages.push_back(stage);
        }
    }
    return stages;
}

std::vector<std::string> record_args(const std::string& code, Stage stage,
                                     const std::vector<std::string>& answers) {
    std::vector<std::string> args = {
        "record", "--dossier",  code,     "--stage", std::string(to_string(stage)),
        "--date", "2024-03-15", "--time", "09:30"};
    args.insert(args.end(), answers.begin(), answers.end());
    return args;
}

}  // namespace

TEST_CASE("record prints the id of a rating that is then in the database", "[cli][record]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    REQUIRE(run_motcua({"officer", "add", "--id", "cb01", "--name", "Lê Văn Cường"}, db, "1234\n")
                .exit_code == 0);
    Form form = default_form();
    Stage stage = stages_of(form).front();
    std::vector<std::string> answers = answer_args(form, stage, 1);

    // What a scanner types: spaces, the "*" framing of a CODE128 reader, lower case.
    std::vector<std::string> args = record_args(" *000.00.24.h18-240315-0001* ", stage, answers);
    args.insert(args.end(), {"--officer", "cb01", "--channel", "paper"});
    ProcessResult result = run_motcua(args, db);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::string id = trim(result.out);
    REQUIRE(is_uuid(id));

    Store store(db);
    auto rating = store.find_rating(id);
    REQUIRE(rating);
    CHECK(rating->dossier_code == "000.00.24.H18-240315-0001");
    CHECK(rating->stage == stage);
    CHECK(rating->channel == Channel::paper);
    CHECK(rating->official_id == "cb01");
    CHECK(rating->local_date == "2024-03-15");
    CHECK(rating->form_id == form.id);
    CHECK(rating->form_version == form.version);
    REQUIRE(rating->answers.size() * 2 == answers.size());
    for (const auto& answer : rating->answers) {
        std::string pair = answer.question_id + "=" + answer.option_id;
        CHECK(std::find(answers.begin(), answers.end(), pair) != answers.end());
    }
    CHECK(store.counts().pending_upload == 1);  // queued for upload in the same transaction

    auto audit = store.list_audit(0, rating->created_utc + 365LL * 86400000 * 10);
    bool audited = std::any_of(audit.begin(), audit.end(), [&](const AuditEntry& entry) {
        return entry.action == "paper_entry" && entry.subject == id;
    });
    CHECK(audited);
}

TEST_CASE("record without a date is dated now", "[cli][record]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    Form form = default_form();
    Stage stage = stages_of(form).front();
    SystemClock clock;
    UtcMillis before = clock.now_utc();
    std::vector<std::string> args = {"record", "--dossier", "000.00.24.H18-240315-0002", "--stage",
                                     std::string(to_string(stage))};
    for (const auto& arg : answer_args(form, stage, 0)) {
        args.push_back(arg);
    }
    ProcessResult result = run_motcua(args, db);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    UtcMillis after = clock.now_utc();

    Store store(db);
    auto rating = store.find_rating(trim(result.out));
    REQUIRE(rating);
    CHECK(rating->created_utc >= before);
    CHECK(rating->created_utc <= after);
    CHECK(rating->local_date == local_date(rating->created_utc, rating->utc_offset_minutes));
}

TEST_CASE("a second rating of a dossier at a stage is refused with exit code 3", "[cli][record]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    Form form = default_form();
    std::vector<Stage> stages = stages_of(form);
    Stage stage = stages.front();
    const std::string code = "000.00.24.H18-240315-0042";

    ProcessResult first = run_motcua(record_args(code, stage, answer_args(form, stage, 0)), db);
    REQUIRE(first.exit_code == 0);
    std::string first_id = trim(first.out);

    ProcessResult second = run_motcua(record_args(code, stage, answer_args(form, stage, 1)), db);
    CHECK(second.exit_code == 3);
    CHECK(second.out.empty());  // no id: nothing was saved
    CHECK(second.err.find("already has a rating") != std::string::npos);
    CHECK(second.err.find(first_id) != std::string::npos);
    CHECK(second.err.find("motcua void") != std::string::npos);

    if (stages.size() > 1) {
        // The same dossier at another stage is a different rating.
        Stage other = stages[1];
        ProcessResult later = run_motcua(record_args(code, other, answer_args(form, other, 0)), db);
        INFO(later.err);
        CHECK(later.exit_code == 0);
    }
    Store store(db);
    CHECK(store.counts().ratings_total == (stages.size() > 1 ? 2 : 1));
}

TEST_CASE("record refuses a bad dossier code with what was expected", "[cli][record]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    Form form = default_form();
    Stage stage = stages_of(form).front();

    for (std::string code : {"hello", "   ", "000.00.24.H18-240315", "x'; DROP TABLE ratings;--",
                             "000.00.24.H18-240315-0001\x01"}) {
        ProcessResult result =
            run_motcua(record_args(code, stage, answer_args(form, stage, 0)), db);
        INFO(code << "\n" << result.err);
        CHECK(result.exit_code == 4);
        CHECK(result.err.find("dossier code refused") != std::string::npos);
        CHECK(result.out.empty());
    }
    Store store(db);
    CHECK(store.counts().ratings_total == 0);
}

TEST_CASE("record refuses answers the form does not allow", "[cli][record]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    Form form = default_form();
    Stage stage = stages_of(form).front();
    const std::string code = "000.00.24.H18-240315-0007";
    std::vector<std::string> good = answer_args(form, stage, 0);
    const Question* first_question = form.questions_for(stage).front();

    SECTION("unknown question") {
        std::vector<std::string> answers = good;
        answers.insert(answers.end(), {"--answer", "NO_SUCH_QUESTION=yes"});
        ProcessResult result = run_motcua(record_args(code, stage, answers), db);
        CHECK(result.exit_code == 4);
        CHECK(result.err.find("answers refused") != std::string::npos);
        CHECK(result.err.find("NO_SUCH_QUESTION") != std::string::npos);
        CHECK(result.err.find(first_question->id) != std::string::npos);  // the hint
    }
    SECTION("unknown option") {
        std::vector<std::string> answers = {"--answer", first_question->id + "=no_such_option"};
        ProcessResult result = run_motcua(record_args(code, stage, answers), db);
        CHECK(result.exit_code == 4);
        CHECK(result.err.find("answers refused") != std::string::npos);
    }
    SECTION("the same question twice") {
        std::vector<std::string> answers = good;
        answers.insert(answers.end(), {"--answer", good[1]});
        ProcessResult result = run_motcua(record_args(code, stage, answers), db);
        CHECK(result.exit_code == 4);
    }
    SECTION("a question that may not be skipped is missing") {
        std::vector<const Question*> asked = form.questions_for(stage);
        bool has_required = std::any_of(asked.begin(), asked.end(),
                                        [](const Question* q) { return !q->skippable; });
        if (has_required) {
            ProcessResult result = run_motcua(record_args(code, stage, {}), db);
            CHECK(result.exit_code == 4);
        }
    }
    SECTION("an answer without '='") {
        ProcessResult result = run_motcua(record_args(code, stage, {"--answer", "CS7"}), db);
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("QUESTION=OPTION") != std::string::npos);
    }
    SECTION("an unknown official") {
        std::vector<std::string> args = record_args(code, stage, good);
        args.insert(args.end(), {"--officer", "ghost"});
        ProcessResult result = run_motcua(args, db);
        CHECK(result.exit_code == 4);
        CHECK(result.err.find("ghost") != std::string::npos);
    }
    SECTION("a date in the future") {
        std::vector<std::string> args = {
            "record", "--dossier", code, "--stage", std::string(to_string(stage)),
            "--date", "2999-01-01"};
        args.insert(args.end(), good.begin(), good.end());
        ProcessResult result = run_motcua(args, db);
        CHECK(result.exit_code == 4);
        CHECK(result.err.find("future") != std::string::npos);
    }
    Store store(db);
    CHECK(store.counts().ratings_total == 0);
}
