// The reference server's SQLite store: one file, WAL, synchronous=FULL, one connection guarded
// by a mutex (HTTP threads take turns; SQLite has one writer at a time anyway).
//
// [SECTION] SQLite helpers
// [SECTION] Schema
// [SECTION] Kiosks
// [SECTION] Batches
// [SECTION] Units, scores and figures

#include <sqlite3.h>

#include <mutex>

#include "server/server_store.hpp"

namespace motcua::server {

//-----------------------------------------------------------------------------
// [SECTION] SQLite helpers
//-----------------------------------------------------------------------------

namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& doing) {
    throw ServerStoreError(ServerStoreErrorKind::unavailable,
                           "server database: " + doing + ": " + sqlite3_errmsg(db));
}

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_,
                               nullptr) != SQLITE_OK) {
            fail(db, "preparing '" + std::string(sql) + "'");
        }
    }
    ~Statement() { sqlite3_finalize(statement_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value) {
        check(sqlite3_bind_int64(statement_, index, value));
        return *this;
    }
    Statement& bind(int index, double value) {
        check(sqlite3_bind_double(statement_, index, value));
        return *this;
    }
    Statement& bind(int index, const std::string& value) {
        check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                                SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind(int index, const std::optional<std::int64_t>& value) {
        check(value ? sqlite3_bind_int64(statement_, index, *value)
                    : sqlite3_bind_null(statement_, index));
        return *this;
    }

    // True when a row is ready; false when done (the statement is then reset for reuse).
    bool step() {
        const int result = sqlite3_step(statement_);
        if (result == SQLITE_ROW) {
            return true;
        }
        sqlite3_reset(statement_);
        if (result != SQLITE_DONE) {
            fail(db_, "running '" + std::string(sqlite3_sql(statement_)) + "'");
        }
        return false;
    }
    // Runs a statement that returns no rows, then clears its bindings.
    void run() {
        while (step()) {
        }
        sqlite3_clear_bindings(statement_);
    }
    // Ends a read early and clears the bindings.
    void reset() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }

    bool is_null(int column) const {
        return sqlite3_column_type(statement_, column) == SQLITE_NULL;
    }
    std::int64_t int64(int column) const { return sqlite3_column_int64(statement_, column); }
    double real(int column) const { return sqlite3_column_double(statement_, column); }
    std::string text(int column) const {
        const auto* bytes = sqlite3_column_text(statement_, column);
        return bytes == nullptr ? std::string()
                                : std::string(reinterpret_cast<const char*>(bytes),
                                              sqlite3_column_bytes(statement_, column));
    }
    std::optional<std::int64_t> optional_int64(int column) const {
        return is_null(column) ? std::nullopt : std::optional<std::int64_t>(int64(column));
    }

  private:
    void check(int result) {
        if (result != SQLITE_OK) {
            fail(db_, "binding a value");
        }
    }

    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
};

void exec(sqlite3* db, const std::string& sql, const std::string& doing) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message != nullptr ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        throw ServerStoreError(ServerStoreErrorKind::unavailable,
                               "server database: " + doing + ": " + text);
    }
}

// BEGIN IMMEDIATE ... COMMIT, rolled back when left without commit().
class Transaction {
  public:
    explicit Transaction(sqlite3* db) : db_(db) {
        exec(db_, "BEGIN IMMEDIATE", "starting a transaction");
    }
    ~Transaction() {
        if (!committed_) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }
    void commit() {
        exec(db_, "COMMIT", "committing");
        committed_ = true;
    }

  private:
    sqlite3* db_;
    bool committed_ = false;
};

//-----------------------------------------------------------------------------
// [SECTION] Schema
//-----------------------------------------------------------------------------

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE kiosks (
    kiosk_id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_utc INTEGER NOT NULL,
    revoked_utc INTEGER,
    last_contact_utc INTEGER,
    last_heartbeat_utc INTEGER,
    last_heartbeat TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- A rowid table: the rows (about 1 KB of JSON each) stay in insertion order and the random
-- UUIDs live in a small index instead of spreading the rows over the whole tree.
CREATE TABLE ratings (
    id TEXT NOT NULL UNIQUE,
    kiosk_id TEXT NOT NULL REFERENCES kiosks(kiosk_id),
    unit_code TEXT NOT NULL,
    dossier_code TEXT NOT NULL,
    stage TEXT NOT NULL,
    official_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    content TEXT NOT NULL,
    received_utc INTEGER NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))
);
-- One rating per dossier and stage across the province, among ratings not voided.
CREATE UNIQUE INDEX ratings_one_per_dossier_stage ON ratings(dossier_code, stage)
    WHERE voided = 0;
CREATE INDEX ratings_by_unit_date ON ratings(unit_code, local_date);
CREATE TRIGGER ratings_never_deleted BEFORE DELETE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are never deleted'); END;
CREATE TRIGGER ratings_only_voided BEFORE UPDATE ON ratings
WHEN OLD.voided = 1 OR NEW.voided = 0 OR NEW.content IS NOT OLD.content OR NEW.id IS NOT OLD.id
BEGIN SELECT RAISE(ABORT, 'a rating can only be voided, once'); END;

CREATE TABLE voids (
    rating_id TEXT PRIMARY KEY REFERENCES ratings(id),
    kiosk_id TEXT NOT NULL,
    content TEXT NOT NULL,
    received_utc INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES
    ('batches', 0), ('accepted', 0), ('duplicates_answered', 0), ('conflicts', 0), ('rejected', 0);

CREATE TABLE units (
    unit_code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    group_name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE unit_scores (
    unit_code TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    indicator TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (unit_code, period_from, period_to, indicator)
) WITHOUT ROWID;
)sql";

KioskRecord kiosk_from_row(const Statement& row) {
    KioskRecord kiosk;
    kiosk.kiosk_id = row.text(0);
    kiosk.unit_code = row.text(1);
    kiosk.token_hash = row.text(2);
    kiosk.created_utc = row.int64(3);
    kiosk.revoked_utc = row.optional_int64(4);
    kiosk.last_contact_utc = row.optional_int64(5);
    kiosk.last_heartbeat_utc = row.optional_int64(6);
    kiosk.last_heartbeat = row.text(7);
    return kiosk;
}

constexpr const char* kKioskColumns =
    "SELECT kiosk_id, unit_code, token_hash, created_utc, revoked_utc, last_contact_utc, "
    "last_heartbeat_utc, last_heartbeat FROM kiosks ";

class SqliteServerStore final : public ServerStore {
  public:
    SqliteServerStore(const std::filesystem::path& path, const ServerStoreOptions& options) {
        const int flags =
            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options.create ? SQLITE_OPEN_CREATE : 0);
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw ServerStoreError(
                ServerStoreErrorKind::unavailable,
                "cannot open the server database " + path.string() + ": " + message);
        }
        try {
            sqlite3_busy_timeout(db_, options.busy_timeout_ms);
            exec(db_, "PRAGMA journal_mode = WAL", "enabling WAL");
            exec(db_, "PRAGMA synchronous = FULL", "setting synchronous");
            exec(db_, "PRAGMA foreign_keys = ON", "enabling foreign keys");
            // 64 MiB of page cache: a batch touches pages all over the indexes.
            exec(db_, "PRAGMA cache_size = -65536", "sizing the page cache");
            migrate(path);
            insert_rating_.emplace(
                db_,
                "INSERT INTO ratings (id, kiosk_id, unit_code, dossier_code, stage, official_id, "
                "local_date, content, received_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                "ON CONFLICT DO NOTHING");
            find_rating_.emplace(db_, "SELECT content FROM ratings WHERE id = ?1");
            find_claim_.emplace(db_,
                                "SELECT id, kiosk_id FROM ratings WHERE dossier_code = ?1 AND "
                                "stage = ?2 AND voided = 0");
        } catch (...) {
            insert_rating_.reset();
            find_rating_.reset();
            find_claim_.reset();
            sqlite3_close(db_);
            throw;
        }
    }

    ~SqliteServerStore() override {
        insert_rating_.reset();
        find_rating_.reset();
        find_claim_.reset();
        sqlite3_close(db_);
    }

    //-------------------------------------------------------------------------
    // [SECTION] Kiosks
    //-------------------------------------------------------------------------

    void add_kiosk(const KioskRecord& kiosk) override {
        std::lock_guard lock(mutex_);
        Transaction transaction(db_);
        Statement exists(db_, "SELECT 1 FROM kiosks WHERE kiosk_id = ?1");
        exists.bind(1, kiosk.kiosk_id);
        if (exists.step()) {
            exists.reset();
            throw ServerStoreError(ServerStoreErrorKind::duplicate,
                                   "kiosk '" + kiosk.kiosk_id + "' is already registered");
        }
        Statement(db_,
                  "INSERT INTO kiosks (kiosk_id, unit_code, token_hash, created_utc) "
                  "VALUES (?1, ?2, ?3, ?4)")
            .bind(1, kiosk.kiosk_id)
            .bind(2, kiosk.unit_code)
            .bind(3, kiosk.token_hash)
            .bind(4, kiosk.created_utc)
            .run();
        transaction.commit();
    }

    std::optional<KioskRecord> find_kiosk(const std::string& kiosk_id) override {
        std::lock_guard lock(mutex_);
        Statement find(db_, std::string(kKioskColumns) + "WHERE kiosk_id = ?1");
        find.bind(1, kiosk_id);
        if (!find.step()) {
            return std::nullopt;
        }
        KioskRecord kiosk = kiosk_from_row(find);
        find.reset();
        return kiosk;
    }

    std::vector<KioskRecord> list_kiosks() override {
        std::lock_guard lock(mutex_);
        return all_kiosks();
    }

    void revoke_kiosk(const std::string& kiosk_id, UtcMillis at) override {
        std::lock_guard lock(mutex_);
        Transaction transaction(db_);
        Statement(db_,
                  "UPDATE kiosks SET revoked_utc = coalesce(revoked_utc, ?2) WHERE kiosk_id = ?1")
            .bind(1, kiosk_id)
            .bind(2, at)
            .run();
        if (sqlite3_changes(db_) == 0) {
            throw ServerStoreError(ServerStoreErrorKind::not_found,
                                   "no kiosk '" + kiosk_id + "' is registered");
        }
        transaction.commit();
    }

    void record_heartbeat(const std::string& kiosk_id, const std::string& heartbeat_json,
                          UtcMillis at) override {
        std::lock_guard lock(mutex_);
        Transaction transaction(db_);
        Statement(db_,
                  "UPDATE kiosks SET last_heartbeat = ?2, last_heartbeat_utc = ?3, "
                  "last_contact_utc = ?3 WHERE kiosk_id = ?1")
            .bind(1, kiosk_id)
            .bind(2, heartbeat_json)
            .bind(3, at)
            .run();
        transaction.commit();
    }

    //-------------------------------------------------------------------------
    // [SECTION] Batches
    //-------------------------------------------------------------------------

    std::vector<ItemOutcome> store_batch(const std::string& kiosk_id,
                                         const std::vector<IncomingItem>& items,
                                         UtcMillis received) override {
        std::lock_guard lock(mutex_);
        Transaction transaction(db_);
        std::map<protocol::ItemStatus, std::int64_t> tally;
        std::vector<ItemOutcome> outcomes;
        outcomes.reserve(items.size());
        for (const IncomingItem& item : items) {
            ItemOutcome outcome;
            if (item.rating) {
                outcome = store_rating(kiosk_id, *item.rating, received);
            } else if (item.void_record) {
                outcome = store_void(kiosk_id, *item.void_record, received);
            } else {
                outcome.status = protocol::ItemStatus::rejected;
                outcome.reason = item.rejection;
            }
            outcome.seq = item.seq;
            ++tally[outcome.status];
            outcomes.push_back(std::move(outcome));
        }
        add_to_counter("batches", 1);
        add_to_counter("accepted", tally[protocol::ItemStatus::accepted]);
        add_to_counter("duplicates_answered", tally[protocol::ItemStatus::duplicate]);
        add_to_counter("conflicts", tally[protocol::ItemStatus::conflict]);
        add_to_counter("rejected", tally[protocol::ItemStatus::rejected]);
        Statement(db_, "UPDATE kiosks SET last_contact_utc = ?2 WHERE kiosk_id = ?1")
            .bind(1, kiosk_id)
            .bind(2, received)
            .run();
        transaction.commit();
        return outcomes;
    }

    //-------------------------------------------------------------------------
    // [SECTION] Units, scores and figures
    //-------------------------------------------------------------------------

    ServerStats stats() override {
        std::lock_guard lock(mutex_);
        ServerStats stats;
        Statement ratings(db_, "SELECT count(*), coalesce(sum(voided), 0) FROM ratings");
        if (ratings.step()) {
            stats.ratings = ratings.int64(0);
            stats.voided = ratings.int64(1);
            ratings.reset();
        }
        Statement counters(db_, "SELECT name, value FROM counters");
        while (counters.step()) {
            const std::string name = counters.text(0);
            const std::int64_t value = counters.int64(1);
            if (name == "batches") {
                stats.batches = value;
            } else if (name == "accepted") {
                stats.accepted = value;
            } else if (name == "duplicates_answered") {
                stats.duplicates_answered = value;
            } else if (name == "conflicts") {
                stats.conflicts = value;
            } else if (name == "rejected") {
                stats.rejected = value;
            }
        }
        stats.kiosks = all_kiosks();
        return stats;
    }

    std::vector<std::string> rating_ids(const std::string& kiosk_id) override {
        std::lock_guard lock(mutex_);
        Statement list(db_, "SELECT id FROM ratings WHERE kiosk_id = ?1 ORDER BY id");
        list.bind(1, kiosk_id);
        std::vector<std::string> ids;
        while (list.step()) {
            ids.push_back(list.text(0));
        }
        return ids;
    }

    void set_unit(const UnitInfo& unit) override {
        std::lock_guard lock(mutex_);
        Transaction transaction(db_);
        Statement(db_,
                  "INSERT INTO units (unit_code, name, group_name) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (unit_code) DO UPDATE SET name = ?2, group_name = ?3")
            .bind(1, unit.unit_code)
            .bind(2, unit.name)
            .bind(3, unit.group)
            .run();
        transaction.commit();
    }

    std::vector<UnitInfo> list_units() override {
        std::lock_guard lock(mutex_);
        Statement list(db_, "SELECT unit_code, name, group_name FROM units ORDER BY unit_code");
        std::vector<UnitInfo> units;
        while (list.step()) {
            units.push_back(UnitInfo{list.text(0), list.text(1), list.text(2)});
        }
        return units;
    }

    void set_unit_score(const UnitScore& score) override {
        std::lock_guard lock(mutex_);
        Transaction transaction(db_);
        Statement(db_,
                  "INSERT INTO unit_scores (unit_code, period_from, period_to, indicator, score) "
                  "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (unit_code, period_from, period_to, "
                  "indicator) DO UPDATE SET score = ?5")
            .bind(1, score.unit_code)
            .bind(2, score.period_from)
            .bind(3, score.period_to)
            .bind(4, score.indicator)
            .bind(5, score.score)
            .run();
        transaction.commit();
    }

    std::vector<UnitScore> unit_scores(const std::string& from, const std::string& to) override {
        std::lock_guard lock(mutex_);
        Statement list(db_,
                       "SELECT unit_code, indicator, score FROM unit_scores "
                       "WHERE period_from = ?1 AND period_to = ?2 ORDER BY unit_code, indicator");
        list.bind(1, from).bind(2, to);
        std::vector<UnitScore> scores;
        while (list.step()) {
            scores.push_back(UnitScore{list.text(0), from, to, list.text(1), list.real(2)});
        }
        return scores;
    }

    std::map<std::string, UnitTallies> tallies(const std::string& from,
                                               const std::string& to) override {
        std::lock_guard lock(mutex_);
        std::map<std::string, UnitTallies> units;
        Statement counts(db_,
                         "SELECT unit_code, count(*) FROM ratings WHERE voided = 0 "
                         "AND local_date BETWEEN ?1 AND ?2 GROUP BY unit_code");
        counts.bind(1, from).bind(2, to);
        while (counts.step()) {
            units[counts.text(0)].ratings = counts.int64(1);
        }
        Statement points(db_,
                         "SELECT r.unit_code, r.official_id, json_extract(a.value, '$.indicator'), "
                         "json_extract(a.value, '$.points') "
                         "FROM ratings r, json_each(r.content, '$.answers') a "
                         "WHERE r.voided = 0 AND r.local_date BETWEEN ?1 AND ?2 "
                         "AND json_extract(a.value, '$.points') IS NOT NULL");
        points.bind(1, from).bind(2, to);
        while (points.step()) {
            UnitTallies& unit = units[points.text(0)];
            const std::string official = points.text(1);
            const std::string indicator = points.text(2);
            const double value = points.real(3);
            unit.indicators[indicator].add(value);
            if (!official.empty()) {
                unit.officials[official][indicator].add(value);
            }
        }
        return units;
    }

  private:
    void migrate(const std::filesystem::path& path) {
        Transaction transaction(db_);
        Statement version(db_, "PRAGMA user_version");
        int current = 0;
        if (version.step()) {
            current = static_cast<int>(version.int64(0));
            version.reset();
        }
        if (current > kSchemaVersion) {
            throw ServerStoreError(ServerStoreErrorKind::unavailable,
                                   path.string() + " was made by a newer motcua-server (schema " +
                                       std::to_string(current) + "); it was not changed");
        }
        if (current == 0) {
            Statement tables(db_, "SELECT count(*) FROM sqlite_master");
            if (tables.step() && tables.int64(0) > 0) {
                tables.reset();
                throw ServerStoreError(ServerStoreErrorKind::unavailable,
                                       path.string() + " is not a motcua-server database");
            }
            exec(db_, kSchema, "creating the schema");
            exec(db_, "PRAGMA user_version = " + std::to_string(kSchemaVersion),
                 "setting the schema version");
        }
        transaction.commit();
    }

    std::vector<KioskRecord> all_kiosks() {
        Statement list(db_, std::string(kKioskColumns) + "ORDER BY kiosk_id");
        std::vector<KioskRecord> kiosks;
        while (list.step()) {
            kiosks.push_back(kiosk_from_row(list));
        }
        return kiosks;
    }

    void add_to_counter(const std::string& name, std::int64_t amount) {
        if (amount == 0) {
            return;
        }
        Statement(db_, "UPDATE counters SET value = value + ?2 WHERE name = ?1")
            .bind(1, name)
            .bind(2, amount)
            .run();
    }

    // INSERT ... ON CONFLICT DO NOTHING lets the unique constraints decide; only when the row
    // was not inserted do we look at what is there to tell a duplicate from a conflict.
    ItemOutcome store_rating(const std::string& kiosk_id, const IncomingRating& incoming,
                             UtcMillis received) {
        const Rating& rating = incoming.rating;
        insert_rating_->bind(1, rating.id)
            .bind(2, kiosk_id)
            .bind(3, rating.unit_code)
            .bind(4, rating.dossier_code)
            .bind(5, std::string(to_string(rating.stage)))
            .bind(6, rating.official_id)
            .bind(7, rating.local_date)
            .bind(8, incoming.content)
            .bind(9, received)
            .run();
        ItemOutcome outcome;
        if (sqlite3_changes(db_) == 1) {
            outcome.status = protocol::ItemStatus::accepted;
            return outcome;
        }
        find_rating_->bind(1, rating.id);
        if (find_rating_->step()) {
            const bool same = find_rating_->text(0) == incoming.content;
            find_rating_->reset();
            outcome.status =
                same ? protocol::ItemStatus::duplicate : protocol::ItemStatus::conflict;
            if (!same) {
                outcome.reason = "a different rating with id " + rating.id + " is already stored";
            }
            return outcome;
        }
        find_claim_->bind(1, rating.dossier_code).bind(2, std::string(to_string(rating.stage)));
        outcome.status = protocol::ItemStatus::conflict;
        outcome.reason = "dossier " + rating.dossier_code + " is already rated at stage " +
                         std::string(to_string(rating.stage));
        if (find_claim_->step()) {
            outcome.reason +=
                " (rating " + find_claim_->text(0) + " from kiosk " + find_claim_->text(1) + ")";
            find_claim_->reset();
        }
        return outcome;
    }

    ItemOutcome store_void(const std::string& kiosk_id, const IncomingVoid& incoming,
                           UtcMillis received) {
        ItemOutcome outcome;
        outcome.status = protocol::ItemStatus::rejected;
        Statement owner(db_, "SELECT kiosk_id FROM ratings WHERE id = ?1");
        owner.bind(1, incoming.rating_id);
        if (!owner.step()) {
            outcome.reason =
                "void of rating " + incoming.rating_id + ", which the server does not hold";
            return outcome;
        }
        const std::string rating_kiosk = owner.text(0);
        owner.reset();
        if (rating_kiosk != kiosk_id) {
            outcome.reason = "rating " + incoming.rating_id + " belongs to kiosk " + rating_kiosk;
            return outcome;
        }
        Statement(db_,
                  "INSERT INTO voids (rating_id, kiosk_id, content, received_utc) "
                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
            .bind(1, incoming.rating_id)
            .bind(2, kiosk_id)
            .bind(3, incoming.content)
            .bind(4, received)
            .run();
        if (sqlite3_changes(db_) == 1) {
            Statement(db_, "UPDATE ratings SET voided = 1 WHERE id = ?1")
                .bind(1, incoming.rating_id)
                .run();
            outcome.status = protocol::ItemStatus::accepted;
            return outcome;
        }
        Statement existing(db_, "SELECT content FROM voids WHERE rating_id = ?1");
        existing.bind(1, incoming.rating_id);
        const bool same = existing.step() && existing.text(0) == incoming.content;
        existing.reset();
        outcome.status = same ? protocol::ItemStatus::duplicate : protocol::ItemStatus::conflict;
        if (!same) {
            outcome.reason = "rating " + incoming.rating_id + " was already voided differently";
        }
        return outcome;
    }

    std::mutex mutex_;
    sqlite3* db_ = nullptr;
    // The statements of the hot path, prepared once the tables exist.
    std::optional<Statement> insert_rating_;
    std::optional<Statement> find_rating_;
    std::optional<Statement> find_claim_;
};

}  // namespace

std::unique_ptr<ServerStore> open_sqlite_server_store(const std::filesystem::path& path,
                                                      const ServerStoreOptions& options) {
    return std::make_unique<SqliteServerStore>(path, options);
}

}  // namespace motcua::server
