// Saving and reading ratings. A rating row (storage/rating_rows.hpp) is written once and never
// changed (triggers refuse UPDATE and DELETE); reading it gives back exactly the saved Rating.
//
// [SECTION] Shared helpers
// [SECTION] Saving
// [SECTION] Reading

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/uuid.hpp"
#include "storage/rating_check.hpp"
#include "storage/rollups.hpp"
#include "storage/store_impl.hpp"

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Shared helpers
//-----------------------------------------------------------------------------

namespace storage_detail {

std::optional<std::string> stored_id(const std::string& id) {
    if (!is_uuid(id)) {
        return std::nullopt;
    }
    return uuid_bytes(id);
}

DateRange checked_range(const sqlite::Connection& db, const RatingFilter& filter,
                        std::string_view doing) {
    for (const std::string* date : {&filter.from_date, &filter.to_date}) {
        if (!date->empty() && !is_valid_date(*date)) {
            db.fail(StoreErrorKind::invalid, doing,
                    "'" + *date + "' is not a calendar date YYYY-MM-DD");
        }
    }
    DateRange range{filter.from_date.empty() ? "0000-00-00" : filter.from_date,
                    filter.to_date.empty() ? "9999-99-99" : filter.to_date};
    if (range.to < range.from) {
        db.fail(
            StoreErrorKind::invalid, doing,
            "the range ends (" + filter.to_date + ") before it starts (" + filter.from_date + ")");
    }
    return range;
}

void bind_official(sqlite::Statement& statement, int index, const RatingFilter& filter) {
    if (filter.official_id) {
        statement.bind(index, *filter.official_id);
    } else {
        statement.bind_null(index);
    }
}

void check_limit(const sqlite::Connection& db, std::int64_t limit, std::string_view doing) {
    if (limit < 0) {
        db.fail(StoreErrorKind::invalid, doing, "the limit must not be negative");
    }
}

}  // namespace storage_detail

//-----------------------------------------------------------------------------
// [SECTION] Saving
//-----------------------------------------------------------------------------

namespace {

std::string saving(const Rating& rating) {
    return "saving rating '" + rating.id + "'";
}

}  // namespace

std::string storage_detail::claim_query() {
    return "SELECT " + std::string(kRatingColumns) +
           " FROM claims c JOIN ratings r ON r.sequence = c.rating "
           "WHERE c.dossier_code = ?1 AND c.stage = ?2";
}

namespace storage_detail {

// Duplicates are found by the inserts themselves (UNIQUE id, PRIMARY KEY dossier and stage),
// so a save costs no extra lookups; the id is inserted first so a retry reports duplicate_id.
RatingWriter::RatingWriter(sqlite::Connection& db, Dictionary& dictionary)
    : db_(db),
      dictionary_(dictionary),
      insert_rating_(db, kInsertRatingSql, "saving a rating"),
      last_rating_(db, "SELECT sequence, created_utc FROM ratings ORDER BY sequence DESC LIMIT 1",
                   "saving a rating"),
      insert_claim_(db, "INSERT INTO claims (dossier_code, stage, rating) VALUES (?1, ?2, ?3)",
                    "saving a rating"),
      insert_outbox_(db,
                     "INSERT INTO outbox (seq, kind, rating, created_utc) VALUES (" +
                         std::string(kLastOutboxSeqSql) + " + 1, 0, ?1, ?2)",
                     "queueing a rating for upload") {}

void RatingWriter::start_transaction() {
    next_sequence_ = 1;
    previous_created_utc_.reset();
    if (last_rating_.step()) {
        next_sequence_ = last_rating_.int64(0) + 1;
        previous_created_utc_ = last_rating_.int64(1);
        last_rating_.reset();
    }
}

void RatingWriter::save(Rating& rating, sqlite::RollupDelta& rollups) {
    rating.sequence = next_sequence_;
    if (rating.created_utc <= 0) {
        db_.fail(StoreErrorKind::invalid, saving(rating), "rating.created_utc: not set");
    }
    if (const std::optional<std::string> problem = rating_problem(rating)) {
        db_.fail(StoreErrorKind::invalid, saving(rating), *problem);
    }
    bind_rating_row(insert_rating_, dictionary_, rating, choice_ids_);
    if (!insert_rating_.run_unless_conflict()) {
        db_.fail(StoreErrorKind::duplicate_id, saving(rating),
                 "a rating with this id is already stored (if this is a retry, it was saved)");
    }
    insert_claim_.bind(1, rating.dossier_code).bind(2, stage_number(rating.stage));
    if (!insert_claim_.bind(3, rating.sequence).run_unless_conflict()) {
        refuse_second_rating(rating);
    }
    insert_outbox_.bind(1, rating.sequence).bind(2, rating.created_utc).run();
    if (previous_created_utc_ &&
        rating.created_utc < *previous_created_utc_ - kClockBackJumpMillis) {
        record_clock_back(rating);
    }
    previous_created_utc_ = rating.created_utc;
    rollups.add_saved(rating, choice_ids_);
    ++next_sequence_;
}

void RatingWriter::refuse_second_rating(const Rating& rating) {
    sqlite::Statement earlier(db_,
                              "SELECT r.id FROM claims c JOIN ratings r ON r.sequence = c.rating "
                              "WHERE c.dossier_code = ?1 AND c.stage = ?2",
                              saving(rating));
    std::string earlier_uuid;
    if (earlier.bind(1, rating.dossier_code).bind(2, stage_number(rating.stage)).step()) {
        earlier_uuid = uuid_text(earlier.blob(0));
        earlier.reset();
    }
    db_.fail(StoreErrorKind::duplicate_rating, saving(rating),
             "dossier '" + rating.dossier_code + "' was already rated at stage '" +
                 std::string(to_string(rating.stage)) + "' (rating '" + earlier_uuid +
                 "'); one rating per dossier and stage");
}

// The save goes on (ordering is by sequence, not by time); the jump is kept for staff and
// for the drift checks, in the rating's own transaction.
void RatingWriter::record_clock_back(const Rating& rating) {
    const std::string to = format_utc_iso8601(rating.created_utc);
    const std::string from = format_utc_iso8601(*previous_created_utc_);
    sqlite::Statement(db_,
                      "INSERT INTO state (key, value) VALUES ('clock.back_jump_utc', ?1) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      "recording a clock jump")
        .bind(1, to)
        .run();
    insert_audit(db_, AuditEntry{0, rating.created_utc, "system", "clock_back", rating.id,
                                 "from " + from + " to " + to});
}

}  // namespace storage_detail

struct RatingBulkSave::Impl {
    explicit Impl(Store::Impl& store) : store(store) {}

    Store::Impl& store;
    std::optional<sqlite::Transaction> transaction;
    sqlite::RollupDelta rollups;
    std::int64_t uncommitted = 0;

    // Ends the transaction (rolling it back unless it was committed) and drops the changes
    // summed for it, and the dictionary ids it added when it was not committed.
    void end_transaction() {
        transaction.reset();
        store.dictionary.forget_uncommitted();
        rollups = sqlite::RollupDelta();
        uncommitted = 0;
    }
};

RatingBulkSave::RatingBulkSave(Store& store) : impl_(std::make_unique<Impl>(*store.impl_)) {}

RatingBulkSave::~RatingBulkSave() {
    impl_->end_transaction();
}

void RatingBulkSave::add(Rating& rating) {
    try {
        if (!impl_->transaction) {
            impl_->transaction.emplace(impl_->store.db, "saving ratings");
            // Read under the write lock: another connection may have saved since the last commit.
            impl_->store.rating_writer().start_transaction();
        }
        impl_->store.rating_writer().save(rating, impl_->rollups);
        ++impl_->uncommitted;
    } catch (...) {
        impl_->end_transaction();
        throw;
    }
}

void RatingBulkSave::commit() {
    if (!impl_->transaction) {
        return;
    }
    try {
        impl_->store.rollup_writer().apply(impl_->rollups, impl_->store.dictionary);
        impl_->transaction->commit();
        impl_->store.dictionary.keep_uncommitted();
    } catch (...) {
        impl_->end_transaction();
        throw;
    }
    impl_->end_transaction();
}

std::int64_t RatingBulkSave::uncommitted() const {
    return impl_->uncommitted;
}

Rating Store::save_rating(Rating rating) {
    RatingBulkSave save(*this);
    save.add(rating);
    save.commit();
    return rating;
}

void Store::save_ratings(std::span<Rating> ratings) {
    RatingBulkSave save(*this);
    for (Rating& rating : ratings) {
        save.add(rating);
    }
    save.commit();
}

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------

std::optional<Rating> Store::find_rating(const std::string& id) {
    const std::optional<std::string> stored = storage_detail::stored_id(id);
    if (!stored) {
        return std::nullopt;
    }
    sqlite::Statement find(
        impl_->db,
        "SELECT " + std::string(storage_detail::kRatingColumns) + " FROM ratings r WHERE id = ?1",
        "looking up a rating");
    if (!find.bind_blob(1, *stored).step()) {
        return std::nullopt;
    }
    Rating rating = storage_detail::rating_from_row(impl_->db, impl_->dictionary, find);
    find.reset();
    return rating;
}

std::optional<Rating> Store::find_rating_for_dossier(const std::string& dossier_code, Stage stage) {
    sqlite::Statement find(impl_->db, storage_detail::claim_query(),
                           "looking up a dossier's rating");
    if (!find.bind(1, dossier_code).bind(2, storage_detail::stage_number(stage)).step()) {
        return std::nullopt;
    }
    Rating rating = storage_detail::rating_from_row(impl_->db, impl_->dictionary, find);
    find.reset();
    return rating;
}

bool Store::is_rated(const std::string& dossier_code, Stage stage) {
    sqlite::Statement find(impl_->db, "SELECT 1 FROM claims WHERE dossier_code = ?1 AND stage = ?2",
                           "checking a dossier's rating");
    const bool rated =
        find.bind(1, dossier_code).bind(2, storage_detail::stage_number(stage)).step();
    find.reset();
    return rated;
}

std::vector<Rating> Store::list_ratings(const RatingFilter& filter, std::int64_t limit) {
    constexpr std::string_view kDoing = "listing ratings";
    storage_detail::check_limit(impl_->db, limit, kDoing);
    storage_detail::checked_range(impl_->db, filter, kDoing);
    // Open ends as days no date reaches (years 0000..9999 are days -719528..2932896).
    const std::int64_t from =
        filter.from_date.empty() ? -1'000'000'000 : days_from_civil(filter.from_date);
    const std::int64_t to =
        filter.to_date.empty() ? 1'000'000'000 : days_from_civil(filter.to_date);
    sqlite::Statement list(impl_->db,
                           "SELECT " + std::string(storage_detail::kRatingColumns) +
                               " FROM ratings r WHERE local_day BETWEEN ?1 AND ?2 "
                               "AND (?3 IS NULL OR official = "
                               "(SELECT id FROM labels WHERE text = ?3)) "
                               "AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.rating = r.sequence) "
                               "ORDER BY sequence LIMIT ?4",
                           kDoing);
    list.bind(1, from).bind(2, to);
    storage_detail::bind_official(list, 3, filter);
    list.bind(4, limit);
    std::vector<Rating> ratings;
    while (list.step()) {
        ratings.push_back(storage_detail::rating_from_row(impl_->db, impl_->dictionary, list));
    }
    return ratings;
}

}  // namespace motcua
