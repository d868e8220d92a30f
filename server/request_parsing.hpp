#pragma once
// Validation of request bodies (protocol version 1, docs/sync-protocol.md). The envelope must be
// exactly right or the whole request is refused (ApiError, nothing stored); inside it, a bad
// item is rejected alone with a reason and the rest of the batch goes on.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "server/server_store.hpp"

namespace motcua::server {

// A refusal of the whole request: the HTTP status and the error body's code and message.
class ApiError : public std::runtime_error {
  public:
    ApiError(int status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }

  private:
    int status_;
    std::string code_;
};

// The items of a batch body sent by `kiosk`. Throws ApiError: 400 malformed_json or
// invalid_batch (wrong envelope, items without a unique integer seq), 403 kiosk_mismatch (the
// body names another kiosk), 413 too_large (more than protocol::kMaxItemsPerBatch items).
// An item is rejected when its record fails rating_from_json or the void rules, or names
// another kiosk or unit than the token's.
// Batches as kiosks encode them take the fast path (server/canonical_batch.hpp); any other body
// takes the general path, which gives the same items for a body both can read.
std::vector<IncomingItem> parse_batch(std::string_view body, const KioskRecord& kiosk);

// The general path alone: a JSON tree, then every rule. For tests comparing the two paths.
std::vector<IncomingItem> parse_batch_general(std::string_view body, const KioskRecord& kiosk);

// The heartbeat body from `kiosk`, re-serialised after validation, for storing. Throws ApiError
// like parse_batch.
std::string parse_heartbeat(std::string_view body, const KioskRecord& kiosk);

}  // namespace motcua::server
