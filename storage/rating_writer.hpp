#pragma once
// Writing ratings inside the caller's transaction, with statements prepared once per Store and
// kept across saves. Used by Store::save_rating, Store::save_ratings and RatingBulkSave.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/rating.hpp"
#include "storage/rating_rows.hpp"
#include "storage/rollups.hpp"
#include "storage/sqlite_util.hpp"

namespace motcua::storage_detail {

// A clock that jumps back by more than this between two saved ratings is recorded.
inline constexpr std::int64_t kClockBackJumpMillis = 2 * 60 * 1000;

// The SELECT that finds the non-voided rating holding a dossier and stage (?1 dossier code,
// ?2 stage number) in `claims`, giving its kRatingColumns.
std::string claim_query();

class RatingWriter {
  public:
    RatingWriter(sqlite::Connection& db, Dictionary& dictionary);

    // Call at the start of each transaction (under the write lock): the next sequence follows
    // the last stored one, and the clock check compares with that rating's created_utc.
    void start_transaction();

    // Checks the rating (the rules of rating_from_json), assigns the next sequence and writes
    // its row and outbox row; adds its answers to `rollups`. A created_utc more than
    // kClockBackJumpMillis before the previous rating's is saved too, and recorded (state
    // "clock.back_jump_utc" and an audit entry "clock_back"). Throws StoreError invalid,
    // duplicate_id or duplicate_rating.
    void save(Rating& rating, sqlite::RollupDelta& rollups);

  private:
    [[noreturn]] void refuse_second_rating(const Rating& rating);
    void record_clock_back(const Rating& rating);

    sqlite::Connection& db_;
    Dictionary& dictionary_;
    sqlite::Statement insert_rating_;
    sqlite::Statement last_rating_;
    sqlite::Statement insert_claim_;
    sqlite::Statement insert_outbox_;
    std::int64_t next_sequence_ = 0;
    std::optional<std::int64_t> previous_created_utc_;
    std::vector<std::int64_t> choice_ids_;
};

}  // namespace motcua::storage_detail
