// Saving and reading ratings. A rating row is written once and never changed (triggers refuse
// UPDATE and DELETE); its canonical JSON is the source of truth when it is read back.
//
// [SECTION] Shared helpers
// [SECTION] Saving
// [SECTION] Reading

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/rollups.hpp"
#include "storage/store_impl.hpp"

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Shared helpers
//-----------------------------------------------------------------------------

namespace storage_detail {

Rating stored_rating(const sqlite::Connection& db, const std::string& payload) {
    try {
        return rating_from_json(nlohmann::json::parse(payload));
    } catch (const std::exception& error) {
        db.fail(StoreErrorKind::corrupt, "reading a stored rating",
                std::string("its stored JSON no longer parses (") + error.what() +
                    "); the file was changed outside motcua");
    }
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

// The canonical JSON of a rating the store accepts: exactly what rating_from_json reads back
// (so nothing saved can become unreadable). Throws StoreError invalid naming the field.
std::string checked_payload(const sqlite::Connection& db, const Rating& rating) {
    if (rating.created_utc <= 0) {
        db.fail(StoreErrorKind::invalid, saving(rating), "rating.created_utc: not set");
    }
    try {
        const nlohmann::json json = rating_to_json(rating);
        rating_from_json(json);
        return json.dump();
    } catch (const std::exception& error) {
        db.fail(StoreErrorKind::invalid, saving(rating), error.what());
    }
}

// Writes ratings inside the caller's transaction; statements are prepared once per writer.
// Duplicates are found by the inserts themselves (UNIQUE id, PRIMARY KEY dossier and stage),
// so a save costs no extra lookups; the id is inserted first so a retry reports duplicate_id.
class RatingWriter {
  public:
    explicit RatingWriter(sqlite::Connection& db)
        : db_(db),
          insert_rating_(db,
                         "INSERT INTO ratings (sequence, id, dossier_code, stage, channel, "
                         "official_id, form_id, form_version, created_utc, utc_offset_minutes, "
                         "local_date, kiosk_id, unit_code, payload) VALUES "
                         "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                         "saving a rating"),
          insert_claim_(db,
                        "INSERT INTO dossier_claims (dossier_code, stage, rating_id) "
                        "VALUES (?1, ?2, ?3)",
                        "saving a rating"),
          insert_outbox_(db,
                         "INSERT INTO outbox (kind, ref_id, created_utc) VALUES ('rating', ?1, ?2)",
                         "queueing a rating for upload"),
          next_sequence_(0) {}

    // Call at the start of each transaction: the next sequence follows the last stored one.
    void start_transaction() {
        next_sequence_ =
            db_.query_int("SELECT coalesce(max(sequence), 0) FROM ratings", "saving a rating") + 1;
    }

    // Assigns the next sequence and writes the rating, its dossier claim and its outbox row.
    void save(Rating& rating, sqlite::RollupDelta& rollups) {
        rating.sequence = next_sequence_;
        const std::string payload = checked_payload(db_, rating);
        const std::string_view stage = to_string(rating.stage);
        insert_rating_.bind(1, rating.sequence).bind(2, rating.id).bind(3, rating.dossier_code);
        insert_rating_.bind(4, stage).bind(5, to_string(rating.channel));
        insert_rating_.bind(6, rating.official_id).bind(7, rating.form_id);
        insert_rating_.bind(8, rating.form_version).bind(9, rating.created_utc);
        insert_rating_.bind(10, rating.utc_offset_minutes).bind(11, rating.local_date);
        insert_rating_.bind(12, rating.kiosk_id).bind(13, rating.unit_code).bind(14, payload);
        if (!insert_rating_.run_unless_conflict()) {
            db_.fail(StoreErrorKind::duplicate_id, saving(rating),
                     "a rating with this id is already stored (if this is a retry, it was saved)");
        }
        insert_claim_.bind(1, rating.dossier_code).bind(2, stage).bind(3, rating.id);
        if (!insert_claim_.run_unless_conflict()) {
            refuse_second_rating(rating);
        }
        insert_outbox_.bind(1, rating.id).bind(2, rating.created_utc).run();
        rollups.add_saved(rating);
        ++next_sequence_;
    }

  private:
    [[noreturn]] void refuse_second_rating(const Rating& rating) {
        sqlite::Statement earlier(db_,
                                  "SELECT rating_id FROM dossier_claims "
                                  "WHERE dossier_code = ?1 AND stage = ?2",
                                  saving(rating));
        const std::string earlier_id =
            earlier.bind(1, rating.dossier_code).bind(2, to_string(rating.stage)).step()
                ? earlier.text(0)
                : std::string();
        db_.fail(StoreErrorKind::duplicate_rating, saving(rating),
                 "dossier '" + rating.dossier_code + "' was already rated at stage '" +
                     std::string(to_string(rating.stage)) + "' (rating '" + earlier_id +
                     "'); one rating per dossier and stage");
    }

    sqlite::Connection& db_;
    sqlite::Statement insert_rating_;
    sqlite::Statement insert_claim_;
    sqlite::Statement insert_outbox_;
    std::int64_t next_sequence_;
};

}  // namespace

struct RatingBulkSave::Impl {
    explicit Impl(sqlite::Connection& connection) : db(connection), writer(connection) {}

    sqlite::Connection& db;
    RatingWriter writer;
    std::optional<sqlite::Transaction> transaction;
    sqlite::RollupDelta rollups;
    std::int64_t uncommitted = 0;

    // Ends the transaction (rolling it back unless it was committed) and drops the changes
    // summed for it.
    void end_transaction() {
        transaction.reset();
        rollups = sqlite::RollupDelta();
        uncommitted = 0;
    }
};

RatingBulkSave::RatingBulkSave(Store& store) : impl_(std::make_unique<Impl>(store.impl_->db)) {}

RatingBulkSave::~RatingBulkSave() = default;

void RatingBulkSave::add(Rating& rating) {
    try {
        if (!impl_->transaction) {
            impl_->transaction.emplace(impl_->db, "saving ratings");
            // Read under the write lock: another connection may have saved since the last commit.
            impl_->writer.start_transaction();
        }
        impl_->writer.save(rating, impl_->rollups);
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
        impl_->rollups.apply(impl_->db);
        impl_->transaction->commit();
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
    sqlite::Statement find(impl_->db, "SELECT payload FROM ratings WHERE id = ?1",
                           "looking up a rating");
    if (!find.bind(1, id).step()) {
        return std::nullopt;
    }
    return storage_detail::stored_rating(impl_->db, find.text(0));
}

std::optional<Rating> Store::find_rating_for_dossier(const std::string& dossier_code, Stage stage) {
    sqlite::Statement find(impl_->db,
                           "SELECT r.payload FROM dossier_claims c "
                           "JOIN ratings r ON r.id = c.rating_id "
                           "WHERE c.dossier_code = ?1 AND c.stage = ?2",
                           "looking up a dossier's rating");
    if (!find.bind(1, dossier_code).bind(2, to_string(stage)).step()) {
        return std::nullopt;
    }
    return storage_detail::stored_rating(impl_->db, find.text(0));
}

bool Store::is_rated(const std::string& dossier_code, Stage stage) {
    sqlite::Statement find(impl_->db,
                           "SELECT 1 FROM dossier_claims WHERE dossier_code = ?1 AND stage = ?2",
                           "checking a dossier's rating");
    const bool rated = find.bind(1, dossier_code).bind(2, to_string(stage)).step();
    find.reset();
    return rated;
}

std::vector<Rating> Store::list_ratings(const RatingFilter& filter, std::int64_t limit) {
    constexpr std::string_view kDoing = "listing ratings";
    storage_detail::check_limit(impl_->db, limit, kDoing);
    const storage_detail::DateRange range =
        storage_detail::checked_range(impl_->db, filter, kDoing);
    sqlite::Statement list(impl_->db,
                           "SELECT payload FROM ratings r "
                           "WHERE local_date BETWEEN ?1 AND ?2 "
                           "AND (?3 IS NULL OR official_id = ?3) "
                           "AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.rating_id = r.id) "
                           "ORDER BY sequence LIMIT ?4",
                           kDoing);
    list.bind(1, range.from).bind(2, range.to);
    storage_detail::bind_official(list, 3, filter);
    list.bind(4, limit);
    std::vector<Rating> ratings;
    while (list.step()) {
        ratings.push_back(storage_detail::stored_rating(impl_->db, list.text(0)));
    }
    return ratings;
}

}  // namespace motcua
