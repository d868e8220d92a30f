// The upload queue. A rating's row is written in the rating's own transaction; the payload is
// not copied into the queue but read from the rating (or void) when the row is sent.
//
// [SECTION] Reading the queue
// [SECTION] Recording the server's answers
// [SECTION] Counts

#include "storage/store_impl.hpp"

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Reading the queue
//-----------------------------------------------------------------------------

namespace {

// Columns 0..7 of every outbox query; the payload comes from the rating or the void it names.
constexpr std::string_view kItemColumns =
    "SELECT o.seq, o.kind, o.ref_id, o.attempts, r.payload, v.reason, v.actor, v.voided_utc, "
    "o.reason, o.quarantined_utc FROM outbox o "
    "LEFT JOIN ratings r ON o.kind = 'rating' AND r.id = o.ref_id "
    "LEFT JOIN voids v ON o.kind = 'void' AND v.rating_id = o.ref_id ";

OutboxItem item_from_row(const sqlite::Connection& db, const sqlite::Statement& row) {
    OutboxItem item;
    item.seq = row.int64(0);
    item.kind = row.text(1) == "void" ? OutboxKind::void_record : OutboxKind::rating;
    item.ref_id = row.text(2);
    item.attempts = row.integer(3);
    const bool missing = item.kind == OutboxKind::rating ? row.is_null(4) : row.is_null(5);
    if (missing) {
        db.fail(StoreErrorKind::corrupt, "reading the upload queue",
                "queue item " + std::to_string(item.seq) + " names '" + item.ref_id +
                    "', which is not stored");
    }
    item.payload = item.kind == OutboxKind::rating
                       ? row.text(4)
                       : storage_detail::void_payload(
                             VoidRecord{item.ref_id, row.text(5), row.text(6), row.int64(7)});
    return item;
}

}  // namespace

std::vector<OutboxItem> Store::pending_items(std::int64_t limit) {
    constexpr std::string_view kDoing = "reading the upload queue";
    storage_detail::check_limit(impl_->db, limit, kDoing);
    sqlite::Statement list(
        impl_->db, std::string(kItemColumns) + "WHERE o.state = 'pending' ORDER BY o.seq LIMIT ?1",
        kDoing);
    list.bind(1, limit);
    std::vector<OutboxItem> items;
    while (list.step()) {
        items.push_back(item_from_row(impl_->db, list));
    }
    return items;
}

std::vector<QuarantinedItem> Store::list_quarantined(std::int64_t limit) {
    constexpr std::string_view kDoing = "reading the quarantined uploads";
    storage_detail::check_limit(impl_->db, limit, kDoing);
    sqlite::Statement list(
        impl_->db,
        std::string(kItemColumns) + "WHERE o.state = 'quarantined' ORDER BY o.seq LIMIT ?1",
        kDoing);
    list.bind(1, limit);
    std::vector<QuarantinedItem> items;
    while (list.step()) {
        items.push_back(
            QuarantinedItem{item_from_row(impl_->db, list), list.text(8), list.int64(9)});
    }
    return items;
}

std::optional<UtcMillis> Store::oldest_pending_utc() {
    sqlite::Statement oldest(impl_->db,
                             "SELECT min(created_utc) FROM outbox WHERE state = 'pending'",
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

// Why an update of one queue item changed nothing: unknown seq (not_found) or wrong state.
[[noreturn]] void explain_unchanged(sqlite::Connection& db, std::int64_t seq,
                                    std::string_view doing, std::string_view state_problem) {
    const bool exists =
        db.query_int("SELECT count(*) FROM outbox WHERE seq = " + std::to_string(seq), doing) > 0;
    if (!exists) {
        db.fail(StoreErrorKind::not_found, doing,
                "no upload queue item has seq " + std::to_string(seq));
    }
    db.fail(StoreErrorKind::invalid, doing, state_problem);
}

}  // namespace

void Store::mark_delivered(std::span<const std::int64_t> seqs, UtcMillis at) {
    sqlite::Connection& db = impl_->db;
    sqlite::Transaction transaction(db, "recording delivered uploads");
    sqlite::Statement mark(db,
                           "UPDATE outbox SET state = 'delivered', delivered_utc = ?2, "
                           "reason = NULL, quarantined_utc = NULL "
                           "WHERE seq = ?1 AND state <> 'delivered'",
                           "recording delivered uploads");
    for (std::int64_t seq : seqs) {
        mark.bind(1, seq).bind(2, at).run();
    }
    transaction.commit();
}

void Store::mark_quarantined(std::int64_t seq, const std::string& reason, UtcMillis at) {
    sqlite::Connection& db = impl_->db;
    const std::string doing = "quarantining upload " + std::to_string(seq);
    const std::string why =
        storage_detail::checked_text(db, doing, "the reason", reason, true, 2000);
    sqlite::Transaction transaction(db, doing);
    sqlite::Statement(db,
                      "UPDATE outbox SET state = 'quarantined', reason = ?2, quarantined_utc = ?3 "
                      "WHERE seq = ?1 AND state <> 'delivered'",
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
                            "WHERE seq = ?1 AND state = 'pending'",
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
                      "UPDATE outbox SET state = 'pending', attempts = 0, reason = NULL, "
                      "quarantined_utc = NULL WHERE seq = ?1 AND state = 'quarantined'",
                      doing)
        .bind(1, seq)
        .run();
    if (db.changes() == 0) {
        explain_unchanged(db, seq, doing, "it is not quarantined");
    }
    transaction.commit();
}

//-----------------------------------------------------------------------------
// [SECTION] Counts
//-----------------------------------------------------------------------------

StoreCounts Store::counts() {
    // One statement, so all four figures come from the same snapshot.
    sqlite::Statement query(impl_->db,
                            "SELECT (SELECT coalesce(sum(ratings + voided), 0) FROM day_ratings), "
                            "(SELECT coalesce(sum(voided), 0) FROM day_ratings), "
                            "(SELECT count(*) FROM outbox WHERE state = 'pending'), "
                            "(SELECT count(*) FROM outbox WHERE state = 'quarantined')",
                            "counting ratings and uploads");
    StoreCounts counts;
    if (query.step()) {
        counts = StoreCounts{query.int64(0), query.int64(1), query.int64(2), query.int64(3)};
        query.reset();
    }
    return counts;
}

}  // namespace motcua
