#pragma once
// Rollups: the counts every tally reads, per day (day_ratings, day_answers) and per calendar
// month (month_ratings, month_answers), changed in the same transaction as each save and void
// so they always equal a recount of the ratings table.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "core/rating.hpp"
#include "storage/sqlite_util.hpp"

namespace motcua::sqlite {

// The changes one transaction makes to the rollups, summed in memory and written once per key
// (a bulk import of thousands of ratings touches each day's rows once, not once per rating).
class RollupDelta {
  public:
    // A rating saved: +1 rating and +1 for each of its answers.
    void add_saved(const Rating& rating);
    // A rating voided: -1 rating, +1 voided, and -1 for each of its answers.
    void add_voided(const Rating& rating);
    // Upserts every changed row; call inside the transaction, before COMMIT.
    void apply(Connection& db) const;

  private:
    // (period, official, stage, channel) and
    // (period, official, question, option, indicator, has points, points).
    using CountKey = std::tuple<std::string, std::string, std::string, std::string>;
    using AnswerKey =
        std::tuple<std::string, std::string, std::string, std::string, std::string, bool, int>;
    struct CountChange {
        std::int64_t ratings = 0;
        std::int64_t voided = 0;
    };
    struct Changes {
        std::map<CountKey, CountChange> counts;
        std::map<AnswerKey, std::int64_t> answers;
    };

    static void add(Changes& changes, const std::string& period, const Rating& rating,
                    std::int64_t sign, std::int64_t voided);
    static void write(Connection& db, const Changes& changes, const std::string& ratings_table,
                      const std::string& answers_table, const std::string& period_column);

    Changes days_;
    Changes months_;
};

}  // namespace motcua::sqlite
