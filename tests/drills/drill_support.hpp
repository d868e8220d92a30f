#pragma once
// What the drills share: the helper programs' paths, drill sizes from the environment, a
// province (a real motcua-server on 127.0.0.1 with the drill kiosk registered), and exact
// comparison of the server's ratings with the kiosk's.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "server/server_store.hpp"
#include "storage/store.hpp"
#include "sync/options.hpp"
#include "tests/sync/support/server_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

namespace motcua::drills {

std::string writer_binary();
std::string uploader_binary();
std::string cli_binary();

// The environment variable `name` as a number when set and above `minimum`, else `minimum`
// (CI runs the minimum; scripts/drill-* raise it).
std::int64_t drill_size(const char* name, std::int64_t minimum);

struct Province {
    explicit Province(const std::vector<std::string>& server_flags = {});

    // Sync options for the drill kiosk: batches of 100, fast retries.
    SyncOptions options() const;
    // Ids the server holds for the drill kiosk (sorted, one entry per stored rating).
    std::vector<std::string> server_rating_ids();
    server::ServerStats server_stats();

    test::TempDir dir;
    std::filesystem::path server_db;
    std::filesystem::path kiosk_db;
    std::filesystem::path token_file;
    std::string token;
    std::unique_ptr<test::ServerProcess> server;
};

// The ids of the kiosk's non-voided ratings (the drills void none), sorted.
std::vector<std::string> kiosk_rating_ids(Store& store);

}  // namespace motcua::drills
