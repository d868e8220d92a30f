// Online backup and restore with SQLite's backup API (see backup.hpp for the contracts).
//
// [SECTION] Files: names, fsync
// [SECTION] Copying pages
// [SECTION] Backup
// [SECTION] Restore
// [SECTION] Is a kiosk using the database?

#include "storage/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "storage/schema.hpp"
#include "storage/sqlite_util.hpp"
#include "storage/store.hpp"

namespace motcua {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Files: names, fsync
//-----------------------------------------------------------------------------

constexpr std::string_view kBackingUp = "backing up";
constexpr std::string_view kRestoring = "restoring";

// "20261128-021500-123Z": sorts like the time it names.
std::string file_stamp(UtcMillis now) {
    std::time_t seconds = static_cast<std::time_t>(now / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &utc);
    char millis[8];
    std::snprintf(millis, sizeof millis, "-%03dZ", static_cast<int>(now % 1000));
    return std::string(text) + millis;
}

// "<stem>-" + stamp + ".db": exactly what backup_database writes.
bool is_backup_name(const std::string& name, const std::string& stem) {
    const std::string prefix = stem + "-";
    const std::size_t stamp_size = file_stamp(0).size();
    return name.size() == prefix.size() + stamp_size + 3 && name.starts_with(prefix) &&
           name.ends_with(".db") && name[prefix.size() + 8] == '-' &&
           std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()),
                       name.begin() + static_cast<std::ptrdiff_t>(prefix.size() + 8),
                       [](char c) { return c >= '0' && c <= '9'; });
}

[[noreturn]] void fail_file(StoreErrorKind kind, const std::filesystem::path& path,
                            std::string_view doing, const std::string& problem) {
    throw StoreError(kind, path.string() + ": " + std::string(doing) + ": " + problem);
}

// fsync of a file or a folder (a folder's fsync makes a rename or unlink in it durable).
void fsync_path(const std::filesystem::path& path, std::string_view doing) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail_file(StoreErrorKind::io_error, path, doing, std::strerror(errno));
    }
    int result = ::fsync(fd);
    int fsync_errno = errno;
    ::close(fd);
    if (result != 0) {
        fail_file(fsync_errno == ENOSPC ? StoreErrorKind::disk_full : StoreErrorKind::io_error,
                  path, doing, std::string("fsync failed: ") + std::strerror(fsync_errno));
    }
}

void remove_quietly(const std::filesystem::path& path) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(path.string() + "-journal", ignored);
}

std::vector<std::string> quick_check(sqlite::Connection& db, std::string_view doing) {
    std::vector<std::string> findings;
    sqlite::Statement check(db, "PRAGMA quick_check", doing);
    while (check.step()) {
        if (check.text(0) != "ok") {
            findings.push_back(check.text(0));
        }
    }
    return findings;
}

//-----------------------------------------------------------------------------
// [SECTION] Copying pages
//-----------------------------------------------------------------------------

struct CopyFigures {
    int pages = 0;
    int steps = 0;
    int restarts = 0;
};

// After this many restarts (a busy kiosk committing between every pair of steps) the rest is
// copied in one step: still a single WAL read transaction, which does not block writers either.
constexpr int kMaxRestarts = 20;
constexpr auto kPauseBetweenSteps = std::chrono::milliseconds(2);
constexpr auto kPauseWhenBusy = std::chrono::milliseconds(50);
constexpr int kMaxBusyRetries = 200;

// Copies every page of `source` into `destination` with the backup API, `pages_per_step` pages
// per read transaction on the source. Throws the StoreError of the failing result code.
CopyFigures copy_pages(sqlite::Connection& source, sqlite::Connection& destination,
                       int pages_per_step, std::string_view doing) {
    sqlite3_backup* backup =
        sqlite3_backup_init(destination.handle(), "main", source.handle(), "main");
    if (backup == nullptr) {
        destination.fail(sqlite3_extended_errcode(destination.handle()), doing);
    }
    CopyFigures figures;
    int step_size = pages_per_step;
    int remaining_before = -1;
    int busy_retries = 0;
    int rc = SQLITE_OK;
    while (true) {
        rc = sqlite3_backup_step(backup, step_size);
        ++figures.steps;
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (++busy_retries > kMaxBusyRetries) {
                break;
            }
            std::this_thread::sleep_for(kPauseWhenBusy);
            continue;
        }
        if (rc != SQLITE_OK) {
            break;
        }
        const int remaining = sqlite3_backup_remaining(backup);
        if (remaining_before >= 0 && remaining > remaining_before) {
            ++figures.restarts;
            if (figures.restarts >= kMaxRestarts) {
                step_size = -1;
            }
        }
        remaining_before = remaining;
        std::this_thread::sleep_for(kPauseBetweenSteps);
    }
    figures.pages = sqlite3_backup_pagecount(backup);
    const int finish = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        destination.fail(rc, doing);
    }
    if (finish != SQLITE_OK) {
        destination.fail(finish, doing);
    }
    return figures;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Backup
//-----------------------------------------------------------------------------

std::vector<std::filesystem::path> list_backups(const std::filesystem::path& directory,
                                                const std::filesystem::path& database) {
    std::vector<std::filesystem::path> found;
    std::error_code error;
    const std::string stem = database.stem().string();
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.is_regular_file() && is_backup_name(entry.path().filename().string(), stem)) {
            found.push_back(entry.path());
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

BackupResult backup_database(const std::filesystem::path& database, const BackupOptions& options,
                             UtcMillis now) {
    if (options.keep < 1 || options.keep > 1000) {
        fail_file(StoreErrorKind::invalid, options.directory, kBackingUp,
                  "keep must be between 1 and 1000 (got " + std::to_string(options.keep) + ")");
    }
    if (options.pages_per_step < 1) {
        fail_file(StoreErrorKind::invalid, options.directory, kBackingUp,
                  "pages per step must be at least 1");
    }
    if (!std::filesystem::is_regular_file(database)) {
        fail_file(StoreErrorKind::cannot_open, database, kBackingUp, "the database does not exist");
    }
    std::error_code error;
    std::filesystem::create_directories(options.directory, error);
    if (error) {
        fail_file(StoreErrorKind::cannot_open, options.directory, "creating the backup folder",
                  error.message());
    }

    BackupResult result;
    result.file = options.directory / (database.stem().string() + "-" + file_stamp(now) + ".db");
    const std::filesystem::path partial = result.file.string() + ".part";
    remove_quietly(partial);
    try {
        sqlite::Connection source(database, false);
        sqlite3_busy_timeout(source.handle(), 5000);
        {
            sqlite::Connection copy(partial, true);
            CopyFigures figures = copy_pages(source, copy, options.pages_per_step, kBackingUp);
            result.pages = figures.pages;
            result.steps = figures.steps;
            result.restarts = figures.restarts;
            // A self-contained file: no -wal beside it, so it can be copied off the machine.
            copy.exec("PRAGMA journal_mode = DELETE", "making the backup a single file");
            std::vector<std::string> findings = quick_check(copy, "checking the backup");
            if (!findings.empty()) {
                copy.fail(StoreErrorKind::corrupt, "checking the backup",
                          "quick_check found: " + findings.front());
            }
        }
        fsync_path(partial, kBackingUp);
        std::filesystem::rename(partial, result.file);
        fsync_path(options.directory, kBackingUp);
    } catch (const std::filesystem::filesystem_error& failure) {
        remove_quietly(partial);
        fail_file(StoreErrorKind::io_error, result.file, kBackingUp, failure.what());
    } catch (...) {
        remove_quietly(partial);
        throw;
    }
    result.bytes = static_cast<std::int64_t>(std::filesystem::file_size(result.file));

    std::vector<std::filesystem::path> all = list_backups(options.directory, database);
    const std::size_t keep = static_cast<std::size_t>(options.keep);
    for (std::size_t i = 0; i + keep < all.size(); ++i) {
        if (std::filesystem::remove(all[i], error)) {
            result.removed.push_back(all[i]);
        }
    }
    if (!result.removed.empty()) {
        fsync_path(options.directory, "pruning old backups");
    }
    return result;
}

//-----------------------------------------------------------------------------
// [SECTION] Restore
//-----------------------------------------------------------------------------

RestoreResult restore_database(const std::filesystem::path& backup,
                               const std::filesystem::path& database, UtcMillis now) {
    if (!std::filesystem::is_regular_file(backup)) {
        fail_file(StoreErrorKind::cannot_open, backup, kRestoring,
                  "the backup file does not exist");
    }
    RestoreResult result;
    sqlite::Connection source(backup, false);
    std::vector<std::string> findings = quick_check(source, "checking the backup");
    if (!findings.empty()) {
        source.fail(StoreErrorKind::corrupt, "checking the backup",
                    "quick_check found: " + findings.front() + "; choose an older backup");
    }
    result.schema_version = sqlite::user_version(source);
    if (result.schema_version > Store::kSchemaVersion) {
        source.fail(StoreErrorKind::newer_schema, kRestoring,
                    "the backup has schema version " + std::to_string(result.schema_version) +
                        " but this motcua knows up to " + std::to_string(Store::kSchemaVersion) +
                        "; install the newer motcua first");
    }
    if (database_in_use(database)) {
        fail_file(StoreErrorKind::busy, database, kRestoring,
                  "the database is open in another program (the kiosk?); stop it first: "
                  "systemctl stop motcua-kiosk");
    }

    if (std::filesystem::exists(database)) {
        result.safety_copy = database.string() + ".before-restore-" + file_stamp(now);
        sqlite::Connection current(database, false);
        sqlite::Connection safety(result.safety_copy, true);
        copy_pages(current, safety, -1, "keeping the current database before the restore");
        safety.exec("PRAGMA journal_mode = DELETE", "making the safety copy a single file");
    }
    {
        sqlite::Connection target(database, true);
        sqlite3_busy_timeout(target.handle(), 5000);
        copy_pages(source, target, -1, kRestoring);
    }
    if (!result.safety_copy.empty()) {
        fsync_path(result.safety_copy, kRestoring);
    }
    fsync_path(database, kRestoring);
    fsync_path(database.has_parent_path() ? database.parent_path() : ".", kRestoring);
    return result;
}

//-----------------------------------------------------------------------------
// [SECTION] Is a kiosk using the database?
//-----------------------------------------------------------------------------

bool database_in_use(const std::filesystem::path& database) {
    // SQLite's unix VFS: byte 128 of the -shm file (UNIX_SHM_DMS) is read-locked by every
    // connection that has it mapped. The kernel lists every lock in /proc/locks by device and
    // inode. Opening the -shm file to ask fcntl() would be wrong: closing that descriptor drops
    // the POSIX locks this process's own SQLite connections hold on it.
    struct stat shm {};
    if (::stat((database.string() + "-shm").c_str(), &shm) != 0) {
        return false;  // no shared memory file: no WAL connection is open
    }
    char file_id[64];
    std::snprintf(file_id, sizeof file_id, "%02x:%02x:%llu", major(shm.st_dev), minor(shm.st_dev),
                  static_cast<unsigned long long>(shm.st_ino));
    std::ifstream locks("/proc/locks");
    std::string line;
    while (std::getline(locks, line)) {
        // "1: POSIX  ADVISORY  READ 4242 08:01:1234 128 128"; "1: -> POSIX ..." is a waiter.
        std::istringstream fields(line);
        std::string number, kind, mode, access, pid, id, start, end;
        fields >> number >> kind >> mode >> access >> pid >> id >> start >> end;
        if (kind == "->" || id != file_id) {
            continue;
        }
        const bool covers_dms =
            std::stoll(start) <= 128 && (end == "EOF" || std::stoll(end) >= 128);
        if (covers_dms) {
            return true;
        }
    }
    return false;
}

}  // namespace motcua
