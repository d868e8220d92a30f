#include "tests/sync/sync_fixture.hpp"

#include <algorithm>

namespace motcua::test {

SyncFixture::SyncFixture(const std::vector<std::string>& server_flags)
    : server_db(dir / "server.db"),
      kiosk_db(dir / "kiosk.db"),
      token(add_kiosk(server_db, kKioskId, kUnitCode)),
      server(std::make_unique<ServerProcess>(server_db, server_flags)),
      store(kiosk_db),
      factory(kKioskId, kUnitCode) {}

SyncOptions SyncFixture::options() const {
    SyncOptions options;
    options.server_url = server->url();
    options.kiosk_id = kKioskId;
    options.token = token;
    options.batch_size = 100;
    options.app_version = "test";
    options.form_id = factory.form().id;
    options.form_version = factory.form().version;
    options.http.connect_timeout_seconds = 5;
    options.http.total_timeout_seconds = 10;
    options.retry.max_attempts = 40;
    options.retry.base_delay = std::chrono::milliseconds(5);
    options.retry.max_delay = std::chrono::milliseconds(100);
    return options;
}

void SyncFixture::restart_server(const std::vector<std::string>& server_flags) {
    const int port = server->port();
    server.reset();
    server = std::make_unique<ServerProcess>(server_db, server_flags, port);
}

std::vector<std::string> SyncFixture::server_rating_ids(const std::string& kiosk_id) {
    server::ServerStoreOptions existing;
    existing.create = false;
    return server::open_sqlite_server_store(server_db, existing)->rating_ids(kiosk_id);
}

server::ServerStats SyncFixture::server_stats() {
    server::ServerStoreOptions existing;
    existing.create = false;
    return server::open_sqlite_server_store(server_db, existing)->stats();
}

std::vector<std::string> sorted(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace motcua::test
