#pragma once
// A province in a temp folder: a real motcua-server on 127.0.0.1 with its own database and a
// registered kiosk, the kiosk's real Store, and sync options with a fast retry policy.

#include <memory>
#include <string>
#include <vector>

#include "server/server_store.hpp"
#include "storage/store.hpp"
#include "sync/options.hpp"
#include "tests/sync/support/rating_factory.hpp"
#include "tests/sync/support/server_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

namespace motcua::test {

inline constexpr const char* kKioskId = "kiosk-01";
inline constexpr const char* kUnitCode = "000.00.24.H18";

struct SyncFixture {
    // Starts the server with `server_flags` (faults...).
    explicit SyncFixture(const std::vector<std::string>& server_flags = {});

    // Options for this kiosk and server: batches of 100, retries every few milliseconds.
    SyncOptions options() const;
    // Restarts the server on the same port with new flags (after kill_hard or to change faults).
    void restart_server(const std::vector<std::string>& server_flags = {});

    // What the server holds, read from its database the way the server does.
    std::vector<std::string> server_rating_ids(const std::string& kiosk_id = kKioskId);
    server::ServerStats server_stats();

    TempDir dir;
    std::filesystem::path server_db;
    std::filesystem::path kiosk_db;
    std::string token;
    std::unique_ptr<ServerProcess> server;
    Store store;
    RatingFactory factory;
};

// Sorted copy.
std::vector<std::string> sorted(std::vector<std::string> ids);

}  // namespace motcua::test
