// The administration commands of motcua-server, run as an operator would.

#include <fstream>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "server/tokens.hpp"
#include "tests/sync/support/server_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua::test;
using nlohmann::json;

namespace {

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

}  // namespace

TEST_CASE("a kiosk's token is shown once and only its hash is stored") {
    TempDir dir;
    const auto db = dir / "server.db";
    const std::string token = add_kiosk(db, "kiosk-01", "000.00.24.H18");
    CHECK(std::regex_match(token, std::regex("mct_[0-9a-f]{64}")));
    CHECK(add_kiosk(db, "kiosk-02", "000.00.24.H18") != token);

    const std::string stored = file_bytes(db) + file_bytes(db.string() + "-wal");
    CHECK(stored.find(token.substr(4)) == std::string::npos);
    CHECK(stored.find(motcua::server::hash_token(token)) != std::string::npos);

    const CommandResult again = run_server_command(
        {"kiosk", "add", "--db", db.string(), "--id", "kiosk-01", "--unit", "X"});
    CHECK(again.exit_code == 1);
    CHECK_THAT(again.err, Catch::Contains("already registered"));
    CHECK(again.out.empty());
}

TEST_CASE("kiosks are listed and revoked and stats report per kiosk") {
    TempDir dir;
    const auto db = (dir / "server.db").string();
    add_kiosk(db, "kiosk-01", "U1");
    add_kiosk(db, "kiosk-02", "U2");
    REQUIRE(run_server_command({"kiosk", "revoke", "--db", db, "kiosk-02"}).exit_code == 0);
    CHECK(run_server_command({"kiosk", "revoke", "--db", db, "kiosk-99"}).exit_code == 1);

    const CommandResult list = run_server_command({"kiosk", "list", "--db", db, "--json"});
    REQUIRE(list.exit_code == 0);
    const json kiosks = json::parse(list.out);
    REQUIRE(kiosks.size() == 2);
    CHECK(kiosks[0]["revoked_at"].is_null());
    CHECK(kiosks[1]["revoked_at"].is_string());

    const CommandResult stats = run_server_command({"stats", "--db", db, "--json"});
    REQUIRE(stats.exit_code == 0);
    const json figures = json::parse(stats.out);
    for (const char* key : {"ratings", "duplicates_answered", "conflicts", "rejected"}) {
        CHECK(figures[key] == 0);
    }
    CHECK(figures["kiosks"][0]["last_contact_at"].is_null());
    CHECK(figures["kiosks"][0]["last_heartbeat"].is_null());
}

TEST_CASE("commands refuse bad input with a message and exit code 2") {
    TempDir dir;
    const auto db = (dir / "server.db").string();
    add_kiosk(db, "kiosk-01", "U1");
    const auto refused = [](const CommandResult& result, const std::string& words) {
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains(words));
    };
    refused(run_server_command({"kiosk", "add", "--db", db, "--id", "bad id", "--unit", "U"}),
            "kiosk id");
    refused(run_server_command({"unit-score", "set", "--db", db, "--unit", "U1", "--period", "2022",
                                "--indicator", "CS10", "--score", "1"}),
            "CS10");
    refused(run_server_command({"unit-score", "set", "--db", db, "--unit", "U1", "--period", "2022",
                                "--indicator", "CS5", "--score", "3"}),
            "between 0 and 2");
    refused(run_server_command({"unit-score", "set", "--db", db, "--unit", "U1", "--period",
                                "someday", "--indicator", "CS5", "--score", "1"}),
            "--period");
    refused(
        run_server_command({"report", "--db", db, "--from", "2022-12-31", "--to", "2022-01-01"}),
        "after it ends");
    refused(run_server_command({"report", "--db", db, "--from", "2022-01-01", "--to", "2022-12-31",
                                "--format", "xlsx"}),
            "--format");
    refused(run_server_command({"serve", "--db", db, "--listen", "localhost"}), "ADDR:PORT");
    refused(run_server_command({"serve", "--db", db, "--fault-5xx", "1.5"}), "--fault-5xx");
    CHECK(run_server_command({"stats", "--db", (dir / "missing.db").string()}).exit_code == 1);
}

TEST_CASE("unit names, agency scores and the report work from the command line") {
    TempDir dir;
    const auto db = (dir / "server.db").string();
    add_kiosk(db, "kiosk-01", "SO.TUPHAP");
    REQUIRE(run_server_command({"unit", "set", "--db", db, "--unit", "SO.TUPHAP", "--name",
                                "Sở Tư pháp", "--group", "I. Sở, ban, ngành"})
                .exit_code == 0);
    REQUIRE(run_server_command({"unit-score", "set", "--db", db, "--unit", "SO.TUPHAP", "--period",
                                "2022", "--indicator", "CS9", "--score", "1.5"})
                .exit_code == 0);
    const CommandResult report = run_server_command(
        {"report", "--db", db, "--from", "2022-01-01", "--to", "2022-12-31", "--format", "json"});
    REQUIRE(report.exit_code == 0);
    const json table = json::parse(report.out);
    const json& unit = table["groups"][0]["units"][0];
    CHECK(unit["name"] == "Sở Tư pháp");
    CHECK(unit["score"]["figures"][8]["value"] == 1.5);
    CHECK(unit["score"]["figures"][8]["agency_entered"] == true);
}
