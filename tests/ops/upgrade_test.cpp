// The upgrade path: build the two .deb files with cpack, unpack them into a throwaway root with
// dpkg-deb -x, and run the unpacked binaries there on a database of the previous schema
// (fixtures/schema-v1.sql, made by `motcua init` + `motcua demo-data` + `sqlite3 .dump` when the
// schema was at version 1). The data must survive and every binary must start.
// Skipped, with a message, where dpkg-deb or cpack is missing.

#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "storage/store.hpp"
#include "tests/cli/run_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using motcua::test::ProcessResult;
using motcua::test::TempDir;

namespace {

const std::filesystem::path kBuildDir = MOTCUA_BUILD_DIR;
const std::filesystem::path kFixture = MOTCUA_OPS_FIXTURES "/schema-v1.sql";

std::optional<std::filesystem::path> find_program(const std::string& name) {
    for (const char* dir : {"/usr/bin", "/bin", "/usr/local/bin"}) {
        std::filesystem::path candidate = std::filesystem::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return std::nullopt;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Loads an `sqlite3 .dump` into a new database file.
void load_dump(const std::filesystem::path& dump, const std::filesystem::path& database) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(database.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, read_text(dump).c_str(), nullptr, nullptr, &error);
    std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    INFO(message);
    REQUIRE(rc == SQLITE_OK);
}

std::int64_t query_int(const std::filesystem::path& database, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::int64_t value =
        sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

std::filesystem::path package_file(const std::filesystem::path& dir, const std::string& name) {
    return dir / (name + "_" + MOTCUA_VERSION + "_amd64.deb");
}

}  // namespace

TEST_CASE("the packages install into a fresh root and migrate a schema-1 database",
          "[ops][package]") {
    std::optional<std::filesystem::path> dpkg_deb = find_program("dpkg-deb");
    std::optional<std::filesystem::path> cpack = find_program("cpack");
    if (!dpkg_deb || !cpack) {
        WARN("skipped: dpkg-deb or cpack is not installed (apt install dpkg cmake)");
        return;
    }
    TempDir dir;
    const auto packages = dir / "packages";
    ProcessResult built =
        test::run_process(cpack->string(), {"--config", (kBuildDir / "CPackConfig.cmake").string(),
                                            "-G", "DEB", "-B", packages.string()});
    INFO(built.out << built.err);
    REQUIRE(built.exit_code == 0);
    const auto kiosk_deb = package_file(packages, "motcua-kiosk");
    const auto server_deb = package_file(packages, "motcua-server");
    REQUIRE(std::filesystem::exists(kiosk_deb));
    REQUIRE(std::filesystem::exists(server_deb));

    ProcessResult depends =
        test::run_process(dpkg_deb->string(), {"-f", kiosk_deb.string(), "Depends"});
    for (const char* needed : {"fonts-noto-core", "libglfw3", "libsqlite3-0", "libsodium23",
                               "libcurl4", "libtomlplusplus3", "cage", "xwayland"}) {
        CHECK(depends.out.find(needed) != std::string::npos);
    }

    const auto root = dir / "root";
    for (const auto& deb : {kiosk_deb, server_deb}) {
        ProcessResult unpacked =
            test::run_process(dpkg_deb->string(), {"-x", deb.string(), root.string()});
        INFO(unpacked.err);
        REQUIRE(unpacked.exit_code == 0);
    }
    for (const char* file :
         {"usr/bin/motcua", "usr/bin/motcua-server",
          "usr/share/motcua/assets/forms/dienbien-phieu4.json",
          "usr/share/motcua/assets/i18n/vi.json", "etc/motcua/kiosk.toml",
          "lib/systemd/system/motcua-kiosk.service", "lib/systemd/system/motcua-backup.timer",
          "lib/systemd/system/motcua-server.service",
          "usr/share/motcua-server/assets/scoring/dienbien-2022.json"}) {
        CHECK(std::filesystem::exists(root / file));
    }

    // The programs must find the unpacked assets, not this checkout's.
    unsetenv("MOTCUA_ASSETS");
    const auto bin = root / "usr" / "bin";
    std::vector<std::string> programs = {"motcua", "motcua-server"};
    if (std::filesystem::exists(bin / "motcua-kiosk")) {
        programs.emplace_back("motcua-kiosk");
    }
    for (const std::string& program : programs) {
        ProcessResult help = test::run_process((bin / program).string(), {"--help"});
        INFO(program << ": " << help.err);
        CHECK(help.exit_code == 0);
        CHECK(help.out.find("Usage") != std::string::npos);
    }

    const auto database = dir / "motcua.db";
    load_dump(kFixture, database);
    REQUIRE(query_int(database, "PRAGMA user_version") == 1);
    const std::int64_t ratings = query_int(database, "SELECT count(*) FROM ratings");
    const std::int64_t officials = query_int(database, "SELECT count(*) FROM officials");
    REQUIRE(ratings > 0);

    ProcessResult init =
        test::run_process((bin / "motcua").string(), {"init", "--db", database.string()});
    INFO(init.out << init.err);
    CHECK(init.exit_code == 0);
    ProcessResult check =
        test::run_process((bin / "motcua").string(), {"check", "--db", database.string()});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find((root / "usr/share/motcua/assets").string()) != std::string::npos);

    CHECK(query_int(database, "PRAGMA user_version") == Store::kSchemaVersion);
    Store store(database, OpenOptions{.create = false});
    CHECK(store.counts().ratings_total == ratings);
    CHECK(static_cast<std::int64_t>(store.list_officials().size()) == officials);
}
