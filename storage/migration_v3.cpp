// Schema version 2 -> 3, the C++ part (storage/schema.cpp has the SQL part). Runs inside the
// migration's transaction: any problem throws, and the version 2 file is left as it was.
//
// Each row of the four version 1 rollup tables is added into `rollups` under the same period
// and official: day_* rows as day rows, month_* rows as month rows (day kMonthRow), so every tally
// reads exactly the counts it read before. Texts become ids: officials into `labels`, answers
// into `choices` (added when a rollup names one no stored rating has).

#include <map>

#include "core/clock.hpp"
#include "core/form.hpp"
#include "storage/rollups.hpp"
#include "storage/schema.hpp"

namespace motcua::sqlite {

namespace {

constexpr std::string_view kDoing = "migrating the schema to version 3";

[[noreturn]] void refuse(Connection& db, const std::string& problem) {
    db.fail(StoreErrorKind::corrupt, kDoing,
            problem + "; nothing was migrated and the version 2 file is unchanged");
}

// `period` is "YYYY-MM-DD" in day tables, "YYYY-MM" in month tables.
RollupKey row_key(Connection& db, const std::string& table, const std::string& period,
                  std::int64_t official) {
    const bool month = table.starts_with("month_");
    const std::string date = month ? period + "-01" : period;
    if (!is_valid_date(date) || (month && period.size() != 7)) {
        refuse(db, table + " has a row for '" + period + "', not a " +
                       (month ? "month YYYY-MM" : "date YYYY-MM-DD"));
    }
    return RollupKey{rollup_month(date), official, month ? kMonthRow : rollup_day(date)};
}

std::int64_t checked_count(Connection& db, const std::string& table, std::int64_t count) {
    if (count < 0) {
        refuse(db, table + " has a negative count (" + std::to_string(count) + ")");
    }
    return count;
}

void read_counts(Connection& db, const std::string& table, const std::string& period,
                 std::map<RollupKey, RollupCounts>& rows) {
    Statement read(db,
                   "SELECT t." + period + ", l.id, t.stage, t.channel, t.ratings, t.voided FROM " +
                       table + " t JOIN labels l ON l.text = t.official_id",
                   kDoing);
    std::int64_t read_rows = 0;
    while (read.step()) {
        Stage stage = Stage::intake;
        Channel channel = Channel::kiosk;
        if (!parse_stage(read.text(2), stage) || !parse_channel(read.text(3), channel)) {
            refuse(db, table + " names an unknown stage or channel ('" + read.text(2) + "', '" +
                           read.text(3) + "')");
        }
        RollupCounts& counts = rows[row_key(db, table, read.text(0), read.int64(1))];
        const int s = storage_detail::stage_number(stage);
        const int c = storage_detail::channel_number(channel);
        counts.ratings[s][c] += checked_count(db, table, read.int64(4));
        counts.voided[s][c] += checked_count(db, table, read.int64(5));
        ++read_rows;
    }
    if (read_rows != db.query_int("SELECT count(*) FROM " + table, kDoing)) {
        refuse(db, table + " has rows whose official could not be converted");
    }
}

void read_answers(Connection& db, const std::string& table, const std::string& period,
                  std::map<RollupKey, RollupCounts>& rows) {
    Statement read(db,
                   "SELECT t." + period + ", l.id, c.id, t.count FROM " + table +
                       " t JOIN labels l ON l.text = t.official_id JOIN choices c ON "
                       "c.question_id = t.question_id AND c.option_id = t.option_id AND "
                       "c.indicator = t.indicator AND "
                       "c.points = CASE WHEN t.has_points THEN t.points ELSE -1 END",
                   kDoing);
    std::int64_t read_rows = 0;
    while (read.step()) {
        RollupCounts& counts = rows[row_key(db, table, read.text(0), read.int64(1))];
        counts.add_answer(static_cast<std::size_t>(read.int64(2)),
                          checked_count(db, table, read.int64(3)));
        ++read_rows;
    }
    if (read_rows != db.query_int("SELECT count(*) FROM " + table, kDoing)) {
        refuse(db, table + " has rows whose official or answer could not be converted");
    }
}

}  // namespace

void move_rollups_to_v3(Connection& db) {
    db.exec(
        "INSERT OR IGNORE INTO labels (text) SELECT official_id FROM day_ratings "
        "UNION SELECT official_id FROM day_answers UNION SELECT official_id FROM month_ratings "
        "UNION SELECT official_id FROM month_answers;"
        "INSERT OR IGNORE INTO choices (question_id, option_id, indicator, points) "
        "SELECT question_id, option_id, indicator, CASE WHEN has_points THEN points ELSE -1 END "
        "FROM day_answers UNION "
        "SELECT question_id, option_id, indicator, CASE WHEN has_points THEN points ELSE -1 END "
        "FROM month_answers",
        kDoing);
    std::map<RollupKey, RollupCounts> rows;
    read_counts(db, "day_ratings", "local_date", rows);
    read_counts(db, "month_ratings", "month", rows);
    read_answers(db, "day_answers", "local_date", rows);
    read_answers(db, "month_answers", "month", rows);
    Statement insert(
        db, "INSERT INTO rollups (month, official, day, counts) VALUES (?1, ?2, ?3, ?4)", kDoing);
    for (const auto& [key, counts] : rows) {
        const auto& [month, official, day] = key;
        insert.bind(1, month).bind(2, official).bind(3, day);
        insert.bind_blob(4, encode_rollup_counts(counts)).run();
    }
    db.exec(
        "DROP TABLE day_ratings; DROP TABLE day_answers; DROP TABLE month_ratings; "
        "DROP TABLE month_answers",
        kDoing);
}

}  // namespace motcua::sqlite
