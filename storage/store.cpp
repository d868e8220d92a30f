// Opening a store: refuse what is not ours or is damaged before writing a byte, then set the
// durability pragmas and migrate.
//
// [SECTION] Names of kinds and roles
// [SECTION] Text checks shared by every input
// [SECTION] Opening
// [SECTION] Health and limits

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "storage/schema.hpp"
#include "storage/store_impl.hpp"

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Names of kinds and roles
//-----------------------------------------------------------------------------

std::string_view to_string(StoreErrorKind kind) {
    switch (kind) {
        case StoreErrorKind::duplicate_rating:
            return "duplicate_rating";
        case StoreErrorKind::duplicate_id:
            return "duplicate_id";
        case StoreErrorKind::not_found:
            return "not_found";
        case StoreErrorKind::invalid:
            return "invalid";
        case StoreErrorKind::disk_full:
            return "disk_full";
        case StoreErrorKind::io_error:
            return "io_error";
        case StoreErrorKind::busy:
            return "busy";
        case StoreErrorKind::corrupt:
            return "corrupt";
        case StoreErrorKind::newer_schema:
            return "newer_schema";
        case StoreErrorKind::cannot_open:
            return "cannot_open";
    }
    return "unknown";
}

std::string_view to_string(Role role) {
    switch (role) {
        case Role::official:
            return "official";
        case Role::supervisor:
            return "supervisor";
        case Role::admin:
            return "admin";
    }
    return "official";
}

bool parse_role(std::string_view text, Role& out) {
    for (Role role : {Role::official, Role::supervisor, Role::admin}) {
        if (text == to_string(role)) {
            out = role;
            return true;
        }
    }
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Text checks shared by every input
//-----------------------------------------------------------------------------

std::string storage_detail::checked_text(const sqlite::Connection& db, std::string_view doing,
                                         std::string_view field, const std::string& text,
                                         bool required, std::size_t max_bytes) {
    if (!is_valid_utf8(text)) {
        db.fail(StoreErrorKind::invalid, doing, std::string(field) + " is not valid UTF-8");
    }
    if (text.size() > max_bytes) {
        db.fail(StoreErrorKind::invalid, doing,
                std::string(field) + " is longer than " + std::to_string(max_bytes) + " bytes");
    }
    const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
    if (required && blank) {
        db.fail(StoreErrorKind::invalid, doing, std::string(field) + " must not be blank");
    }
    return to_nfc(text);
}

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------

namespace {

constexpr const char* kOpening = "opening the database";

// The rows of a check pragma; empty when SQLite answers a single "ok".
std::vector<std::string> check_findings(sqlite::Connection& db, const char* pragma) {
    sqlite::Statement check(db, pragma, "checking the database");
    std::vector<std::string> findings;
    while (check.step()) {
        findings.push_back(check.text(0));
    }
    if (findings.size() == 1 && findings.front() == "ok") {
        findings.clear();
    }
    return findings;
}

std::string first_findings(const std::vector<std::string>& findings) {
    std::string text;
    const std::size_t shown = std::min<std::size_t>(findings.size(), 5);
    for (std::size_t i = 0; i < shown; ++i) {
        text += (i == 0 ? "" : "; ") + findings[i];
    }
    if (findings.size() > shown) {
        text += "; and " + std::to_string(findings.size() - shown) + " more";
    }
    return text;
}

// Everything here only reads, so a file we refuse is left exactly as it was.
void refuse_what_is_not_ours(sqlite::Connection& db, const OpenOptions& options) {
    // The first read of the header: a file that is not SQLite fails here with SQLITE_NOTADB.
    const std::int64_t objects = db.query_int("SELECT count(*) FROM sqlite_schema", kOpening);
    const int version = sqlite::user_version(db);
    if (version > Store::kSchemaVersion) {
        db.fail(StoreErrorKind::newer_schema, kOpening,
                "it has schema version " + std::to_string(version) +
                    ", made by a newer motcua; this build knows versions up to " +
                    std::to_string(Store::kSchemaVersion) +
                    ". Use the newer motcua; the file was not changed");
    }
    if (version == 0 && objects > 0) {
        db.fail(StoreErrorKind::corrupt, kOpening,
                "it is an SQLite database of another program (it has tables but no motcua schema "
                "version); the file was not changed");
    }
    if (version == 0 && !options.create) {
        db.fail(StoreErrorKind::cannot_open, kOpening,
                "the file has no motcua schema yet; create it first (motcua init)");
    }
    if (options.quick_check) {
        const std::vector<std::string> findings = check_findings(db, "PRAGMA quick_check");
        if (!findings.empty()) {
            db.fail(StoreErrorKind::corrupt, kOpening,
                    "quick_check found damage: " + first_findings(findings) +
                        ". The file was left untouched: restore a backup or ask IT to salvage it");
        }
    }
}

void apply_pragmas(sqlite::Connection& db) {
    sqlite::Statement journal(db, "PRAGMA journal_mode = WAL", "switching to WAL mode");
    const std::string mode = journal.step() ? journal.text(0) : std::string();
    journal.reset();
    if (mode != "wal") {
        db.fail(StoreErrorKind::cannot_open, "switching to WAL mode",
                "the file system refused write-ahead logging (journal mode stayed '" + mode +
                    "'); keep the database on a local disk");
    }
    // FULL: a commit in WAL mode is on disk when COMMIT returns (NORMAL could lose it).
    db.exec("PRAGMA synchronous = FULL", "setting synchronous=FULL");
    db.exec("PRAGMA foreign_keys = ON", "enabling foreign keys");
    // 32 MiB of page cache (default 2 MiB): random UUID index pages stay in memory, which
    // keeps bulk imports and lookups in a database of years of ratings off the disk.
    db.exec("PRAGMA cache_size = -32768", "sizing the page cache");
    // Keep the WAL file from staying huge after a bulk import has been checkpointed.
    db.exec("PRAGMA journal_size_limit = 67108864", "limiting the WAL size");
}

// The WAL hook of a store with deferred checkpoints: SQLite calls it after each commit with the
// pages now in the WAL, which it keeps in `wal_pages` (an int).
int note_wal_pages(void* wal_pages, sqlite3* db, const char* schema, int pages) {
    *static_cast<int*>(wal_pages) = pages;
    if (pages >= Store::kDeferredCheckpointLimitPages) {
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    return SQLITE_OK;
}

}  // namespace

Store::Store(const std::filesystem::path& path, const OpenOptions& options) {
    std::error_code error;
    const bool exists = std::filesystem::exists(path, error);
    if (!exists && !options.create) {
        throw StoreError(StoreErrorKind::cannot_open,
                         path.string() + ": " + kOpening + ": the file does not exist" +
                             (error ? " (" + error.message() + ")" : std::string()));
    }
    impl_ = std::make_unique<Impl>(path, options.create);
    sqlite::Connection& db = impl_->db;
    if (sqlite3_db_readonly(db.handle(), "main") == 1) {
        db.fail(StoreErrorKind::cannot_open, kOpening,
                "the file or its medium is read-only; the kiosk needs to write ratings");
    }
    sqlite3_busy_timeout(db.handle(), options.busy_timeout_ms);
    refuse_what_is_not_ours(db, options);
    apply_pragmas(db);
    if (options.deferred_checkpoints) {
        // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
        sqlite3_wal_hook(db.handle(), note_wal_pages, &impl_->wal_pages);
    }
    if (sqlite::user_version(db) < kSchemaVersion) {
        sqlite::migrate(db, sqlite::schema_migrations());
    }
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const std::filesystem::path& Store::path() const {
    return impl_->path;
}

//-----------------------------------------------------------------------------
// [SECTION] Health and limits
//-----------------------------------------------------------------------------

int Store::schema_version() {
    return sqlite::user_version(impl_->db);
}

std::vector<std::string> Store::integrity_check() {
    try {
        return check_findings(impl_->db, "PRAGMA integrity_check");
    } catch (const StoreError& error) {
        // Damage bad enough to stop the check itself (a b-tree page that cannot be walked) is
        // a finding too, not a failure of the check.
        if (error.kind() != StoreErrorKind::corrupt) {
            throw;
        }
        return {error.what()};
    }
}

void Store::set_max_page_count(std::int64_t pages) {
    if (pages <= 0) {
        impl_->db.fail(StoreErrorKind::invalid, "limiting the database size",
                       "the page count must be positive");
    }
    impl_->db.query_int("PRAGMA max_page_count = " + std::to_string(pages),
                        "limiting the database size");
}

std::int64_t Store::free_bytes() {
    const std::int64_t pages = impl_->db.query_int("PRAGMA freelist_count", "counting free pages");
    const std::int64_t page_size = impl_->db.query_int("PRAGMA page_size", "reading the page size");
    return pages * page_size;
}

bool Store::checkpoint_if_due() {
    if (impl_->wal_pages < kCheckpointPages) {
        return false;
    }
    int wal_frames = 0;
    int copied_frames = 0;
    const int result = sqlite3_wal_checkpoint_v2(
        impl_->db.handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied_frames);
    if (result == SQLITE_BUSY) {
        return false;  // another connection is checkpointing right now
    }
    if (result != SQLITE_OK) {
        impl_->db.fail(result, "checkpointing the WAL");
    }
    if (copied_frames < wal_frames) {
        return false;
    }
    // The next commit starts the WAL again from its beginning, which also writes and syncs the
    // WAL's header: a save right after a checkpoint was the slowest in a hundred. That commit
    // is made now, while nobody waits: one row, the count of these checkpoints.
    impl_->db.exec(
        "INSERT INTO state (key, value) VALUES ('storage.idle_checkpoints', 1) "
        "ON CONFLICT (key) DO UPDATE SET value = value + 1",
        "starting the WAL again after a checkpoint");
    return true;
}

void Store::compact() {
    impl_->db.exec("VACUUM", "compacting the database");
    // In WAL mode the rewritten pages sit in the WAL; the checkpoint moves them into the file and
    // truncates it, so the space is back when this returns.
    impl_->db.exec("PRAGMA wal_checkpoint(TRUNCATE)", "compacting the database");
}

}  // namespace motcua
