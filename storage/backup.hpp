#pragma once
// Online backup and restore of the kiosk's database (docs/deployment.md, "Backup and restore").
//
// A backup copies the live file with SQLite's online backup API, a few pages at a time. The
// database is in WAL mode, so the backup's short read transactions never block a citizen's save:
// the kiosk keeps writing meanwhile, and a step that sees a newer commit starts the copy over.
// The copy is written beside its final name, checked, fsynced, renamed, and its folder fsynced:
// a power cut leaves either the previous set of backups or the new one, never half a file.
//
// [SECTION] Backup
// [SECTION] Restore
// [SECTION] Is a kiosk using the database?

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Backup
//-----------------------------------------------------------------------------

struct BackupOptions {
    std::filesystem::path directory;  // created when missing
    int keep = 14;                    // backups of this database kept after this one, 1..1000
    int pages_per_step = 64;          // pages copied per read transaction, >= 1
};

struct BackupResult {
    std::filesystem::path file;  // the new backup
    std::int64_t bytes = 0;
    int pages = 0;
    int steps = 0;     // read transactions taken on the live database
    int restarts = 0;  // times a concurrent commit made the copy start over
    std::vector<std::filesystem::path> removed;  // older backups pruned to keep `keep`
};

// Copies `database` to "<directory>/<stem>-<YYYYMMDD-HHMMSS-mmm>Z.db" (UTC time `now`), checks
// the copy with quick_check, fsyncs it and its folder, then removes the oldest backups of the
// same database beyond `keep`. The copy is a plain (rollback-journal) SQLite file. Throws
// StoreError: cannot_open (no database, folder not writable), invalid (keep or pages_per_step out
// of range), disk_full, io_error, corrupt (the copy failed its check; it is removed). On any
// failure no partial backup is left and no older backup is removed.
BackupResult backup_database(const std::filesystem::path& database, const BackupOptions& options,
                             UtcMillis now);

// The backups of `database` in `directory`, oldest first (by the time in their name).
std::vector<std::filesystem::path> list_backups(const std::filesystem::path& directory,
                                                const std::filesystem::path& database);

//-----------------------------------------------------------------------------
// [SECTION] Restore
//-----------------------------------------------------------------------------

struct RestoreResult {
    std::filesystem::path safety_copy;  // the replaced database, kept; empty when there was none
    int schema_version = 0;             // of the restored file, before any migration
};

// Replaces the content of `database` with `backup`, in one transaction, after copying the current
// file to "<database>.before-restore-<stamp>" in the same folder. The next open migrates an older
// schema as usual. Throws StoreError: busy when a process has the database open (stop the kiosk
// first), cannot_open / corrupt when `backup` is missing or fails quick_check, newer_schema when
// the backup was made by a newer motcua. Nothing is changed when it throws before the copy.
RestoreResult restore_database(const std::filesystem::path& backup,
                               const std::filesystem::path& database, UtcMillis now);

//-----------------------------------------------------------------------------
// [SECTION] Is a kiosk using the database?
//-----------------------------------------------------------------------------

// True when any connection, in this process or another, has `database` open in WAL mode: every
// such connection holds a shared lock on the "dead man switch" byte of "<database>-shm", which
// the kernel lists in /proc/locks. Opens no file, so it never disturbs those locks.
bool database_in_use(const std::filesystem::path& database);

}  // namespace motcua
