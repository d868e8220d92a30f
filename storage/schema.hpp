#pragma once
// The database schema as an ordered list of migrations (docs/storage.md, "Migrations").
// Migration N turns a version N-1 database into version N; version 0 is an empty file.
// A released migration is never edited: a change is a new step appended to the list.

#include <span>
#include <string_view>

#include "storage/sqlite_util.hpp"

namespace motcua::sqlite {

struct Migration {
    int version;                   // PRAGMA user_version once this step has run
    std::string_view description;  // for logs and docs
    std::string_view sql;          // one or more statements
    // A step SQL alone cannot do (e.g. re-encoding rows), run after `sql` in the same
    // transaction; it throws StoreError to fail the migration.
    void (*transform)(Connection& db) = nullptr;
};

// Every migration of this build, in order; the last one's version is Store::kSchemaVersion.
std::span<const Migration> schema_migrations();

// Brings `db` to the version of the last step in `steps`, running every step above the current
// user_version and setting user_version, all in one IMMEDIATE transaction: a failure leaves the
// database exactly as it was. Re-reads user_version under the write lock, so two processes
// opening a new file at once migrate it once. Throws StoreError newer_schema when the database
// is already above the last step, and std::logic_error when `steps` are not numbered 1, 2, 3...
void migrate(Connection& db, std::span<const Migration> steps);

// Version 2's C++ step (storage/migration_v2.cpp): moves every rating, void and queue item from
// the version 1 tables (renamed v1_*) into the compact version 2 tables, checking that each
// rating reads back to exactly its version 1 canonical JSON, then drops the version 1 tables.
void move_rows_to_v2(Connection& db);

// Version 3's C++ step (storage/migration_v3.cpp): adds every row of day_ratings,
// day_answers (as day rows) and month_ratings, month_answers (as month rows) into `rollups`,
// then drops those four tables. Throws StoreError corrupt for a row it cannot convert (an
// unknown stage or channel, a negative count).
void move_rollups_to_v3(Connection& db);

// PRAGMA user_version.
int user_version(Connection& db);

}  // namespace motcua::sqlite
