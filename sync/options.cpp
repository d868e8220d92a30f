#include "sync/options.hpp"

#include <fstream>
#include <sstream>

#include "core/form.hpp"
#include "sync/protocol.hpp"

namespace motcua {

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace

std::string read_token_file(const std::filesystem::path& path) {
    if (path.empty()) {
        throw SyncConfigError("sync.token_file is not set: the kiosk needs its token to upload");
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw SyncConfigError("cannot read the token file " + path.string());
    }
    std::ostringstream content;
    content << file.rdbuf();
    const std::string token = trimmed(content.str());
    if (token.empty()) {
        throw SyncConfigError("the token file " + path.string() + " is empty");
    }
    if (token.find_first_of("\r\n") != std::string::npos) {
        throw SyncConfigError("the token file " + path.string() +
                              " holds more than one line: it must hold the token only");
    }
    return token;
}

SyncOptions sync_options_from_config(const Config& config) {
    const SyncSettings& sync = config.sync;
    if (sync.server_url.empty()) {
        throw SyncConfigError("sync is not configured: sync.server_url is empty");
    }
    SyncOptions options;
    options.server_url = sync.server_url;
    options.kiosk_id = config.kiosk.kiosk_id;
    options.token = read_token_file(sync.token_file);
    options.http.ca_file = sync.ca_file.string();
    options.http.pinned_public_key = sync.pinned_public_key;
    options.http.proxy = sync.proxy;
    options.http.allow_plain_http = sync.allow_plain_http;
    options.http.connect_timeout_seconds = sync.connect_timeout_seconds;
    options.http.total_timeout_seconds = sync.total_timeout_seconds;
    options.batch_size = sync.batch_size;
    options.app_version = MOTCUA_APP_VERSION;
    if (!config.form_profile.empty()) {
        const Form form = load_form_file(config.form_profile);
        options.form_id = form.id;
        options.form_version = form.version;
    }
    return options;
}

std::string sync_options_problem(const SyncOptions& options) {
    if (options.server_url.empty()) {
        return "no server URL is configured (sync.server_url)";
    }
    if (const auto problem = url_problem(options.server_url, options.http.allow_plain_http)) {
        return "sync.server_url: " + *problem;
    }
    if (options.kiosk_id.empty()) {
        return "the kiosk id is empty (kiosk.kiosk_id)";
    }
    if (options.token.empty()) {
        return "the kiosk's token is empty (sync.token_file)";
    }
    if (options.batch_size < 1 ||
        options.batch_size > static_cast<int>(protocol::kMaxItemsPerBatch)) {
        return "sync.batch_size must be between 1 and " +
               std::to_string(protocol::kMaxItemsPerBatch) + " (got " +
               std::to_string(options.batch_size) + ")";
    }
    if (options.retry.max_attempts < 1) {
        return "the retry policy needs at least one attempt";
    }
    return {};
}

}  // namespace motcua
