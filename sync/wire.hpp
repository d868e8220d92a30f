#pragma once
// The JSON of protocol version 1 as the kiosk writes and reads it (docs/sync-protocol.md).
// Encoding never fails on one bad item: an item that cannot be sent is set aside with a reason.
// Decoding is strict: anything that is not exactly our answer is a WireError, so a captive
// portal's page, a truncated body or a missing item result can never count as delivery.

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "storage/store.hpp"
#include "sync/protocol.hpp"

namespace motcua {

class WireError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct UnsendableItem {
    std::int64_t seq = 0;
    std::string reason;
};

struct EncodedBatch {
    std::string body;                        // the JSON request body, before gzip
    std::vector<std::int64_t> seqs;          // the items in the body, in order
    std::vector<UnsendableItem> unsendable;  // local payloads that are not valid records
};

// {"kiosk_id", "sent_at", "items": [{"seq", "kind": "rating"|"void", "rating"|"void": {...}}]}.
// Payloads (the store's canonical rating JSON, or its void record) go out as they are.
EncodedBatch encode_batch(std::string_view kiosk_id, UtcMillis sent_at,
                          std::span<const OutboxItem> items);

struct ItemAnswer {
    std::int64_t seq = 0;
    protocol::ItemStatus status = protocol::ItemStatus::rejected;
    std::string reason;  // set for conflict and rejected
};

struct BatchAnswer {
    UtcMillis server_time = 0;
    std::vector<ItemAnswer> items;  // one per sent item, in the same order
};

// Decodes a 200 answer to a batch whose items were `sent_seqs`. Throws WireError unless the
// content type is JSON and the body is an object with a valid server_time and exactly one
// result per sent item, in order, each with a known status (and a reason when refused).
BatchAnswer decode_batch_answer(std::string_view content_type, std::string_view body,
                                std::span<const std::int64_t> sent_seqs);

struct Heartbeat {
    std::string kiosk_id;
    UtcMillis sent_at = 0;
    std::string app_version;
    std::string form_id;
    int form_version = 0;
    std::int64_t pending = 0;
    std::int64_t quarantined = 0;
    std::optional<std::int64_t> oldest_pending_age_s;
    std::int64_t db_bytes = 0;
    std::optional<std::int64_t> clock_drift_ms;
    std::string last_error;
};

std::string encode_heartbeat(const Heartbeat& heartbeat);

// The server_time of a 200 answer to a heartbeat; throws WireError like decode_batch_answer.
UtcMillis decode_heartbeat_answer(std::string_view content_type, std::string_view body);

// "code: message" from an error body {"error": {"code", "message"}}, or nullopt when the body
// is not one (then the caller describes the HTTP status itself).
std::optional<std::string> decode_error_body(std::string_view content_type, std::string_view body);

}  // namespace motcua
