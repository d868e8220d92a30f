#include "storage/schema.hpp"

#include <stdexcept>
#include <string>

namespace motcua::sqlite {

namespace {

// Version 1, the first schema. Frozen: tests/storage/schema_v1.sql is a copy that a test
// compares against, because databases made by this version exist in the field.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE ratings (
    sequence INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    dossier_code TEXT NOT NULL,
    stage TEXT NOT NULL,
    channel TEXT NOT NULL,
    official_id TEXT NOT NULL,
    form_id TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    created_utc INTEGER NOT NULL,
    utc_offset_minutes INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX ratings_by_local_date ON ratings(local_date);
CREATE TRIGGER ratings_never_change BEFORE UPDATE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are immutable'); END;
CREATE TRIGGER ratings_never_deleted BEFORE DELETE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are never deleted: void them'); END;

CREATE TABLE dossier_claims (
    dossier_code TEXT NOT NULL,
    stage TEXT NOT NULL,
    rating_id TEXT NOT NULL REFERENCES ratings(id),
    PRIMARY KEY (dossier_code, stage)
) WITHOUT ROWID;

CREATE TABLE voids (
    rating_id TEXT PRIMARY KEY REFERENCES ratings(id),
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    voided_utc INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER voids_never_change BEFORE UPDATE ON voids
BEGIN SELECT RAISE(ABORT, 'voids are immutable'); END;
CREATE TRIGGER voids_never_deleted BEFORE DELETE ON voids
BEGIN SELECT RAISE(ABORT, 'voids are never deleted'); END;

CREATE TABLE officials (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('official', 'supervisor', 'admin')),
    pin_hash TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at_utc INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit(at_utc);
CREATE TRIGGER audit_never_changes BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('rating', 'void')),
    ref_id TEXT NOT NULL,
    created_utc INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'delivered', 'quarantined')),
    attempts INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    delivered_utc INTEGER,
    quarantined_utc INTEGER
);
CREATE INDEX outbox_by_state ON outbox(state, seq);
CREATE INDEX outbox_by_state_age ON outbox(state, created_utc);

CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE day_ratings (
    local_date TEXT NOT NULL,
    official_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    channel TEXT NOT NULL,
    ratings INTEGER NOT NULL,
    voided INTEGER NOT NULL,
    PRIMARY KEY (local_date, official_id, stage, channel)
) WITHOUT ROWID;

CREATE TABLE day_answers (
    local_date TEXT NOT NULL,
    official_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    option_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    has_points INTEGER NOT NULL,
    points INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (local_date, official_id, question_id, option_id, indicator, has_points, points)
) WITHOUT ROWID;

CREATE TABLE month_ratings (
    month TEXT NOT NULL,
    official_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    channel TEXT NOT NULL,
    ratings INTEGER NOT NULL,
    voided INTEGER NOT NULL,
    PRIMARY KEY (month, official_id, stage, channel)
) WITHOUT ROWID;

CREATE TABLE month_answers (
    month TEXT NOT NULL,
    official_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    option_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    has_points INTEGER NOT NULL,
    points INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (month, official_id, question_id, option_id, indicator, has_points, points)
) WITHOUT ROWID;
)sql";

// Version 2: compact ratings (no JSON payload: texts that repeat are ids into `labels`, each
// distinct answer an id into `choices`, the UUID 16 bytes, stage and channel small integers,
// the local date a day number), claims keyed by the rating's sequence, voids too, and an
// outbox that keeps only pending and quarantined items. The version 1 tables
// are renamed v1_* here, emptied into these by move_rows_to_v2 and dropped.
constexpr std::string_view kSchemaV2 = R"sql(
DROP TRIGGER ratings_never_change;
DROP TRIGGER ratings_never_deleted;
DROP TRIGGER voids_never_change;
DROP TRIGGER voids_never_deleted;
DROP INDEX ratings_by_local_date;
DROP INDEX outbox_by_state;
DROP INDEX outbox_by_state_age;
ALTER TABLE ratings RENAME TO v1_ratings;
ALTER TABLE voids RENAME TO v1_voids;
ALTER TABLE outbox RENAME TO v1_outbox;

CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
);

CREATE TABLE choices (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL,
    option_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    points INTEGER NOT NULL,  -- -1: no points (not applicable, or a flag question)
    UNIQUE (question_id, option_id, indicator, points)
);

CREATE TABLE ratings (
    sequence INTEGER PRIMARY KEY,
    id BLOB NOT NULL,             -- the UUID's 16 bytes
    dossier_code TEXT NOT NULL,
    stage INTEGER NOT NULL,       -- 0 intake, 1 supplement, 2 refusal, 3 return
    channel INTEGER NOT NULL,     -- 0 kiosk, 1 paper
    official INTEGER NOT NULL,    -- labels.id ("" when nobody was signed in)
    form INTEGER NOT NULL,        -- labels.id
    form_version INTEGER NOT NULL,
    created_utc INTEGER NOT NULL,
    utc_offset_minutes INTEGER NOT NULL,
    local_day INTEGER NOT NULL,   -- local_date as days since 1970-01-01
    kiosk INTEGER NOT NULL,       -- labels.id
    unit INTEGER NOT NULL,        -- labels.id
    answers BLOB NOT NULL         -- storage/rating_rows.cpp: choices, follow-ups, flags
);
CREATE UNIQUE INDEX ratings_by_id ON ratings(id);
CREATE INDEX ratings_by_local_day ON ratings(local_day);
CREATE TRIGGER ratings_never_change BEFORE UPDATE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are immutable'); END;
CREATE TRIGGER ratings_never_deleted BEFORE DELETE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are never deleted: void them'); END;

-- One row per dossier and stage with a non-voided rating: the primary key is the rule "one
-- rating per dossier and stage"; a void deletes the row, freeing the dossier.
CREATE TABLE claims (
    dossier_code TEXT NOT NULL,
    stage INTEGER NOT NULL,
    rating INTEGER NOT NULL,     -- the rating's sequence
    PRIMARY KEY (dossier_code, stage)
) WITHOUT ROWID;

CREATE TABLE voids (
    rating INTEGER PRIMARY KEY REFERENCES ratings(sequence),
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    voided_utc INTEGER NOT NULL
);
CREATE TRIGGER voids_never_change BEFORE UPDATE ON voids
BEGIN SELECT RAISE(ABORT, 'voids are immutable'); END;
CREATE TRIGGER voids_never_deleted BEFORE DELETE ON voids
BEGIN SELECT RAISE(ABORT, 'voids are never deleted'); END;

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind INTEGER NOT NULL CHECK (kind IN (0, 1)),  -- 0 rating, 1 void
    rating INTEGER NOT NULL,     -- the rating's sequence (for a void: the voided rating's)
    created_utc INTEGER NOT NULL,  -- the rating's created_utc, or the void's voided_utc
    attempts INTEGER NOT NULL DEFAULT 0,
    reason TEXT,                 -- quarantined when set: the server's words
    quarantined_utc INTEGER
);
CREATE INDEX outbox_pending_by_age ON outbox(created_utc) WHERE reason IS NULL;
CREATE INDEX outbox_quarantined ON outbox(seq) WHERE reason IS NOT NULL;
)sql";

// Version 3: fewer pages written per save (docs/storage.md, "Version 2 -> 3"). The four rollup
// tables with text keys become one, `rollups`, with integer keys and the counts in a blob
// (move_rollups_to_v3 converts them, then they are dropped); the newest day row of a month and
// the month's row are neighbours. The outbox loses AUTOINCREMENT (one page of sqlite_sequence per
// save): the highest seq given out is kept in state 'outbox.last_seq' when rows are deleted, so
// seqs are still never reused. It loses its index of pending items by age too (one page per save):
// oldest_pending_utc reads the pending rows, which a kiosk that uploads keeps few of.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE rollups (
    month INTEGER NOT NULL,      -- year * 12 + month - 1 of the local date
    official INTEGER NOT NULL,   -- labels.id ("" when nobody was signed in)
    day INTEGER NOT NULL,        -- 1-31, or 32: the whole month (after its days)
    counts BLOB NOT NULL,        -- storage/rollups.hpp: ratings, voided, answers per choice
    PRIMARY KEY (month, official, day)
) WITHOUT ROWID;

INSERT OR REPLACE INTO state (key, value)
    SELECT 'outbox.last_seq', CAST(seq AS TEXT) FROM sqlite_sequence WHERE name = 'outbox';
DROP INDEX outbox_pending_by_age;
DROP INDEX outbox_quarantined;
ALTER TABLE outbox RENAME TO v2_outbox;
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,     -- never reused: see state 'outbox.last_seq'
    kind INTEGER NOT NULL CHECK (kind IN (0, 1)),  -- 0 rating, 1 void
    rating INTEGER NOT NULL,     -- the rating's sequence (for a void: the voided rating's)
    created_utc INTEGER NOT NULL,  -- the rating's created_utc, or the void's voided_utc
    attempts INTEGER NOT NULL DEFAULT 0,
    reason TEXT,                 -- quarantined when set: the server's words
    quarantined_utc INTEGER
);
INSERT INTO outbox (seq, kind, rating, created_utc, attempts, reason, quarantined_utc)
    SELECT seq, kind, rating, created_utc, attempts, reason, quarantined_utc FROM v2_outbox;
DROP TABLE v2_outbox;
CREATE INDEX outbox_quarantined ON outbox(seq) WHERE reason IS NOT NULL;
)sql";

constexpr Migration kMigrations[] = {
    {1,
     "first schema: ratings, claims, voids, officials, audit, outbox, state, day and month rollups",
     kSchemaV1},
    {2, "compact ratings without the JSON payload, a pending-only outbox", kSchemaV2,
     move_rows_to_v2},
    {3, "one compact rollup table, an outbox without AUTOINCREMENT or age index", kSchemaV3,
     move_rollups_to_v3},
};

}  // namespace

std::span<const Migration> schema_migrations() {
    return kMigrations;
}

int user_version(Connection& db) {
    return static_cast<int>(db.query_int("PRAGMA user_version", "reading the schema version"));
}

void migrate(Connection& db, std::span<const Migration> steps) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].version != static_cast<int>(i) + 1) {
            throw std::logic_error("schema migrations must be numbered 1, 2, 3...: step " +
                                   std::to_string(i + 1) + " says version " +
                                   std::to_string(steps[i].version));
        }
    }
    const int target = static_cast<int>(steps.size());
    Transaction transaction(db, "migrating the schema");
    const int current = user_version(db);
    if (current > target) {
        db.fail(StoreErrorKind::newer_schema, "opening the database",
                "it has schema version " + std::to_string(current) +
                    ", made by a newer motcua; this build knows versions up to " +
                    std::to_string(target) + ". Use the newer motcua; the file was not changed");
    }
    for (const Migration& step : steps) {
        if (step.version > current) {
            const std::string doing = "migrating the schema to version " +
                                      std::to_string(step.version) + " (" +
                                      std::string(step.description) + ")";
            db.exec(std::string(step.sql), doing);
            if (step.transform != nullptr) {
                step.transform(db);
            }
        }
    }
    db.exec("PRAGMA user_version = " + std::to_string(target), "setting the schema version");
    transaction.commit();
}

}  // namespace motcua::sqlite
