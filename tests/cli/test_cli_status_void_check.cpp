// motcua status, void and check.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "cli_harness.hpp"
#include "core/uuid.hpp"
#include "storage/store.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

Stage first_stage(const Form& form) {
    for (Stage stage : kAllStages) {
        if (form.applies_to(stage)) {
            return stage;
        }
    }
    return Stage::intake;
}

std::string record(const std::filesystem::path& db, const Form& form, int number) {
    Stage stage = first_stage(form);
    char code[64];
    std::snprintf(code, sizeof code, "000.00.24.H18-240701-%04d", number);
    std::vector<std::string> args = {
        "record", "--dossier", code, "--stage", std::string(to_string(stage)),
        "--date", "2024-07-01"};
    for (const auto& arg : answer_args(form, stage, static_cast<std::size_t>(number))) {
        args.push_back(arg);
    }
    ProcessResult result = run_motcua(args, db);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return trim(result.out);
}

// Overwrites `length` bytes at `offset` with a pattern no SQLite page holds.
void scribble(const std::filesystem::path& file, std::uintmax_t offset, std::size_t length) {
    std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(stream);
    stream.seekp(static_cast<std::streamoff>(offset));
    std::string garbage(length, '\0');
    for (std::size_t i = 0; i < length; ++i) {
        garbage[i] = static_cast<char>(0xA5 ^ (i * 31));
    }
    stream.write(garbage.data(), static_cast<std::streamsize>(length));
    REQUIRE(stream);
}

}  // namespace

TEST_CASE("status --json reports the kiosk, counts and upload state", "[cli][status]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    Form form = default_form();
    record(db, form, 1);
    std::string voided = record(db, form, 2);
    REQUIRE(run_motcua({"void", voided, "--reason", "typed twice"}, db).exit_code == 0);

    ProcessResult result = run_motcua({"status", "--json"}, db);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    auto json = nlohmann::json::parse(result.out);
    CHECK(json["kiosk_id"].is_string());
    CHECK_FALSE(json["kiosk_id"].get<std::string>().empty());
    CHECK(json["unit_code"].is_string());
    CHECK(json["ratings_total"] == 2);
    CHECK(json["voided"] == 1);
    CHECK(json["pending_upload"] == 3);  // two ratings and one void wait for upload
    CHECK(json["quarantined"] == 0);
    CHECK(json["last_sync_success_at"].is_null());
    CHECK(json["last_error"].is_null());
    CHECK(json["oldest_pending_at"].is_string());
    CHECK(json["schema_version"] == Store::kSchemaVersion);

    {
        Store store(db);
        store.set_state("sync.last_success_utc", "2024-07-02T01:23:45.678Z");
        store.set_state("sync.last_error", "server said 503");
    }
    json = nlohmann::json::parse(run_motcua({"status", "--json"}, db).out);
    CHECK(json["last_sync_success_at"] == "2024-07-02T01:23:45.678Z");
    CHECK(json["last_error"] == "server said 503");

    ProcessResult text = run_motcua({"status"}, db);
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("2024-07-02T01:23:45.678Z") != std::string::npos);
}

TEST_CASE("void takes a rating out of the tally and keeps it stored", "[cli][void]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    REQUIRE(run_motcua(
                {"officer", "add", "--id", "sup", "--name", "Bùi Thị Lan", "--role", "supervisor"},
                db, "5555\n")
                .exit_code == 0);
    REQUIRE(run_motcua({"officer", "add", "--id", "cb01", "--name", "Đỗ Văn Việt"}, db, "4444\n")
                .exit_code == 0);
    Form form = default_form();
    std::string kept = record(db, form, 1);
    std::string wrong = record(db, form, 2);
    record(db, form, 3);

    auto before =
        nlohmann::json::parse(run_motcua({"tally", "--date", "2024-07-01", "--json"}, db).out);
    CHECK(before["ratings"] == 3);

    ProcessResult not_allowed =
        run_motcua({"void", wrong, "--reason", "test", "--actor", "cb01"}, db);
    CHECK(not_allowed.exit_code == 4);
    CHECK(not_allowed.err.find("supervisor") != std::string::npos);
    CHECK(run_motcua({"void", wrong, "--reason", "   "}, db).exit_code == 4);
    CHECK(run_motcua({"void", "not-a-uuid", "--reason", "x"}, db).exit_code == 4);
    ProcessResult unknown = run_motcua({"void", make_uuid_v4(), "--reason", "x"}, db);
    CHECK(unknown.exit_code == 4);
    CHECK(unknown.err.find("no rating") != std::string::npos);
    CHECK(run_motcua({"void", wrong}, db).exit_code == 2);  // --reason is required

    ProcessResult voided =
        run_motcua({"void", wrong, "--reason", "Nhập trùng phiếu giấy", "--actor", "sup"}, db);
    INFO(voided.err);
    REQUIRE(voided.exit_code == 0);
    ProcessResult twice = run_motcua({"void", wrong, "--reason", "again"}, db);
    CHECK(twice.exit_code == 4);
    CHECK(twice.err.find("already voided") != std::string::npos);

    auto after =
        nlohmann::json::parse(run_motcua({"tally", "--date", "2024-07-01", "--json"}, db).out);
    CHECK(after["ratings"] == 2);
    CHECK(after["voided"] == 1);

    Store store(db);
    CHECK(store.find_rating(wrong));  // kept
    auto record_of_void = store.find_void(wrong);
    REQUIRE(record_of_void);
    CHECK(record_of_void->reason == "Nhập trùng phiếu giấy");
    CHECK(record_of_void->actor == "sup");
    CHECK_FALSE(store.find_void(kept));
}

TEST_CASE("check passes on a healthy database", "[cli][check]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(
        run_motcua({"demo-data", "--ratings", "500", "--days", "5", "--end-date", "2024-01-31"}, db)
            .exit_code == 0);
    ProcessResult result = run_motcua({"check"}, db);
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("integrity_check passed") != std::string::npos);
    CHECK(result.out.find("tallies agree") != std::string::npos);
    CHECK(result.out.find("PROBLEM") == std::string::npos);
}

TEST_CASE("check fails with a message on a damaged database", "[cli][check]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua(
                {"demo-data", "--ratings", "3000", "--days", "3", "--end-date", "2024-01-31"}, db)
                .exit_code == 0);
    bool wal_left = std::filesystem::exists(dir / "kiosk.db-wal") &&
                    std::filesystem::file_size(dir / "kiosk.db-wal") > 0;
    REQUIRE_FALSE(wal_left);  // closed cleanly: every page is in the main file
    auto size = std::filesystem::file_size(db);
    REQUIRE(size > 64 * 1024);

    SECTION("pages in the middle overwritten") {
        scribble(db, size / 2, 16384);
    }
    SECTION("the header overwritten") {
        scribble(db, 0, 100);
    }
    ProcessResult result = run_motcua({"check"}, db);
    INFO(result.out << result.err);
    CHECK(result.exit_code == 5);
    CHECK(result.out.find("PROBLEM") != std::string::npos);
    CHECK(result.err.find("problem") != std::string::npos);
}

TEST_CASE("doctor finds pages damaged in the middle of the database", "[cli][doctor]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua(
                {"demo-data", "--ratings", "3000", "--days", "3", "--end-date", "2024-01-31"}, db)
                .exit_code == 0);
    scribble(db, std::filesystem::file_size(db) / 2, 16384);

    ProcessResult result = run_motcua({"doctor"}, db);
    INFO(result.out << result.err);
    CHECK(result.exit_code == 5);
    CHECK(result.out.find("PROBLEM  database: ") != std::string::npos);
    CHECK(result.out.find("restore the last backup") != std::string::npos);
}

TEST_CASE("check reports a missing database", "[cli][check]") {
    TempDir dir;
    ProcessResult result = run_motcua({"check"}, dir / "nowhere.db");
    CHECK(result.exit_code == 5);
    CHECK(result.out.find("does not exist") != std::string::npos);
}
