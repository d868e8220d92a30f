#pragma once
// Everything one sync run needs to know, usually built from the kiosk's configuration file.

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "core/config.hpp"
#include "sync/http_client.hpp"
#include "sync/retry.hpp"

namespace motcua {

struct SyncOptions {
    std::string server_url;  // base URL, e.g. "https://sync.dienbien.gov.vn"; paths are added
    std::string kiosk_id;
    std::string token;  // secret: sent only in the Authorization header, never logged
    HttpSettings http;
    RetryPolicy retry;
    int batch_size = 1000;  // 1..protocol::kMaxItemsPerBatch
    // Reported in the heartbeat.
    std::string app_version;
    std::string form_id;
    int form_version = 0;
    // A clock further than this from the server's is reported as a problem.
    std::chrono::milliseconds large_drift{std::chrono::minutes(5)};
};

// Refusals of a configuration; what() says which setting and why.
class SyncConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The token in `path`: the whole file with surrounding white space removed. Throws
// SyncConfigError when the file is missing, unreadable, empty or holds more than one line.
std::string read_token_file(const std::filesystem::path& path);

// Options from the configuration: server, proxy, CA, pin, timeouts, batch size and the form
// in use; the token from sync.token_file; this build's version for the heartbeat. Throws
// SyncConfigError when sync is not configured (no server_url) or the token cannot be read, and
// FormError when the form file is unusable.
SyncOptions sync_options_from_config(const Config& config);

// Why these options cannot be used, or empty when they can.
std::string sync_options_problem(const SyncOptions& options);

}  // namespace motcua
