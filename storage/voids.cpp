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
    const std::optional<std::string> stored = storage_detail::stored_id(rating_id);
    sqlite::Statement find(db,
                           "SELECT " + std::string(storage_detail::kRatingColumns) +
                               ", EXISTS (SELECT 1 FROM voids v WHERE v.rating = r.sequence) "
                               "FROM ratings r WHERE id = ?1",
                           doing);
    if (!stored || !find.bind_blob(1, *stored).step()) {
        db.fail(StoreErrorKind::not_found, doing, "no rating has this id");
    }
    const Rating rating = storage_detail::rating_from_row(db, impl_->dictionary, find);
    const bool already_voided = find.int64(storage_detail::kRatingColumnCount) != 0;
    find.reset();
    if (already_voided) {
        db.fail(StoreErrorKind::invalid, doing, "the rating is already voided");
    }
    sqlite::Statement(
        db, "DELETE FROM claims WHERE dossier_code = ?1 AND stage = ?2 AND rating = ?3", doing)
        .bind(1, rating.dossier_code)
        .bind(2, storage_detail::stage_number(rating.stage))
        .bind(3, rating.sequence)
        .run();
    sqlite::Statement(db,
                      "INSERT INTO voids (rating, reason, actor, voided_utc) "
                      "VALUES (?1, ?2, ?3, ?4)",
                      doing)
        .bind(1, rating.sequence)
        .bind(2, record.reason)
        .bind(3, record.actor)
        .bind(4, record.voided_utc)
        .run();
    sqlite::Statement(db,
                      "INSERT INTO outbox (seq, kind, rating, created_utc) VALUES (" +
                          std::string(storage_detail::kLastOutboxSeqSql) + " + 1, 1, ?1, ?2)",
                      doing)
        .bind(1, rating.sequence)
        .bind(2, at)
        .run();
    storage_detail::insert_audit(db,
                                 AuditEntry{0, at, record.actor, "void", rating_id, record.reason});
    std::vector<std::int64_t> choice_ids;
    for (const Answer& answer : rating.answers) {
        choice_ids.push_back(impl_->dictionary.choice_id(answer));
    }
    sqlite::RollupDelta rollups;
    rollups.add_voided(rating, choice_ids);
    impl_->rollup_writer().apply(rollups, impl_->dictionary);
    transaction.commit();
}

std::optional<VoidRecord> Store::find_void(const std::string& rating_id) {
    const std::optional<std::string> stored = storage_detail::stored_id(rating_id);
    if (!stored) {
        return std::nullopt;
    }
    sqlite::Statement find(impl_->db,
                           "SELECT v.reason, v.actor, v.voided_utc FROM voids v "
                           "JOIN ratings r ON r.sequence = v.rating WHERE r.id = ?1",
                           "looking up a void");
    if (!find.bind_blob(1, *stored).step()) {
        return std::nullopt;
    }
    VoidRecord record{rating_id, find.text(0), find.text(1), find.int64(2)};
    find.reset();
    return record;
}

}  // namespace motcua
