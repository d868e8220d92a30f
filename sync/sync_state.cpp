#include "sync/sync_state.hpp"

#include <charconv>

#include "core/clock_drift.hpp"

namespace motcua {

namespace {

std::optional<UtcMillis> read_time(Store& store, const char* key) {
    const auto text = store.get_state(key);
    UtcMillis when = 0;
    if (!text || !parse_utc_iso8601(*text, when)) {
        return std::nullopt;
    }
    return when;
}

std::optional<std::int64_t> read_number(Store& store, const char* key) {
    const auto text = store.get_state(key);
    if (!text) {
        return std::nullopt;
    }
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (error != std::errc() || end != text->data() + text->size()) {
        return std::nullopt;
    }
    return number;
}

}  // namespace

SyncStatus read_sync_status(Store& store) {
    SyncStatus status;
    status.last_success_utc = read_time(store, sync_keys::kLastSuccessUtc);
    status.last_attempt_utc = read_time(store, sync_keys::kLastAttemptUtc);
    status.last_error = store.get_state(sync_keys::kLastError).value_or("");
    status.last_error_utc = read_time(store, sync_keys::kLastErrorUtc);
    status.clock_drift_ms = read_number(store, sync_keys::kClockDriftMs);
    status.clock_offset_ms = read_number(store, clock_keys::kOffsetMs);
    status.clock_back_jump_utc = read_time(store, clock_keys::kBackJumpUtc);
    const StoreCounts counts = store.counts();
    status.pending = counts.pending_upload;
    status.quarantined = counts.quarantined;
    status.oldest_pending_utc = store.oldest_pending_utc();
    return status;
}

void record_sync_attempt(Store& store, UtcMillis at) {
    store.set_state(sync_keys::kLastAttemptUtc, format_utc_iso8601(at));
}

void record_sync_success(Store& store, UtcMillis at) {
    store.set_state(sync_keys::kLastSuccessUtc, format_utc_iso8601(at));
    store.set_state(sync_keys::kLastError, "");
}

void record_sync_failure(Store& store, UtcMillis at, const std::string& error) {
    store.set_state(sync_keys::kLastError, error);
    store.set_state(sync_keys::kLastErrorUtc, format_utc_iso8601(at));
}

void record_clock_drift(Store& store, std::int64_t drift_ms) {
    store.set_state(sync_keys::kClockDriftMs, std::to_string(drift_ms));
}

std::optional<std::int64_t> record_clock_offset(Store& store, std::int64_t drift_ms) {
    std::optional<std::int64_t> flagged = flagged_clock_offset(clock_offset_from_drift(drift_ms));
    if (flagged) {
        // The offset is known only to within the exchange's round trip, so it is kept in whole
        // seconds: an hour measured as 3,599,999 ms reads "1 h", not "59 min 59 s".
        const std::int64_t half = *flagged < 0 ? -500 : 500;
        flagged = (*flagged + half) / 1000 * 1000;
    }
    const std::string value = flagged ? std::to_string(*flagged) : "";
    if (store.get_state(clock_keys::kOffsetMs).value_or("") != value) {
        store.set_state(clock_keys::kOffsetMs, value);
    }
    return flagged;
}

}  // namespace motcua
