// Schema version 1 -> 2, the C++ part (storage/schema.cpp has the SQL part). Runs inside the
// migration's transaction: any problem throws, and the version 1 file is left as it was.
//
// Every version 1 rating is read from its canonical JSON, written as a compact row, and must
// give back exactly the same JSON bytes (so uploads and the server's idempotency checks see the
// same content). Voids and claims move by rating sequence (the claims checked to be exactly
// the non-voided ratings); pending and quarantined queue items keep their
// seq, attempts, reason and time; delivered ones leave the queue, and the AUTOINCREMENT
// counter keeps their seqs from being given out again.

#include <nlohmann/json.hpp>

#include "storage/rating_rows.hpp"
#include "storage/schema.hpp"

namespace motcua::sqlite {

namespace {

constexpr std::string_view kDoing = "migrating the schema to version 2";

[[noreturn]] void refuse(Connection& db, const std::string& problem) {
    db.fail(StoreErrorKind::corrupt, kDoing,
            problem + "; nothing was migrated and the version 1 file is unchanged");
}

void move_ratings(Connection& db) {
    storage_detail::Dictionary dictionary(db);
    Statement read(db, "SELECT sequence, id, payload FROM v1_ratings ORDER BY sequence", kDoing);
    Statement insert(db, storage_detail::kInsertRatingSql, kDoing);
    std::vector<std::int64_t> choice_ids;
    while (read.step()) {
        const std::int64_t sequence = read.int64(0);
        const std::string id = read.text(1);
        const std::string payload = read.text(2);
        const std::string which = "rating '" + id + "' (sequence " + std::to_string(sequence) + ")";
        Rating rating;
        try {
            rating = rating_from_json(nlohmann::json::parse(payload));
        } catch (const std::exception& error) {
            refuse(db, which + ": its stored JSON does not read back (" + error.what() + ")");
        }
        if (rating.id != id || rating.sequence != sequence) {
            refuse(db, which + ": its stored JSON names another id or sequence");
        }
        if (rating_to_json(rating).dump() != payload) {
            refuse(db, which + ": its stored JSON is not in canonical form");
        }
        storage_detail::bind_rating_row(insert, dictionary, rating, choice_ids);
        insert.run();
    }
}

void move_voids_and_check_claims(Connection& db) {
    db.exec(
        "INSERT INTO voids (rating, reason, actor, voided_utc) "
        "SELECT r.sequence, v.reason, v.actor, v.voided_utc "
        "FROM v1_voids v JOIN v1_ratings r ON r.id = v.rating_id",
        kDoing);
    if (db.changes() != db.query_int("SELECT count(*) FROM v1_voids", kDoing)) {
        refuse(db, "a void names a rating that is not stored");
    }
    db.exec(
        "INSERT INTO claims (dossier_code, stage, rating) "
        "SELECT c.dossier_code, CASE c.stage WHEN 'intake' THEN 0 WHEN 'supplement' THEN 1 "
        "WHEN 'refusal' THEN 2 WHEN 'return' THEN 3 END, r.sequence "
        "FROM dossier_claims c JOIN v1_ratings r ON r.id = c.rating_id",
        kDoing);
    const std::int64_t moved = db.changes();
    const std::int64_t claims = db.query_int("SELECT count(*) FROM dossier_claims", kDoing);
    const std::int64_t matching = db.query_int(
        "SELECT count(*) FROM dossier_claims c JOIN v1_ratings r ON r.id = c.rating_id "
        "AND r.dossier_code = c.dossier_code AND r.stage = c.stage "
        "WHERE NOT EXISTS (SELECT 1 FROM v1_voids v WHERE v.rating_id = r.id)",
        kDoing);
    const std::int64_t kept = db.query_int(
        "SELECT count(*) FROM v1_ratings r "
        "WHERE NOT EXISTS (SELECT 1 FROM v1_voids v WHERE v.rating_id = r.id)",
        kDoing);
    if (claims != matching || claims != kept || moved != claims) {
        refuse(db, "the dossier claims do not match the non-voided ratings (" +
                       std::to_string(claims) + " claims, " + std::to_string(kept) +
                       " non-voided ratings)");
    }
}

void move_queue(Connection& db) {
    db.exec(
        "INSERT INTO outbox (seq, kind, rating, created_utc, attempts, reason, quarantined_utc) "
        "SELECT o.seq, CASE o.kind WHEN 'void' THEN 1 ELSE 0 END, r.sequence, o.created_utc, "
        "o.attempts, "
        "CASE WHEN o.state = 'quarantined' THEN coalesce(o.reason, 'quarantined') END, "
        "CASE WHEN o.state = 'quarantined' THEN coalesce(o.quarantined_utc, o.created_utc) END "
        "FROM v1_outbox o JOIN v1_ratings r ON r.id = o.ref_id "
        "WHERE o.state <> 'delivered' AND "
        "(o.kind = 'rating' OR EXISTS (SELECT 1 FROM v1_voids v WHERE v.rating_id = o.ref_id)) "
        "ORDER BY o.seq",
        kDoing);
    if (db.changes() !=
        db.query_int("SELECT count(*) FROM v1_outbox WHERE state <> 'delivered'", kDoing)) {
        refuse(db, "an upload queue item names a rating or void that is not stored");
    }
    db.exec(
        "DELETE FROM sqlite_sequence WHERE name = 'outbox';"
        "INSERT INTO sqlite_sequence (name, seq) "
        "SELECT 'outbox', max(seq) FROM (SELECT seq FROM sqlite_sequence WHERE name = 'v1_outbox' "
        "UNION ALL SELECT seq FROM v1_outbox) HAVING max(seq) IS NOT NULL",
        kDoing);
}

}  // namespace

void move_rows_to_v2(Connection& db) {
    move_ratings(db);
    move_voids_and_check_claims(db);
    move_queue(db);
    // Children first: with foreign keys on, a parent may not go before the rows naming it.
    db.exec(
        "DROP TABLE dossier_claims; DROP TABLE v1_voids; DROP TABLE v1_outbox; "
        "DROP TABLE v1_ratings;",
        kDoing);
}

}  // namespace motcua::sqlite
