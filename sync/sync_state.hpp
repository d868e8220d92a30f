#pragma once
// The sync status a kiosk keeps in its store's key-value state, so the staff screen,
// `motcua status` and the next run all see the last outcome, even after a restart.

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "storage/store.hpp"

namespace motcua {

namespace sync_keys {
// UTC times are stored as format_utc_iso8601 text, numbers as decimal text.
inline constexpr const char* kLastSuccessUtc = "sync.last_success_utc";  // nothing left behind
inline constexpr const char* kLastAttemptUtc = "sync.last_attempt_utc";  // any run's start
inline constexpr const char* kLastError = "sync.last_error";             // "" after a success
inline constexpr const char* kLastErrorUtc = "sync.last_error_utc";
inline constexpr const char* kClockDriftMs = "sync.clock_drift_ms";  // server minus kiosk
}  // namespace sync_keys

namespace clock_keys {
// Kiosk minus server, decimal milliseconds, while beyond kClockOffsetLimit; "" once back within.
inline constexpr const char* kOffsetMs = "clock.offset_ms";
// Written by the store when it sees the clock go back (UTC text of the latest jump).
inline constexpr const char* kBackJumpUtc = "clock.back_jump_utc";
}  // namespace clock_keys

struct SyncStatus {
    std::optional<UtcMillis> last_success_utc;
    std::optional<UtcMillis> last_attempt_utc;
    std::string last_error;  // empty when the last run succeeded
    std::optional<UtcMillis> last_error_utc;
    std::optional<std::int64_t> clock_drift_ms;
    std::optional<std::int64_t> clock_offset_ms;  // flagged offset (kiosk minus server), if any
    std::optional<UtcMillis> clock_back_jump_utc;
    std::int64_t pending = 0;
    std::int64_t quarantined = 0;
    std::optional<UtcMillis> oldest_pending_utc;
};

// Reads the status from the store (state keys and outbox counts). Values that do not parse are
// treated as absent. Throws StoreError like the store.
SyncStatus read_sync_status(Store& store);

// Records a run's start, success or failure, and the measured drift; each is its own write.
void record_sync_attempt(Store& store, UtcMillis at);
void record_sync_success(Store& store, UtcMillis at);
void record_sync_failure(Store& store, UtcMillis at, const std::string& error);
void record_clock_drift(Store& store, std::int64_t drift_ms);
// Keeps clock_keys::kOffsetMs: the offset, rounded to whole seconds, when flagged_clock_offset
// flags the measured drift, "" when the clock is back within the limit (written only when it
// changes). Returns the flag.
std::optional<std::int64_t> record_clock_offset(Store& store, std::int64_t drift_ms);

}  // namespace motcua
