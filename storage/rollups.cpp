#include "storage/rollups.hpp"

namespace motcua::sqlite {

void RollupDelta::add_saved(const Rating& rating) {
    add(days_, rating.local_date, rating, +1, 0);
    add(months_, rating.local_date.substr(0, 7), rating, +1, 0);
}

void RollupDelta::add_voided(const Rating& rating) {
    add(days_, rating.local_date, rating, -1, +1);
    add(months_, rating.local_date.substr(0, 7), rating, -1, +1);
}

void RollupDelta::add(Changes& changes, const std::string& period, const Rating& rating,
                      std::int64_t sign, std::int64_t voided) {
    CountChange& count =
        changes.counts[CountKey{period, rating.official_id, std::string(to_string(rating.stage)),
                                std::string(to_string(rating.channel))}];
    count.ratings += sign;
    count.voided += voided;
    for (const Answer& answer : rating.answers) {
        changes.answers[AnswerKey{period, rating.official_id, answer.question_id, answer.option_id,
                                  answer.indicator, answer.points.has_value(),
                                  answer.points.value_or(0)}] += sign;
    }
}

void RollupDelta::apply(Connection& db) const {
    write(db, days_, "day_ratings", "day_answers", "local_date");
    write(db, months_, "month_ratings", "month_answers", "month");
}

void RollupDelta::write(Connection& db, const Changes& changes, const std::string& ratings_table,
                        const std::string& answers_table, const std::string& period_column) {
    Statement count(db,
                    "INSERT INTO " + ratings_table + " (" + period_column +
                        ", official_id, stage, channel, ratings, voided) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (" +
                        period_column +
                        ", official_id, stage, channel) DO UPDATE SET "
                        "ratings = ratings + excluded.ratings, voided = voided + excluded.voided",
                    "updating the rating counts");
    for (const auto& [key, change] : changes.counts) {
        const auto& [period, official, stage, channel] = key;
        count.bind(1, period).bind(2, official).bind(3, stage).bind(4, channel);
        count.bind(5, change.ratings).bind(6, change.voided).run();
    }
    Statement answer(db,
                     "INSERT INTO " + answers_table + " (" + period_column +
                         ", official_id, question_id, option_id, indicator, has_points, points, "
                         "count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (" +
                         period_column +
                         ", official_id, question_id, option_id, indicator, has_points, points) "
                         "DO UPDATE SET count = count + excluded.count",
                     "updating the answer counts");
    for (const auto& [key, delta] : changes.answers) {
        const auto& [period, official, question, option, indicator, has_points, points] = key;
        answer.bind(1, period).bind(2, official).bind(3, question).bind(4, option);
        answer.bind(5, indicator).bind(6, has_points ? 1 : 0).bind(7, points);
        answer.bind(8, delta).run();
    }
}

}  // namespace motcua::sqlite
