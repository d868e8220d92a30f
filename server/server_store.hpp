#pragma once
// What the provincial server keeps, behind an interface so that a PostgreSQL backend can follow
// the SQLite one (docs/server.md says what that takes). Implementations must make each batch
// one transaction and enforce idempotency with unique constraints, not look-up-then-insert.
//
// [SECTION] Errors
// [SECTION] Kiosks
// [SECTION] Batches
// [SECTION] Units and agency scores
// [SECTION] Figures
// [SECTION] The interface

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/rating.hpp"
#include "core/scoring.hpp"
#include "sync/protocol.hpp"

namespace motcua::server {

//-----------------------------------------------------------------------------
// [SECTION] Errors
//-----------------------------------------------------------------------------

enum class ServerStoreErrorKind { duplicate, not_found, invalid, unavailable };

// what() is an English sentence for the operator's log and the admin CLI.
class ServerStoreError : public std::runtime_error {
  public:
    ServerStoreError(ServerStoreErrorKind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}
    ServerStoreErrorKind kind() const { return kind_; }

  private:
    ServerStoreErrorKind kind_;
};

//-----------------------------------------------------------------------------
// [SECTION] Kiosks
//-----------------------------------------------------------------------------

struct KioskRecord {
    std::string kiosk_id;
    std::string unit_code;
    std::string token_hash;  // hash_token() of the kiosk's token
    UtcMillis created_utc = 0;
    std::optional<UtcMillis> revoked_utc;
    std::optional<UtcMillis> last_contact_utc;  // last batch or heartbeat it sent
    std::optional<UtcMillis> last_heartbeat_utc;
    std::string last_heartbeat;  // the heartbeat's JSON as received; "" before the first
};

//-----------------------------------------------------------------------------
// [SECTION] Batches
//-----------------------------------------------------------------------------

struct IncomingRating {
    Rating rating;
    std::string content;  // rating_to_json(rating).dump(): compared for duplicate vs conflict
};

struct IncomingVoid {
    std::string rating_id;
    std::string reason;
    std::string actor;
    UtcMillis voided_utc = 0;
    std::string content;  // canonical JSON of the void record
};

// One item of a batch after the API validated it: exactly one of rating, void_record or a
// rejection (which is answered and counted, and stores nothing).
struct IncomingItem {
    std::int64_t seq = 0;
    std::optional<IncomingRating> rating;
    std::optional<IncomingVoid> void_record;
    std::string rejection;
};

struct ItemOutcome {
    std::int64_t seq = 0;
    protocol::ItemStatus status = protocol::ItemStatus::rejected;
    std::string reason;  // for conflict and rejected
};

//-----------------------------------------------------------------------------
// [SECTION] Units and agency scores
//-----------------------------------------------------------------------------

struct UnitInfo {
    std::string unit_code;
    std::string name;  // e.g. "Sở Tư pháp"; the code when not set
    std::string group;  // e.g. "I. Các cơ quan chuyên môn thuộc UBND tỉnh"; groups sort by it
};

// A score the agency enters for a unit, indicator and period (inclusive local dates).
struct UnitScore {
    std::string unit_code;
    std::string period_from;
    std::string period_to;
    std::string indicator;
    double score = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Figures
//-----------------------------------------------------------------------------

struct ServerStats {
    std::int64_t ratings = 0;  // stored, including voided
    std::int64_t voided = 0;
    std::int64_t batches = 0;  // batches answered
    std::int64_t accepted = 0;
    std::int64_t duplicates_answered = 0;
    std::int64_t conflicts = 0;
    std::int64_t rejected = 0;
    std::vector<KioskRecord> kiosks;
};

// The points of the non-voided ratings of one unit in a date range.
struct UnitTallies {
    std::int64_t ratings = 0;
    std::map<std::string, PointsTally> indicators;  // by indicator id, points answers only
    // By official id (ratings made with nobody signed in are left out).
    std::map<std::string, std::map<std::string, PointsTally>> officials;
};

//-----------------------------------------------------------------------------
// [SECTION] The interface
//-----------------------------------------------------------------------------

class ServerStore {
  public:
    virtual ~ServerStore() = default;

    // Registers a kiosk. Throws duplicate when the id exists (revoked or not).
    virtual void add_kiosk(const KioskRecord& kiosk) = 0;
    virtual std::optional<KioskRecord> find_kiosk(const std::string& kiosk_id) = 0;
    virtual std::vector<KioskRecord> list_kiosks() = 0;
    // Revokes a kiosk's token for good. Throws not_found; revoking twice keeps the first time.
    virtual void revoke_kiosk(const std::string& kiosk_id, UtcMillis at) = 0;
    // Keeps the latest heartbeat (validated JSON) and counts it as contact.
    virtual void record_heartbeat(const std::string& kiosk_id, const std::string& heartbeat_json,
                                  UtcMillis at) = 0;

    // Stores a batch from `kiosk_id` in one transaction and answers every item, in order:
    // a new rating or void is accepted; the same id with identical content is a duplicate;
    // the same id with other content, or a dossier and stage already rated (not voided) is a
    // conflict; a rejection is answered as rejected. Items are applied in order, so a rating
    // and its void may travel in one batch. Counts the answers and the kiosk's contact.
    // Throws unavailable when the database fails (then nothing of the batch is stored).
    virtual std::vector<ItemOutcome> store_batch(const std::string& kiosk_id,
                                                 const std::vector<IncomingItem>& items,
                                                 UtcMillis received) = 0;

    virtual ServerStats stats() = 0;
    // Ids of the ratings received from a kiosk, sorted (for audits and tests).
    virtual std::vector<std::string> rating_ids(const std::string& kiosk_id) = 0;

    // Names a unit and its group in reports (insert or replace).
    virtual void set_unit(const UnitInfo& unit) = 0;
    virtual std::vector<UnitInfo> list_units() = 0;
    // Enters or replaces an agency score for a unit, period and indicator.
    virtual void set_unit_score(const UnitScore& score) = 0;
    // Agency scores entered for exactly this period.
    virtual std::vector<UnitScore> unit_scores(const std::string& from, const std::string& to) = 0;
    // Tallies by unit code of the non-voided ratings with local_date in [from, to].
    virtual std::map<std::string, UnitTallies> tallies(const std::string& from,
                                                       const std::string& to) = 0;
};

struct ServerStoreOptions {
    bool create = true;  // create the file and schema when missing
    int busy_timeout_ms = 5000;
};

// The SQLite implementation: one file in WAL mode with synchronous=FULL. Throws
// ServerStoreError(unavailable) when the file cannot be opened or is not a motcua server database.
std::unique_ptr<ServerStore> open_sqlite_server_store(const std::filesystem::path& path,
                                                      const ServerStoreOptions& options = {});

}  // namespace motcua::server
