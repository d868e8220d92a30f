-- Schema version 1 exactly as the first motcua release creates it (storage/schema.cpp).
-- Frozen: tests build "a database made by a version 1 binary" from this file, and a test
-- checks that the current code's version 1 step still creates exactly these objects.
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
