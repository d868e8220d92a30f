#pragma once
// What a Store holds, and the few helpers its .cpp files (one per concept) share.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "storage/rating_rows.hpp"
#include "storage/rating_writer.hpp"
#include "storage/rollups.hpp"
#include "storage/sqlite_util.hpp"
#include "storage/store.hpp"

namespace motcua {

struct Store::Impl {
    Impl(const std::filesystem::path& file, bool create)
        : path(file), db(file, create), dictionary(db) {}

    // Prepared on first use (after the schema is migrated) and kept across saves.
    storage_detail::RatingWriter& rating_writer() {
        if (!writer) {
            writer.emplace(db, dictionary);
        }
        return *writer;
    }
    sqlite::RollupWriter& rollup_writer() {
        if (!rollups) {
            rollups.emplace(db);
        }
        return *rollups;
    }

    std::filesystem::path path;
    sqlite::Connection db;  // declared before the statements below, so it closes after them
    storage_detail::Dictionary dictionary;
    std::optional<storage_detail::RatingWriter> writer;
    std::optional<sqlite::RollupWriter> rollups;
    // Pages in the WAL after this connection's last commit (SQLite's WAL hook tells it), for
    // deferred checkpoints.
    int wal_pages = 0;
};

namespace storage_detail {

// The UUID of a rating as stored (16 bytes), or nullopt when `id` is not a lower-case UUID
// (no stored rating has it).
std::optional<std::string> stored_id(const std::string& id);

// The inclusive local-date bounds of a filter, with an empty bound meaning open-ended.
// Throws StoreError invalid for a date that is not YYYY-MM-DD or a range that ends before it
// starts.
struct DateRange {
    std::string from;
    std::string to;
};
DateRange checked_range(const sqlite::Connection& db, const RatingFilter& filter,
                        std::string_view doing);

// Binds a filter's official to `index`: NULL (every official) or the id ("" = nobody signed in).
void bind_official(sqlite::Statement& statement, int index, const RatingFilter& filter);

// Throws StoreError invalid when `limit` is negative.
void check_limit(const sqlite::Connection& db, std::int64_t limit, std::string_view doing);

// `text` in NFC after checking it is UTF-8, not blank (when required) and at most `max_bytes`.
// Throws StoreError invalid naming `field`.
std::string checked_text(const sqlite::Connection& db, std::string_view doing,
                         std::string_view field, const std::string& text, bool required,
                         std::size_t max_bytes);

// The highest upload queue seq ever given out, as an SQL expression: the outbox's last row, or
// when delivered rows were deleted from its end, state 'outbox.last_seq' (kept by
// mark_delivered). Seqs are never reused: the next one is this plus one.
inline constexpr std::string_view kLastOutboxSeqSql =
    "max(coalesce((SELECT max(seq) FROM outbox), 0), "
    "coalesce((SELECT CAST(value AS INTEGER) FROM state WHERE key = 'outbox.last_seq'), 0))";

// Appends one audit entry inside the caller's transaction.
void insert_audit(sqlite::Connection& db, const AuditEntry& entry);

// The canonical JSON of a void record, as queued for upload:
// {"rating_id", "reason", "actor", "voided_utc" (ISO 8601 UTC)}.
std::string void_payload(const VoidRecord& record);

}  // namespace storage_detail

}  // namespace motcua
