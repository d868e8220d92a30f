// motcua init, officer add/list/disable, and the command line's own errors.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "cli_harness.hpp"
#include "core/text.hpp"
#include "storage/store.hpp"

using namespace motcua;
using namespace motcua::test;

TEST_CASE("init creates the database and running it again changes nothing", "[cli][init]") {
    TempDir dir;
    auto db = dir / "kiosk.db";

    ProcessResult first = run_motcua({"init"}, db);
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("Database created") != std::string::npos);
    REQUIRE(std::filesystem::exists(db));

    REQUIRE(run_motcua({"officer", "add", "--id", "cb01", "--name", "Lò Văn Sơn"}, db, "2468\n")
                .exit_code == 0);

    ProcessResult second = run_motcua({"init"}, db);
    INFO(second.err);
    REQUIRE(second.exit_code == 0);
    CHECK(second.out.find("Database ready") != std::string::npos);

    Store store(db);
    CHECK(store.schema_version() == Store::kSchemaVersion);
    CHECK(store.list_officials().size() == 1);  // the second init kept what was there
}

TEST_CASE("the --db option may come before or after the subcommand", "[cli][init]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"--db", db.string(), "init"}).exit_code == 0);
    REQUIRE(run_motcua({"status"}, db).exit_code == 0);
}

TEST_CASE("a command on a missing database says how to create it", "[cli][init]") {
    TempDir dir;
    auto db = dir / "missing.db";
    ProcessResult result = run_motcua({"tally"}, db);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("motcua init") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(db));  // nothing created behind the user's back
}

TEST_CASE("bad command lines get CLI11's message, a hint and exit code 2", "[cli]") {
    TempDir dir;
    auto db = dir / "kiosk.db";

    ProcessResult none = run_motcua({});
    CHECK(none.exit_code == 2);
    CHECK(none.err.find("--help") != std::string::npos);

    ProcessResult unknown = run_motcua({"tally", "--colour"}, db);
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("--colour") != std::string::npos);
    CHECK(unknown.err.find("motcua tally --help") != std::string::npos);

    ProcessResult bad_date = run_motcua({"tally", "--date", "2024-02-30"}, db);
    CHECK(bad_date.exit_code == 2);
    CHECK(bad_date.err.find("2024-02-30") != std::string::npos);

    ProcessResult help = run_motcua({"record", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--dossier") != std::string::npos);

    ProcessResult no_db = run_motcua({"status"});
    CHECK(no_db.exit_code == 1);
    CHECK(no_db.err.find("--db") != std::string::npos);
}

TEST_CASE("officer add reads the PIN from standard input and stores the name as NFC",
          "[cli][officer]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);

    // "Nguyễn Thị Hạnh" typed with combining marks (as some keyboards send it).
    std::string decomposed = "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Ha\xCC\xA3nh";
    ProcessResult added =
        run_motcua({"officer", "add", "--id", "cb07", "--name", decomposed, "--role", "supervisor"},
                   db, "975310\n");
    INFO(added.err);
    REQUIRE(added.exit_code == 0);

    Store store(db);
    auto official = store.find_official("cb07");
    REQUIRE(official);
    CHECK(official->name == to_nfc(decomposed));
    CHECK(official->name != decomposed);
    CHECK(official->role == Role::supervisor);
    CHECK(official->active);
    CHECK(store.check_pin("cb07", "975310"));
    CHECK_FALSE(store.check_pin("cb07", "975311"));

    ProcessResult listed = run_motcua({"officer", "list", "--json"}, db);
    REQUIRE(listed.exit_code == 0);
    auto json = nlohmann::json::parse(listed.out);
    REQUIRE(json.size() == 1);
    CHECK(json[0]["id"] == "cb07");
    CHECK(json[0]["name"] == to_nfc(decomposed));
    CHECK(json[0]["role"] == "supervisor");
    CHECK(json[0]["active"] == true);
    CHECK(json[0].size() == 4);  // the PIN hash never leaves the store
}

TEST_CASE("officer add has no PIN option and refuses bad PINs", "[cli][officer]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);

    ProcessResult in_args = run_motcua(
        {"officer", "add", "--id", "cb01", "--name", "An", "--pin", "1234"}, db, "1234\n");
    CHECK(in_args.exit_code == 2);
    CHECK(in_args.err.find("standard input") != std::string::npos);

    ProcessResult too_short =
        run_motcua({"officer", "add", "--id", "cb01", "--name", "An"}, db, "12\n");
    CHECK(too_short.exit_code == 4);
    CHECK(too_short.err.find("4 to 12 digits") != std::string::npos);

    ProcessResult letters =
        run_motcua({"officer", "add", "--id", "cb01", "--name", "An"}, db, "abcd\n");
    CHECK(letters.exit_code == 4);

    ProcessResult nothing = run_motcua({"officer", "add", "--id", "cb01", "--name", "An"}, db, "");
    CHECK(nothing.exit_code == 4);
    CHECK(nothing.err.find("no PIN") != std::string::npos);

    ProcessResult bad_role = run_motcua(
        {"officer", "add", "--id", "cb01", "--name", "An", "--role", "boss"}, db, "1234\n");
    CHECK(bad_role.exit_code == 2);

    ProcessResult bad_id =
        run_motcua({"officer", "add", "--id", "cb 01", "--name", "An"}, db, "1234\n");
    CHECK(bad_id.exit_code == 4);

    Store store(db);
    CHECK(store.list_officials().empty());
}

TEST_CASE("officer add refuses an existing id and officer disable stops sign-in",
          "[cli][officer]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    REQUIRE(
        run_motcua({"officer", "add", "--id", "cb02", "--name", "Trần Thị Bình"}, db, "1357\r\n")
            .exit_code == 0);

    ProcessResult again =
        run_motcua({"officer", "add", "--id", "cb02", "--name", "Someone Else"}, db, "2468\n");
    CHECK(again.exit_code == 4);
    CHECK(again.err.find("already exists") != std::string::npos);

    ProcessResult disabled = run_motcua({"officer", "disable", "cb02"}, db);
    INFO(disabled.err);
    REQUIRE(disabled.exit_code == 0);
    CHECK(run_motcua({"officer", "disable", "nobody"}, db).exit_code == 4);

    Store store(db);
    auto official = store.find_official("cb02");
    REQUIRE(official);
    CHECK_FALSE(official->active);
    CHECK(official->name == "Trần Thị Bình");
    CHECK_FALSE(store.check_pin("cb02", "1357"));

    auto listed = nlohmann::json::parse(run_motcua({"officer", "list", "--json"}, db).out);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["active"] == false);
}

TEST_CASE("a --config file supplies the kiosk and the database beside it, --db overrides it",
          "[cli][config]") {
    TempDir dir;
    auto config = dir / "kiosk.toml";
    {
        std::ofstream file(config);
        file << "[kiosk]\n"
                "kiosk_id = \"test-kiosk-77\"\n"
                "unit_code = \"000.00.99.X01\"\n"
                "[storage]\n"
                "database = \"from-config.db\"\n";
    }
    ProcessResult init = run_motcua({"init", "--config", config.string()});
    INFO(init.err);
    REQUIRE(init.exit_code == 0);
    CHECK(std::filesystem::exists(dir / "from-config.db"));

    auto status =
        nlohmann::json::parse(run_motcua({"status", "--json", "--config", config.string()}).out);
    CHECK(status["kiosk_id"] == "test-kiosk-77");
    CHECK(status["unit_code"] == "000.00.99.X01");
    CHECK(std::filesystem::path(status["database"].get<std::string>()).filename() ==
          "from-config.db");

    auto other = dir / "other.db";
    REQUIRE(run_motcua({"init", "--config", config.string()}, other).exit_code == 0);
    auto overridden = nlohmann::json::parse(
        run_motcua({"status", "--json", "--config", config.string()}, other).out);
    CHECK(overridden["database"] == other.string());
    CHECK(overridden["kiosk_id"] == "test-kiosk-77");

    {
        std::ofstream file(config, std::ios::app);
        file << "[kiosk_typo]\nidle = 3\n";
    }
    ProcessResult bad = run_motcua({"status", "--config", config.string()});
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("kiosk.toml") != std::string::npos);
}
