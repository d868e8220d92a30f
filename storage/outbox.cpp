// The upload queue. A rating's row is written in the rating's own transaction; the payload is
// not copied into the queue but made from the rating (or void) when the row is read: the
// canonical JSON, byte for byte what schema version 1 stored.
//
// Only pending and quarantined items have a row (a quarantined one has a reason); a delivered
// item's row is deleted. Seqs are never reused (storage_detail::kLastOutboxSeqSql: when the
// last rows are deleted, state 'outbox.last_seq' keeps the highest), so a seq between 1 and
// the last one given out that has no row was delivered.
//
// [SECTION] Reading the queue
// [SECTION] Recording the server's answers
// [SECTION] Counts

#include <nlohmann/json.hpp>

#include "storage/store_impl.hpp"

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Reading the queue
//-----------------------------------------------------------------------------

namespace {

// Columns 0..7 of every outbox query, then the rating's kRatingColumns from column 8.
std::string item_query(std::string_view where) {
    return "SELECT o.seq, o.kind, o.attempts, o.reason, o.quarantined_utc, v.reason, v.actor, "
           "v.voided_utc, " +
           std::string(storage_detail::kRatingColumns) +
           " FROM outbox o LEFT JOIN ratings r ON r.sequence = o.rating "
           "LEFT JOIN voids v ON o.kind = 1 AND v.rating = o.rating " +
           std::string(where);
}
constexpr int kFirstRatingColumn = 8;

OutboxItem item_from_row(sqlite::Connection& db, storage_detail::Dictionary& dictionary,
                         const sqlite::Statement& row) {
    OutboxItem item;
    item.seq = row.int64(0);
    item.kind = row.int64(1) == 1 ? OutboxKind::void_record : OutboxKind::rating;
    item.attempts = row.integer(2);
    const bool missing =
        row.is_null(kFirstRatingColumn) || (item.kind == OutboxKind::void_record && row.is_null(5));
    if (missing) {
        db.fail(StoreErrorKind::corrupt, "reading the upload queue",
                "queue item " + std::to_string(item.seq) +
                    " names a rating or void that is not stored");
    }
    const Rating rating = storage_detail::rating_from_row(db, dictionary, row, kFirstRatingColumn);
    item.ref_id = rating.id;
    item.payload = item.kind == OutboxKind::rating
                       ? rating_to_canonical_json(rating)
                       : storage_detail::void_payload(
                             VoidRecord{item.ref_id, row.text(5), row.text(6), row.int64(7)});
    return item;
}

}  // namespace

std::vector<OutboxItem> Store::pending_items(std::int64_t limit) {
    constexpr std::string_view kDoing = "reading the upload queue";
    storage_detail::check_limit(impl_->db, limit, kDoing);
    sqlite::Statement list(impl_->db, item_query("WHERE o.reason IS NULL ORDER BY o.seq LIMIT ?1"),
                           kDoing);
    list.bind(1, limit);
    std::vector<OutboxItem> items;
    while (list.step()) {
        items.push_back(item_from_row(impl_->db, impl_->dictionary, list));
    }
    return items;
}

std::vector<OutboxItem> Store::pending_items_after(std::int64_t after_seq, std::int64_t limit) {
    constexpr std::string_view kDoing = "reading the upload queue";
    storage_detail::check_limit(impl_->db, limit, kDoing);
    sqlite::Statement list(
        impl_->db, item_query("WHERE o.reason IS NULL AND o.seq > ?2 ORDER BY o.seq LIMIT ?1"),
        kDoing);
    list.bind(1, limit).bind(2, after_seq);
    std::vector<OutboxItem> items;
    while (list.step()) {
        items.push_back(item_from_row(impl_->db, impl_->dictionary, list));
    }
    return items;
}

std::vector<QuarantinedItem> Store::list_quarantined(std::int64_t limit) {
    constexpr std::string_view kDoing = "reading the quarantined uploads";
    storage_detail::check_limit(impl_->db, limit, kDoing);
    sqlite::Statement list(
        impl_->db, item_query("WHERE o.reason IS NOT NULL ORDER BY o.seq LIMIT ?1"), kDoing);
    list.bind(1, limit);
    std::vector<QuarantinedItem> items;
    while (list.step()) {
        items.push_back(QuarantinedItem{item_from_row(impl_->db, impl_->dictionary, list),
                                        list.text(3), list.int64(4)});
    }
    return items;
}

std::optional<UtcMillis> Store::oldest_pending_utc() {
    sqlite::Statement oldest(impl_->db, "SELECT min(created_utc) FROM outbox WHERE reason IS NULL",
                             "reading the upload queue");
    std::optional<UtcMillis> when;
    if (oldest.step() && !oldest.is_null(0)) {
        when = oldest.int64(0);
    }
    oldest.reset();
    return when;
}

//-----------------------------------------------------------------------------
// [SECTION] Recording the server's answers
//-----------------------------------------------------------------------------

namespace {

// Why an update of one queue item changed nothing: a seq never given out (not_found), or an
// item in the wrong state (`state_problem`; a delivered item has no row left).
[[noreturn]] void explain_unchanged(sqlite::Connection& db, std::int64_t seq,
                                    std::string_view doing, std::string_view state_problem) {
    const std::int64_t last_given =
        db.query_int("SELECT " + std::string(storage_detail::kLastOutboxSeqSql), doing);
    if (seq < 1 || seq > last_given) {
        db.fail(StoreErrorKind::not_found, doing,
                "no upload queue item has seq " + std::to_string(seq));
    }
    db.fail(StoreErrorKind::invalid, doing, state_problem);
}

bool is_delivered(sqlite::Connection& db, std::int64_t seq, std::string_view doing) {
    return db.query_int("SELECT count(*) FROM outbox WHERE seq = " + std::to_string(seq), doing) ==
           0;
}

}  // namespace

void Store::mark_delivered(std::span<const std::int64_t> seqs, UtcMillis) {
    sqlite::Connection& db = impl_->db;
    sqlite::Transaction transaction(db, "recording delivered uploads");
    // Deleting the last rows must not let their seqs be given out again.
    db.exec("INSERT INTO state (key, value) SELECT 'outbox.last_seq', CAST(" +
                std::string(storage_detail::kLastOutboxSeqSql) +
                " AS TEXT) WHERE true ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            "recording delivered uploads");
    sqlite::Statement mark(db, "DELETE FROM outbox WHERE seq = ?1", "recording delivered uploads");
    for (std::int64_t seq : seqs) {
        mark.bind(1, seq).run();
    }
    transaction.commit();
}

void Store::mark_quarantined(std::int64_t seq, const std::string& reason, UtcMillis at) {
    sqlite::Connection& db = impl_->db;
    const std::string doing = "quarantining upload " + std::to_string(seq);
    const std::string why =
        storage_detail::checked_text(db, doing, "the reason", reason, true, 2000);
    sqlite::Transaction transaction(db, doing);
    sqlite::Statement(db, "UPDATE outbox SET reason = ?2, quarantined_utc = ?3 WHERE seq = ?1",
                      doing)
        .bind(1, seq)
        .bind(2, why)
        .bind(3, at)
        .run();
    if (db.changes() == 0) {
        explain_unchanged(db, seq, doing, "it was already delivered");
    }
    transaction.commit();
}

void Store::note_attempt(std::span<const std::int64_t> seqs) {
    sqlite::Connection& db = impl_->db;
    sqlite::Transaction transaction(db, "counting upload attempts");
    sqlite::Statement count(db,
                            "UPDATE outbox SET attempts = attempts + 1 "
                            "WHERE seq = ?1 AND reason IS NULL",
                            "counting upload attempts");
    for (std::int64_t seq : seqs) {
        count.bind(1, seq).run();
    }
    transaction.commit();
}

void Store::requeue(std::int64_t seq) {
    sqlite::Connection& db = impl_->db;
    const std::string doing = "requeueing upload " + std::to_string(seq);
    sqlite::Transaction transaction(db, doing);
    sqlite::Statement(db,
                      "UPDATE outbox SET attempts = 0, reason = NULL, quarantined_utc = NULL "
                      "WHERE seq = ?1 AND reason IS NOT NULL",
                      doing)
        .bind(1, seq)
        .run();
    if (db.changes() == 0) {
        explain_unchanged(db, seq, doing,
                          is_delivered(db, seq, doing) ? "it is not quarantined (it was delivered)"
                                                       : "it is not quarantined");
    }
    transaction.commit();
}

//-----------------------------------------------------------------------------
// [SECTION] Counts
//-----------------------------------------------------------------------------

StoreCounts Store::counts() {
    constexpr std::string_view kDoing = "counting ratings and uploads";
    // One snapshot for all four figures.
    sqlite::ReadTransaction snapshot(impl_->db, kDoing);
    const sqlite::RollupTotals totals = sqlite::read_rollup_totals(impl_->db, kDoing);
    sqlite::Statement query(impl_->db,
                            "SELECT (SELECT count(*) FROM outbox WHERE reason IS NULL), "
                            "(SELECT count(*) FROM outbox WHERE reason IS NOT NULL)",
                            kDoing);
    StoreCounts counts{totals.ratings, totals.voided, 0, 0};
    if (query.step()) {
        counts.pending_upload = query.int64(0);
        counts.quarantined = query.int64(1);
        query.reset();
    }
    return counts;
}

}  // namespace motcua
