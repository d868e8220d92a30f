#pragma once
// The kiosk's durable rating store: one SQLite file in WAL mode with synchronous=FULL.
//
// Contract, in one line: when a save function returns, the rating is on disk and survives a
// power cut; when it throws, nothing of it was written.
//
// A Store is one SQLite connection: use it from one thread at a time; give each thread (UI,
// sync worker) and each process its own Store on the same file.
//
// [SECTION] Errors
// [SECTION] Opening and schema
// [SECTION] Ratings
// [SECTION] Voids
// [SECTION] Officials
// [SECTION] Audit log
// [SECTION] Outbox (upload queue)
// [SECTION] Key-value state
// [SECTION] Tallies
// [SECTION] Bulk saving

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/rating.hpp"
#include "core/scoring.hpp"

struct sqlite3;

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Errors
//-----------------------------------------------------------------------------

enum class StoreErrorKind {
    duplicate_rating,  // this dossier already has a (non-voided) rating at this stage
    duplicate_id,      // a rating or official with this id exists
    not_found,
    invalid,       // the caller passed something the store refuses (message says what)
    disk_full,     // SQLITE_FULL: no space, or the page limit was reached
    io_error,      // SQLITE_IOERR and friends
    busy,          // another connection held the lock beyond busy_timeout
    corrupt,       // quick_check / integrity_check failed, or not a database
    newer_schema,  // made by a newer motcua: refused, never downgraded
    cannot_open,   // missing file without create, permissions, read-only medium
};
std::string_view to_string(StoreErrorKind kind);

// Every failure of the store. what() is an English sentence for logs and staff that names the
// database file; kind() lets the UI choose its own words.
class StoreError : public std::runtime_error {
  public:
    StoreError(StoreErrorKind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}
    StoreErrorKind kind() const { return kind_; }

  private:
    StoreErrorKind kind_;
};

//-----------------------------------------------------------------------------
// [SECTION] Value types
//-----------------------------------------------------------------------------

enum class Role { official, supervisor, admin };
std::string_view to_string(Role role);
bool parse_role(std::string_view text, Role& out);

struct Official {
    std::string id;
    std::string name;  // stored NFC
    Role role = Role::official;
    bool active = true;
};

struct VoidRecord {
    std::string rating_id;
    std::string reason;
    std::string actor;  // official id of the supervisor
    UtcMillis voided_utc = 0;
};

struct AuditEntry {
    std::int64_t seq = 0;
    UtcMillis at_utc = 0;
    std::string actor;    // official id, "cli", "system"
    std::string action;   // "signin_ok", "signin_failed", "signout", "void", "paper_entry",
                          // "export", "exit", "officer_add", ...
    std::string subject;  // rating id, official id, file name...
    std::string detail;
};

enum class OutboxKind { rating, void_record };
enum class OutboxState { pending, delivered, quarantined };

struct OutboxItem {
    std::int64_t seq = 0;  // outbox order
    OutboxKind kind = OutboxKind::rating;
    std::string ref_id;   // rating id (for a void: the voided rating's id)
    std::string payload;  // canonical JSON of the rating or of the void record
    int attempts = 0;
};

struct QuarantinedItem {
    OutboxItem item;
    std::string reason;  // the server's words
    UtcMillis quarantined_utc = 0;
};

struct StoreCounts {
    std::int64_t ratings_total = 0;  // including voided
    std::int64_t voided = 0;
    std::int64_t pending_upload = 0;
    std::int64_t quarantined = 0;
};

// Inclusive local-date range; empty official_id means every official (and none).
// An empty from_date or to_date leaves that end open; official_id "" selects the ratings made
// with nobody signed in. A date that is not YYYY-MM-DD, or to before from, throws invalid.
struct RatingFilter {
    std::string from_date;  // YYYY-MM-DD
    std::string to_date;
    std::optional<std::string> official_id;
};

struct StageChannelCount {
    Stage stage = Stage::intake;
    Channel channel = Channel::kiosk;
    std::int64_t ratings = 0;
};

struct AnswerCount {
    std::string question_id;
    std::string option_id;
    std::string indicator;
    std::optional<int> points;
    std::int64_t count = 0;
};

// Everything a tally or report needs about a set of non-voided ratings.
struct Aggregates {
    std::int64_t ratings = 0;
    std::int64_t voided = 0;  // voided ratings in the same range (not in any other figure)
    std::vector<StageChannelCount> by_stage_channel;
    std::vector<AnswerCount> answers;               // per question and option
    std::map<std::string, PointsTally> indicators;  // points answers only, by indicator
};

struct OpenOptions {
    bool create = true;  // create the file and schema when missing
    int busy_timeout_ms = 5000;
    // PRAGMA quick_check at open. Off by default: it reads the whole file (seconds on years of
    // data), which the kiosk's start-up must not wait for. SQLite's WAL recovery keeps a crash
    // consistent without it; damage is found by `motcua check` (integrity_check, run daily) and,
    // when a read meets a damaged page, by that read failing with StoreErrorKind::corrupt.
    bool quick_check = false;
    // Commits never copy pages from the WAL into the database file (SQLite's automatic
    // checkpoint, which otherwise lands on whichever commit crosses 1000 pages: with a dozen
    // pages per saved rating, the slowest one save in a hundred). The owner calls
    // checkpoint_if_due() when nobody is waiting, e.g. the kiosk once the thank-you screen is
    // shown. A WAL that still reaches kDeferredCheckpointLimitPages is checkpointed by the commit
    // that crosses it, so a store whose owner never calls stays bounded.
    bool deferred_checkpoints = false;
};

class Store {
  public:
    //-------------------------------------------------------------------------
    // [SECTION] Opening and schema
    //-------------------------------------------------------------------------

    static constexpr int kSchemaVersion = 3;
    // With OpenOptions::deferred_checkpoints: checkpoint_if_due() acts from this many pages in
    // the WAL (SQLite's own automatic threshold), a commit checkpoints from the limit (64 MB of
    // 4 KiB pages).
    static constexpr int kCheckpointPages = 1000;
    static constexpr int kDeferredCheckpointLimitPages = 16384;

    // Opens `path`, applies WAL, synchronous=FULL, foreign_keys and busy_timeout, runs
    // quick_check only when options.quick_check, and migrates an older schema inside one
    // transaction. Reads only the header and the schema pages, so it costs the same on any size
    // of database. Throws StoreError: cannot_open, corrupt (not a database, a damaged header
    // or schema, or quick_check findings: the file is left untouched), newer_schema
    // (user_version above kSchemaVersion).
    explicit Store(const std::filesystem::path& path, const OpenOptions& options = {});
    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::filesystem::path& path() const;
    int schema_version();
    // PRAGMA integrity_check: empty when healthy, else SQLite's findings (or, when the damage
    // stops the check itself, the error saying so).
    std::vector<std::string> integrity_check();
    // Limits the file to `pages` pages (for disk-full tests and drills).
    void set_max_page_count(std::int64_t pages);
    // Bytes of the file in pages no table uses: freed by deletes (delivered outbox rows) and by
    // a migration that drops old tables. SQLite reuses them; only compact() gives them back.
    std::int64_t free_bytes();
    // VACUUM: rewrites the file without its free pages, the data unchanged. Needs free disk space
    // about the file's size (SQLite writes a temporary copy first) and no other connection in a
    // transaction. Returns with the file at its new size (the WAL checkpointed and truncated).
    // Throws disk_full, busy or io with the file as it was.
    void compact();
    // Copies the pages committed since the last checkpoint from the WAL into the database file
    // when there are at least kCheckpointPages of them (seen by this connection's commits), then
    // commits one small write (state 'storage.idle_checkpoints', a count) so the WAL starts
    // again from its beginning now rather than in the next save; the WAL file keeps its size.
    // Never waits for other connections' readers: pages a reader still needs stay in the WAL
    // for the next call. Returns true when every page was copied, false when not due or not
    // complete. Only useful with OpenOptions::deferred_checkpoints (otherwise SQLite does it at
    // commit). Throws io_error, disk_full or busy; the WAL keeps every committed page either
    // way.
    bool checkpoint_if_due();

    //-------------------------------------------------------------------------
    // [SECTION] Ratings
    //-------------------------------------------------------------------------

    // Saves one rating and its outbox row in one BEGIN IMMEDIATE transaction; returns only
    // after COMMIT. Assigns rating.sequence (strictly increasing) and returns the stored rating.
    // Requires a UUID id, a non-empty dossier code, form id and version, created_utc and a
    // local_date; throws invalid otherwise. Throws duplicate_rating when this dossier already
    // has a non-voided rating at this stage, duplicate_id when the id exists (a retry of the
    // same rating after an uncertain failure: check with find_rating). Disk full, I/O errors
    // and busy throw their kinds, with the transaction rolled back.
    // A created_utc more than 2 minutes before the previous saved rating's (a clock that jumped
    // back) is saved all the same and recorded in the same transaction: state
    // "clock.back_jump_utc" (the new time, ISO 8601 UTC) and an audit entry (actor "system",
    // action "clock_back", subject the rating id, detail "from <iso> to <iso>").
    Rating save_rating(Rating rating);

    // The same rules for many ratings in one transaction: all are saved or none (the first
    // failure throws). For paper-form imports and demo data.
    void save_ratings(std::span<Rating> ratings);

    std::optional<Rating> find_rating(const std::string& id);
    // The non-voided rating of a dossier at a stage, if any.
    std::optional<Rating> find_rating_for_dossier(const std::string& dossier_code, Stage stage);
    // True when the dossier has a non-voided rating at this stage (one index lookup; for the
    // kiosk to refuse a second rating before the citizen starts answering).
    bool is_rated(const std::string& dossier_code, Stage stage);
    // Non-voided ratings with local_date in the filter's range, by sequence; at most `limit`.
    // (Here and in every list below, a negative limit throws invalid.)
    std::vector<Rating> list_ratings(const RatingFilter& filter, std::int64_t limit = 1000000);

    //-------------------------------------------------------------------------
    // [SECTION] Voids
    //-------------------------------------------------------------------------

    // Voids a rating: it stays stored, leaves every tally, frees its dossier and stage for a new
    // rating, and gets a void record, an outbox row and an audit entry, all in one transaction.
    // Throws not_found, or invalid when already voided or the reason is blank.
    // Also invalid: a blank actor, text that is not UTF-8, or `at` not set (<= 0).
    void void_rating(const std::string& rating_id, const std::string& reason,
                     const std::string& actor, UtcMillis at);
    std::optional<VoidRecord> find_void(const std::string& rating_id);

    //-------------------------------------------------------------------------
    // [SECTION] Officials
    //-------------------------------------------------------------------------

    // Adds an official with an Argon2id hash of `pin` (4 to 12 digits, else invalid).
    // Throws duplicate_id when the id exists.
    // The id is 1 to 64 letters, digits, '.', '_' or '-' and the name must not be blank (else
    // invalid). The hash (about 64 MiB of memory) is computed before the write lock is taken.
    void add_official(const Official& official, const std::string& pin);
    std::vector<Official> list_officials();
    std::optional<Official> find_official(const std::string& id);
    // Throws not_found.
    void set_official_active(const std::string& id, bool active);
    // Throws not_found, or invalid for a PIN that is not 4 to 12 digits.
    void set_pin(const std::string& id, const std::string& pin);
    // The official when `id` is active and `pin` matches its hash; nullopt otherwise (unknown
    // id, inactive, wrong PIN: the caller cannot tell which). Lockout is the caller's policy.
    std::optional<Official> check_pin(const std::string& id, const std::string& pin);

    //-------------------------------------------------------------------------
    // [SECTION] Audit log
    //-------------------------------------------------------------------------

    // Appends an entry in its own transaction. Entries are never updated or deleted.
    // (Triggers refuse UPDATE and DELETE on the table.) A blank actor or action throws invalid.
    void append_audit(const AuditEntry& entry);
    // Entries with at_utc in [from, to), newest first, at most `limit`.
    std::vector<AuditEntry> list_audit(UtcMillis from, UtcMillis to, std::int64_t limit = 1000);

    //-------------------------------------------------------------------------
    // [SECTION] Outbox (upload queue)
    //-------------------------------------------------------------------------

    // Up to `limit` pending items in outbox order (ratings before their voids).
    std::vector<OutboxItem> pending_items(std::int64_t limit);
    // The same, only items with a seq greater than `after_seq`: the uploader reads the next
    // batch while the previous one, still pending, waits for the server's answer.
    std::vector<OutboxItem> pending_items_after(std::int64_t after_seq, std::int64_t limit);
    // The server acknowledged these (accepted or identical duplicate). Unknown seqs are ignored.
    void mark_delivered(std::span<const std::int64_t> seqs, UtcMillis at);
    // The server refused this item for good (conflict / rejected): keep it, stop sending it.
    // Throws not_found for an unknown seq, invalid when it was already delivered or the reason
    // is blank.
    void mark_quarantined(std::int64_t seq, const std::string& reason, UtcMillis at);
    // Counts a failed attempt for these items (transport or server failure).
    // Only pending items count; unknown seqs are ignored.
    void note_attempt(std::span<const std::int64_t> seqs);
    std::vector<QuarantinedItem> list_quarantined(std::int64_t limit = 1000);
    // Returns a quarantined item to the queue (after staff fixed the cause).
    // Attempts restart at 0. Throws not_found for an unknown seq, invalid when not quarantined.
    void requeue(std::int64_t seq);
    // created_utc of the oldest pending item, if any.
    // (A rating's created_utc; a void's voided_utc.)
    std::optional<UtcMillis> oldest_pending_utc();

    StoreCounts counts();

    //-------------------------------------------------------------------------
    // [SECTION] Key-value state
    //-------------------------------------------------------------------------

    // Small durable settings and status: "sync.last_success_utc", "sync.last_error",
    // "staff.failed_pins", "staff.locked_until_utc", ... Each set is its own transaction.
    std::optional<std::string> get_state(const std::string& key);
    void set_state(const std::string& key, const std::string& value);

    //-------------------------------------------------------------------------
    // [SECTION] Tallies
    //-------------------------------------------------------------------------

    // Figures for the non-voided ratings in the filter. Reads per-day rollups kept in the same
    // transaction as each save and void, so the cost grows with the number of days asked for,
    // not with the size of the database.
    // Whole calendar months in the range are read from per-month rollups, the days around
    // them from the per-day ones. Officials whose ratings in the range were all voided still
    // appear (ratings 0, voided > 0).
    Aggregates aggregate(const RatingFilter& filter);
    // The same, one entry per official id ("" for ratings made with nobody signed in).
    std::map<std::string, Aggregates> aggregate_by_official(const RatingFilter& filter);

  private:
    friend class RatingBulkSave;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

//-----------------------------------------------------------------------------
// [SECTION] Bulk saving
//-----------------------------------------------------------------------------

// Saves many ratings (demo data, large imports) with exactly the rules and stored rows of
// Store::save_rating: the same checks, dossier claims, outbox rows, day and month rollups and
// row bytes. The statements are prepared once, and every rating added until commit() is
// in one BEGIN IMMEDIATE transaction, so a million ratings cost a few commits, not a million.
// While a transaction is open it holds the write lock: other writers wait (busy_timeout).
// Use the Store for nothing else while this object lives.
class RatingBulkSave {
  public:
    explicit RatingBulkSave(Store& store);
    // Rolls back whatever was added since the last commit().
    ~RatingBulkSave();
    RatingBulkSave(const RatingBulkSave&) = delete;
    RatingBulkSave& operator=(const RatingBulkSave&) = delete;

    // Checks and writes one rating inside the open transaction (beginning one when none is
    // open: a busy database throws busy here), assigning rating.sequence. Throws what
    // save_rating throws; then every rating added since the last commit() is rolled back and
    // none of them is saved, and the next add() starts afresh.
    void add(Rating& rating);
    // COMMIT: every rating added so far is durable when this returns. Nothing to commit is a
    // no-op. On failure (disk full, I/O) it throws and the uncommitted ratings are rolled back.
    void commit();
    // Ratings added since the last commit().
    std::int64_t uncommitted() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace motcua
