// The upgrade path: build the two .deb files with cpack, unpack them into a throwaway root with
// dpkg-deb -x, and run the unpacked binaries there on a database of the previous schema
// (tests/storage/schema_v1.sql, the frozen version 1 DDL, plus fixtures/schema-v1-data.sql, rows
// made by `motcua init` + `motcua demo-data` when the schema was at version 1). The unpacked
// `motcua init` runs the real version 1 -> 2 migration: every rating must read back as exactly
// the canonical JSON version 1 stored, the upload queue must be the same, and every binary
// must start.
// Skipped, with a message, where dpkg-deb or cpack is missing.

#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "storage/store.hpp"
#include "tests/cli/run_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using motcua::test::ProcessResult;
using motcua::test::TempDir;

namespace {

const std::filesystem::path kBuildDir = MOTCUA_BUILD_DIR;
const std::filesystem::path kSchemaV1 = MOTCUA_SCHEMA_V1_SQL;
const std::filesystem::path kFixtureRows = MOTCUA_OPS_FIXTURES "/schema-v1-data.sql";

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

// Runs SQL files, in order, on a new database file.
void load_sql(const std::vector<std::filesystem::path>& files,
              const std::filesystem::path& database) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(database.c_str(), &db) == SQLITE_OK);
    std::string sql;
    for (const auto& file : files) {
        sql += read_text(file);
    }
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
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

// Every row of a one-column query, in order.
std::vector<std::string> query_texts(const std::filesystem::path& database,
                                     const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::vector<std::string> texts;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        texts.emplace_back(text != nullptr ? text : "");
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return texts;
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
    load_sql({kSchemaV1, kFixtureRows}, database);
    REQUIRE(query_int(database, "PRAGMA user_version") == 1);
    const std::int64_t ratings = query_int(database, "SELECT count(*) FROM ratings");
    const std::int64_t officials = query_int(database, "SELECT count(*) FROM officials");
    REQUIRE(ratings > 0);
    // What version 1 holds and would upload: every rating's canonical JSON, in queue order.
    const std::vector<std::string> v1_payloads =
        query_texts(database,
                    "SELECT r.payload FROM outbox o JOIN ratings r ON r.id = o.ref_id "
                    "WHERE o.state = 'pending' ORDER BY o.seq");
    REQUIRE(static_cast<std::int64_t>(v1_payloads.size()) == ratings);
    // Each day's tally as version 1's rollups hold it: "date ratings voided answers".
    const std::vector<std::string> v1_days = query_texts(
        database,
        "SELECT r.local_date || ' ' || r.ratings || ' ' || r.voided || ' ' || a.answers FROM "
        "(SELECT local_date, sum(ratings) AS ratings, sum(voided) AS voided FROM day_ratings "
        "GROUP BY 1) r JOIN (SELECT local_date, sum(count) AS answers FROM day_answers GROUP BY "
        "1) a USING (local_date) ORDER BY 1");
    REQUIRE(v1_days.size() > 1);

    ProcessResult init =
        test::run_process((bin / "motcua").string(), {"init", "--db", database.string()});
    INFO(init.out << init.err);
    CHECK(init.exit_code == 0);
    // The migration freed the version 1 payloads; init gives those pages back to the disk.
    CHECK(init.out.find("Compacted: ") != std::string::npos);
    CHECK(query_int(database, "PRAGMA freelist_count") == 0);
    ProcessResult check =
        test::run_process((bin / "motcua").string(), {"check", "--db", database.string()});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find((root / "usr/share/motcua/assets").string()) != std::string::npos);

    CHECK(query_int(database, "PRAGMA user_version") == Store::kSchemaVersion);
    CHECK(query_int(database, "SELECT count(*) FROM sqlite_schema WHERE name = 'dossier_claims'") ==
          0);
    Store store(database, OpenOptions{.create = false});
    CHECK(store.counts().ratings_total == ratings);
    CHECK(static_cast<std::int64_t>(store.list_officials().size()) == officials);
    std::vector<std::string> v2_payloads;
    for (const OutboxItem& item : store.pending_items(ratings + 1)) {
        v2_payloads.push_back(item.payload);
    }
    CHECK(v2_payloads == v1_payloads);
    std::vector<std::string> days;
    for (const std::string& line : v1_days) {
        const std::string date = line.substr(0, 10);
        const Aggregates tally = store.aggregate(RatingFilter{date, date, std::nullopt});
        std::int64_t answers = 0;
        for (const AnswerCount& answer : tally.answers) {
            answers += answer.count;
        }
        days.push_back(date + " " + std::to_string(tally.ratings) + " " +
                       std::to_string(tally.voided) + " " + std::to_string(answers));
    }
    CHECK(days == v1_days);
}
