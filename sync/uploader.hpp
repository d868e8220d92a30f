#pragma once
// One sync run: upload everything pending in the store's outbox, batch by batch, then send a
// heartbeat (while the server stores one batch, the next is read and encoded beside it; it is
// sent only after the answer). An item leaves the queue only on the server's own per-item
// answer: accepted or duplicate marks it delivered; conflict or rejected quarantines it with
// the server's reason. Every failure leaves the unanswered items pending; nothing is ever
// deleted.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "storage/store.hpp"
#include "sync/cancel.hpp"
#include "sync/options.hpp"

namespace motcua {

enum class SyncOutcome {
    complete,        // every item was answered; nothing is pending because of a failure
    failed,          // the server could not be reached or answered wrongly: items remain pending
    unauthorized,    // 401/403: the token is wrong, revoked or not this kiosk's
    busy,            // another sync run holds the lock; this one did nothing
    cancelled,       // stopped by the cancel token; answered batches stay recorded
    not_configured,  // the options are unusable (see error)
};
std::string_view to_string(SyncOutcome outcome);

struct SyncCounts {
    std::int64_t batches = 0;  // batches the server answered
    std::int64_t sent = 0;     // items in those batches
    std::int64_t accepted = 0;
    std::int64_t duplicates = 0;
    std::int64_t conflicts = 0;
    std::int64_t rejected = 0;
    std::int64_t unsendable = 0;       // damaged local records quarantined without sending
    std::int64_t retries = 0;          // failed exchanges that were tried again
    std::int64_t json_bytes = 0;       // request bodies before gzip
    std::int64_t wire_bytes_up = 0;    // request headers and bodies as sent
    std::int64_t wire_bytes_down = 0;  // answers as received
};

// Reported after every answered batch and before every retry wait.
struct SyncProgress {
    SyncCounts counts;
    std::int64_t pending_at_start = 0;
    std::int64_t elapsed_ms = 0;
    std::string waiting;  // non-empty while waiting to retry: what failed and for how long
};
using SyncProgressFn = std::function<void(const SyncProgress&)>;

struct SyncReport {
    SyncOutcome outcome = SyncOutcome::failed;
    std::string error;  // English, for staff and logs; empty when complete
    SyncCounts counts;
    std::int64_t pending_at_start = 0;
    std::int64_t pending_after = 0;
    std::int64_t quarantined_after = 0;
    std::int64_t elapsed_ms = 0;
    std::optional<std::int64_t> clock_drift_ms;  // server time minus kiosk time
    bool large_drift = false;
    std::string heartbeat_error;  // the heartbeat failed (the upload's outcome stands)
};

// Runs one sync with `store` (this thread's own Store). Takes the cross-process sync lock for
// the store's file; records the attempt, success or failure and clock drift in the store's
// state (sync_state.hpp), and flags a clock more than kClockOffsetLimit from the server's
// (clock_keys::kOffsetMs). Never throws for network or server trouble; StoreError from the store
// propagates (the items it could not mark stay pending and are sent again next time).
SyncReport run_sync(Store& store, const SyncOptions& options, const Clock& clock,
                    const SyncProgressFn& progress = {}, const CancelToken* cancel = nullptr);

struct ConnectionCheck {
    bool ok = false;
    std::string message;  // what worked or what failed, in English
    std::optional<std::int64_t> clock_drift_ms;
};

// Sends one heartbeat without retrying: the admin screen's "test connection". Reads the store
// for the heartbeat's figures; changes nothing in it.
ConnectionCheck test_connection(Store& store, const SyncOptions& options, const Clock& clock);

}  // namespace motcua
