#include "tests/drills/drill_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "core/config.hpp"
#include "core/form.hpp"
#include "tests/drills/drill_names.hpp"

namespace motcua::drills {

std::string writer_binary() {
    return MOTCUA_DRILL_WRITER;
}

std::string uploader_binary() {
    return MOTCUA_DRILL_UPLOADER;
}

std::string cli_binary() {
    return MOTCUA_CLI_BINARY;
}

std::int64_t drill_size(const char* name, std::int64_t minimum) {
    const char* text = std::getenv(name);
    const std::int64_t wanted = text != nullptr ? std::atoll(text) : 0;
    return std::max(wanted, minimum);
}

Province::Province(const std::vector<std::string>& server_flags)
    : server_db(dir / "server.db"),
      kiosk_db(dir / "kiosk.db"),
      token_file(dir / "token"),
      token(test::add_kiosk(server_db, kKioskId, kUnitCode)),
      server(std::make_unique<test::ServerProcess>(server_db, server_flags)) {
    std::ofstream(token_file) << token << "\n";
}

SyncOptions Province::options() const {
    const Form form = load_form_file(assets_dir() / "forms" / "dienbien-phieu4.json");
    SyncOptions options;
    options.server_url = server->url();
    options.kiosk_id = kKioskId;
    options.token = token;
    options.batch_size = 100;
    options.app_version = "drill";
    options.form_id = form.id;
    options.form_version = form.version;
    options.http.connect_timeout_seconds = 5;
    options.http.total_timeout_seconds = 10;
    options.retry.max_attempts = 40;
    options.retry.base_delay = std::chrono::milliseconds(5);
    options.retry.max_delay = std::chrono::milliseconds(100);
    return options;
}

std::vector<std::string> Province::server_rating_ids() {
    server::ServerStoreOptions existing;
    existing.create = false;
    return server::open_sqlite_server_store(server_db, existing)->rating_ids(kKioskId);
}

server::ServerStats Province::server_stats() {
    server::ServerStoreOptions existing;
    existing.create = false;
    return server::open_sqlite_server_store(server_db, existing)->stats();
}

std::vector<std::string> kiosk_rating_ids(Store& store) {
    std::vector<std::string> ids;
    for (const Rating& rating : store.list_ratings({})) {
        ids.push_back(rating.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace motcua::drills
