// Voiding: the only correction there is. The rating stays as it was; a void record, an outbox
// row, an audit entry, the freed dossier claim and the rollup changes are one transaction.

#include <nlohmann/json.hpp>

#include "storage/rollups.hpp"
#include "storage/store_impl.hpp"

namespace motcua {

namespace {

constexpr std::size_t kMaxReasonBytes = 1000;
constexpr std::size_t kMaxActorBytes = 64;

}  // namespace

std::string storage_detail::void_payload(const VoidRecord& record) {
    const nlohmann::json json = {
        {"rating_id", record.rating_id},
        {"reason", record.reason},
        {"actor", record.actor},
        {"voided_utc", format_utc_iso8601(record.voided_utc)},
    };
    return json.dump();
}

void Store::void_rating(const std::string& rating_id, const std::string& reason,
                        const std::string& actor, UtcMillis at) {
    sqlite::Connection& db = impl_->db;
    const std::string doing = "voiding rating '" + rating_id + "'";
    VoidRecord record;
    record.rating_id = rating_id;
    record.reason =
        storage_detail::checked_text(db, doing, "the reason", reason, true, kMaxReasonBytes);
    record.actor =
        storage_detail::checked_text(db, doing, "the actor", actor, true, kMaxActorBytes);
    record.voided_utc = at;
    if (at <= 0) {
        db.fail(StoreErrorKind::invalid, doing, "the time of the void is not set");
    }

    sqlite::Transaction transaction(db, doing);
    sqlite::Statement find(db, "SELECT payload FROM ratings WHERE id = ?1", doing);
    if (!find.bind(1, rating_id).step()) {
        db.fail(StoreErrorKind::not_found, doing, "no rating has this id");
    }
    const Rating rating = storage_detail::stored_rating(db, find.text(0));
    find.reset();
    sqlite::Statement already(db, "SELECT 1 FROM voids WHERE rating_id = ?1", doing);
    if (already.bind(1, rating_id).step()) {
        already.reset();
        db.fail(StoreErrorKind::invalid, doing, "the rating is already voided");
    }
    sqlite::Statement(db,
                      "INSERT INTO voids (rating_id, reason, actor, voided_utc) "
                      "VALUES (?1, ?2, ?3, ?4)",
                      doing)
        .bind(1, record.rating_id)
        .bind(2, record.reason)
        .bind(3, record.actor)
        .bind(4, record.voided_utc)
        .run();
    sqlite::Statement(db,
                      "DELETE FROM dossier_claims "
                      "WHERE dossier_code = ?1 AND stage = ?2 AND rating_id = ?3",
                      doing)
        .bind(1, rating.dossier_code)
        .bind(2, to_string(rating.stage))
        .bind(3, rating_id)
        .run();
    sqlite::Statement(db, "INSERT INTO outbox (kind, ref_id, created_utc) VALUES ('void', ?1, ?2)",
                      doing)
        .bind(1, rating_id)
        .bind(2, at)
        .run();
    storage_detail::insert_audit(db,
                                 AuditEntry{0, at, record.actor, "void", rating_id, record.reason});
    sqlite::RollupDelta rollups;
    rollups.add_voided(rating);
    rollups.apply(db);
    transaction.commit();
}

std::optional<VoidRecord> Store::find_void(const std::string& rating_id) {
    sqlite::Statement find(impl_->db,
                           "SELECT reason, actor, voided_utc FROM voids WHERE rating_id = ?1",
                           "looking up a void");
    if (!find.bind(1, rating_id).step()) {
        return std::nullopt;
    }
    return VoidRecord{rating_id, find.text(0), find.text(1), find.int64(2)};
}

}  // namespace motcua
