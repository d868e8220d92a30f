#pragma once
// Rollups (schema version 3): the counts every tally reads, one row of `rollups` per day and
// official (day 1-31) and per calendar month and official (day kMonthRow, after the days),
// keyed (month, official, day): the kiosk saves today's ratings, whose day row is the newest
// of its month, so it sits right before the month row, on the same leaf page. A row's counts are
// one blob (encode_rollup_counts). They change in the same transaction as each save and void, so
// they always equal a recount of the ratings table.
//
// [SECTION] Counts and their blob
// [SECTION] Changes of one transaction
// [SECTION] Reading

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/rating.hpp"
#include "storage/rating_rows.hpp"
#include "storage/sqlite_util.hpp"

namespace motcua::sqlite {

//-----------------------------------------------------------------------------
// [SECTION] Counts and their blob
//-----------------------------------------------------------------------------

// The counts of one rollup row (or a change to them, or a sum of rows).
struct RollupCounts {
    static constexpr int kStages = 4;               // storage_detail::stage_number
    static constexpr int kChannels = 2;             // storage_detail::channel_number
    std::int64_t ratings[kStages][kChannels] = {};  // non-voided ratings
    std::int64_t voided[kStages][kChannels] = {};
    std::vector<std::int64_t> answers;  // per choice id (storage/rating_rows.hpp)

    void merge(const RollupCounts& other);
    // Adds `count` to the answer count of `choice`, growing `answers` to reach it.
    void add_answer(std::size_t choice, std::int64_t count);
    bool has_negative() const;
};

// The blob of a rollup row: unsigned LEB128 numbers, the 8 rating counts and 8 voided counts
// (stage-major, channel-minor), then (choice id, count) for every non-zero answer count in
// increasing choice id. Counts must not be negative.
std::string encode_rollup_counts(const RollupCounts& counts);
// Throws StoreError corrupt (naming `doing`) for a blob encode_rollup_counts cannot have made.
RollupCounts decode_rollup_counts(const Connection& db, std::string_view blob,
                                  std::string_view doing);

// The `day` of a month's own row: after every day of it.
inline constexpr int kMonthRow = 32;

// A row's primary key: (month, official label id, day); day kMonthRow is the month's row.
using RollupKey = std::tuple<std::int64_t, std::int64_t, int>;

// A calendar month as stored: year * 12 + (month - 1), from a "YYYY-MM-DD" date.
std::int64_t rollup_month(const std::string& date);
// The day of the month (1-31) of a "YYYY-MM-DD" date.
int rollup_day(const std::string& date);

//-----------------------------------------------------------------------------
// [SECTION] Changes of one transaction
//-----------------------------------------------------------------------------

// The changes one transaction makes to the rollups, summed in memory per day and official
// (month rows are summed from the days when written), so a bulk import of thousands of ratings
// touches each rollup row once.
class RollupDelta {
  public:
    // A rating saved: +1 rating and +1 for each of its answers (choice_ids[i] is answer i's).
    void add_saved(const Rating& rating, std::span<const std::int64_t> choice_ids);
    // A rating voided: -1 rating, +1 voided, and -1 for each of its answers.
    void add_voided(const Rating& rating, std::span<const std::int64_t> choice_ids);

  private:
    friend class RollupWriter;
    // (month, day, official id)
    using DayKey = std::tuple<std::int64_t, int, std::string>;

    void add(const Rating& rating, std::span<const std::int64_t> choice_ids, std::int64_t sign,
             std::int64_t voided);

    std::map<DayKey, RollupCounts> days_;
};

// Writes RollupDeltas with statements prepared once per connection.
class RollupWriter {
  public:
    explicit RollupWriter(Connection& db);
    // Adds every changed row's delta to its stored counts; call inside the transaction, before
    // COMMIT. Throws StoreError corrupt when a count would go below zero (the rollups no longer
    // match the ratings).
    void apply(const RollupDelta& delta, storage_detail::Dictionary& dictionary);

  private:
    void write(const RollupKey& key, const RollupCounts& change);

    Connection& db_;
    Statement read_;
    Statement write_;
};

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------

// Every rating counted by the rollups, voided or not, and the voided ones: the sums of the day
// rows (tallies of whole months read the month rows, so `motcua check` comparing the two
// finds rows that disagree).
struct RollupTotals {
    std::int64_t ratings = 0;
    std::int64_t voided = 0;
};
RollupTotals read_rollup_totals(Connection& db, std::string_view doing);

}  // namespace motcua::sqlite
