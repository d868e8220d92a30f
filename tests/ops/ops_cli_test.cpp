// The real `motcua` binary: backup, restore and doctor (against a real motcua-server on
// 127.0.0.1 for the server and token checks).

#include <fstream>

#include <catch2/catch.hpp>

#include "storage/backup.hpp"
#include "storage/store.hpp"
#include "tests/cli/run_process.hpp"
#include "tests/sync/support/rating_factory.hpp"
#include "tests/sync/support/server_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using motcua::test::ProcessResult;
using motcua::test::TempDir;

namespace {

ProcessResult motcua_cli(const std::vector<std::string>& args) {
    return test::run_process(MOTCUA_EXE, args);
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
}

// A kiosk configuration with uploads to `server_url` using the token in `token_file`.
std::filesystem::path write_config(const TempDir& dir, const std::string& server_url,
                                   const std::string& token) {
    write_file(dir / "token", token + "\n");
    const auto config = dir / "kiosk.toml";
    write_file(config,
               "[kiosk]\nkiosk_id = \"DB-STP-01\"\nunit_code = \"000.00.24.H18\"\n"
               "[storage]\ndatabase = \"motcua.db\"\n"
               "[sync]\nserver_url = \"" +
                   server_url + "\"\ntoken_file = \"token\"\n");
    return config;
}

void make_database(const std::filesystem::path& database, std::int64_t ratings) {
    Store store(database);
    test::RatingFactory factory("DB-STP-01", "000.00.24.H18");
    test::save_ratings(store, factory, ratings);
}

}  // namespace

TEST_CASE("motcua backup and restore round trip", "[ops][cli]") {
    TempDir dir;
    const auto database = dir / "motcua.db";
    make_database(database, 12);

    ProcessResult backup = motcua_cli(
        {"backup", "--db", database.string(), "--dir", (dir / "b").string(), "--keep", "1"});
    INFO(backup.out << backup.err);
    REQUIRE(backup.exit_code == 0);
    CHECK(backup.out.find("Backup written: " + (dir / "b").string()) != std::string::npos);
    std::vector<std::filesystem::path> backups = list_backups(dir / "b", database);
    REQUIRE(backups.size() == 1);

    {
        Store store(database, OpenOptions{.create = false});
        test::RatingFactory later("DB-STP-01", "000.00.24.H18", 99);
        store.save_rating(later.next_for("000.00.24.H18-261128-9999", Stage::intake));
        ProcessResult refused =
            motcua_cli({"restore", backups.front().string(), "--db", database.string()});
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("stop it first") != std::string::npos);
    }

    ProcessResult restored =
        motcua_cli({"restore", backups.front().string(), "--db", database.string()});
    INFO(restored.out << restored.err);
    REQUIRE(restored.exit_code == 0);
    CHECK(restored.out.find("The replaced database is kept as") != std::string::npos);
    Store store(database, OpenOptions{.create = false});
    CHECK(store.counts().ratings_total == 12);

    ProcessResult bad_keep = motcua_cli({"backup", "--db", database.string(), "--keep", "0"});
    CHECK(bad_keep.exit_code == 2);
}

TEST_CASE("motcua doctor passes against a real server with a good token", "[ops][doctor]") {
    TempDir dir;
    test::TempDir server_dir;
    const std::string token =
        test::add_kiosk(server_dir / "server.db", "DB-STP-01", "000.00.24.H18");
    test::ServerProcess server(server_dir / "server.db");
    const auto config = write_config(dir, server.url(), token);
    make_database(dir / "motcua.db", 5);

    ProcessResult doctor = motcua_cli({"--config", config.string(), "doctor"});
    INFO(doctor.out << doctor.err);
    CHECK(doctor.out.find("ok       configuration " + config.string()) != std::string::npos);
    CHECK(doctor.out.find("ok       database") != std::string::npos);
    CHECK(doctor.out.find("schema version " + std::to_string(Store::kSchemaVersion)) !=
          std::string::npos);
    CHECK(doctor.out.find("ok       server: the server at " + server.url()) != std::string::npos);
    // Fonts, clock, display and disk space depend on this machine: whatever they say, each has
    // a line, and the exit code follows the problems found.
    CHECK(doctor.out.find("disk:") != std::string::npos);
    CHECK(doctor.out.find("fonts:") != std::string::npos);
    CHECK(doctor.out.find("clock:") != std::string::npos);
    CHECK(doctor.out.find("display:") != std::string::npos);
    const bool machine_ready = doctor.out.find("PROBLEM") == std::string::npos;
    CHECK(doctor.exit_code == (machine_ready ? 0 : 5));
}

TEST_CASE("motcua doctor names a wrong token, a missing database and a bad configuration",
          "[ops][doctor]") {
    TempDir dir;
    test::TempDir server_dir;
    test::add_kiosk(server_dir / "server.db", "DB-STP-01", "000.00.24.H18");
    test::ServerProcess server(server_dir / "server.db");
    const auto config = write_config(dir, server.url(), "mct_" + std::string(64, '0'));

    ProcessResult doctor = motcua_cli({"--config", config.string(), "doctor"});
    INFO(doctor.out << doctor.err);
    CHECK(doctor.exit_code == 5);
    CHECK(doctor.out.find("PROBLEM  database " + (dir / "motcua.db").string() +
                          " does not exist") != std::string::npos);
    CHECK(doctor.out.find("fix: create it: motcua") != std::string::npos);

    make_database(dir / "motcua.db", 1);
    doctor = motcua_cli({"--config", config.string(), "doctor"});
    CHECK(doctor.exit_code == 5);
    CHECK(doctor.out.find("PROBLEM  server:") != std::string::npos);
    CHECK(doctor.out.find("token") != std::string::npos);

    write_file(config, "[kiosk]\nidle_secs = 3\n");
    doctor = motcua_cli({"--config", config.string(), "doctor"});
    CHECK(doctor.exit_code == 5);
    CHECK(doctor.out.find("PROBLEM  configuration:") != std::string::npos);
    CHECK(doctor.out.find("idle_secs: unknown key") != std::string::npos);
}
