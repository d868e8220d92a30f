#pragma once
// Rollups: the counts every tally reads, per day (day_ratings, day_answers) and per calendar
// month (month_ratings, month_answers), changed in the same transaction as each save and void
// so they always equal a recount of the ratings table.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/rating.hpp"
#include "storage/rating_rows.hpp"
#include "storage/sqlite_util.hpp"

namespace motcua::sqlite {

// The changes one transaction makes to the rollups, summed in memory per day and official
// (months are summed from the days when written), so a bulk import of thousands of ratings
// touches each rollup row once. Answers are keyed by their choice id (storage/rating_rows.hpp),
// a small integer, instead of four texts.
class RollupDelta {
  public:
    // A rating saved: +1 rating and +1 for each of its answers (choice_ids[i] is answer i's).
    void add_saved(const Rating& rating, std::span<const std::int64_t> choice_ids);
    // A rating voided: -1 rating, +1 voided, and -1 for each of its answers.
    void add_voided(const Rating& rating, std::span<const std::int64_t> choice_ids);

  private:
    friend class RollupWriter;
    static constexpr int kStages = 4;
    static constexpr int kChannels = 2;
    struct Group {
        std::int64_t ratings[kStages][kChannels] = {};
        std::int64_t voided[kStages][kChannels] = {};
        std::vector<std::int64_t> answers;  // change per choice id
        void merge(const Group& other);
    };
    // (local date or month, official id)
    using GroupKey = std::pair<std::string, std::string>;

    void add(const Rating& rating, std::span<const std::int64_t> choice_ids, std::int64_t sign,
             std::int64_t voided);

    std::map<GroupKey, Group> days_;
};

// Writes RollupDeltas with statements prepared once per connection.
class RollupWriter {
  public:
    explicit RollupWriter(Connection& db);
    // Upserts every changed row; call inside the transaction, before COMMIT.
    void apply(const RollupDelta& delta, storage_detail::Dictionary& dictionary);

  private:
    struct Statements {
        Statement count;
        Statement answer;
    };
    void write(Statements& statements, const std::map<RollupDelta::GroupKey, RollupDelta::Group>&,
               storage_detail::Dictionary& dictionary);

    Statements days_;
    Statements months_;
};

}  // namespace motcua::sqlite
