#include "storage/rollups.hpp"

namespace motcua::sqlite {

void RollupDelta::Group::merge(const Group& other) {
    for (int stage = 0; stage < kStages; ++stage) {
        for (int channel = 0; channel < kChannels; ++channel) {
            ratings[stage][channel] += other.ratings[stage][channel];
            voided[stage][channel] += other.voided[stage][channel];
        }
    }
    if (answers.size() < other.answers.size()) {
        answers.resize(other.answers.size());
    }
    for (std::size_t choice = 0; choice < other.answers.size(); ++choice) {
        answers[choice] += other.answers[choice];
    }
}

void RollupDelta::add_saved(const Rating& rating, std::span<const std::int64_t> choice_ids) {
    add(rating, choice_ids, +1, 0);
}

void RollupDelta::add_voided(const Rating& rating, std::span<const std::int64_t> choice_ids) {
    add(rating, choice_ids, -1, +1);
}

void RollupDelta::add(const Rating& rating, std::span<const std::int64_t> choice_ids,
                      std::int64_t sign, std::int64_t voided) {
    Group& group = days_[GroupKey{rating.local_date, rating.official_id}];
    const int stage = storage_detail::stage_number(rating.stage);
    const int channel = storage_detail::channel_number(rating.channel);
    group.ratings[stage][channel] += sign;
    group.voided[stage][channel] += voided;
    for (const std::int64_t choice : choice_ids) {
        const auto index = static_cast<std::size_t>(choice);
        if (group.answers.size() <= index) {
            group.answers.resize(index + 1);
        }
        group.answers[index] += sign;
    }
}

namespace {

Statement count_statement(Connection& db, const std::string& table, const std::string& period) {
    return Statement(db,
                     "INSERT INTO " + table + " (" + period +
                         ", official_id, stage, channel, ratings, voided) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (" +
                         period +
                         ", official_id, stage, channel) DO UPDATE SET "
                         "ratings = ratings + excluded.ratings, voided = voided + excluded.voided",
                     "updating the rating counts");
}

Statement answer_statement(Connection& db, const std::string& table, const std::string& period) {
    return Statement(db,
                     "INSERT INTO " + table + " (" + period +
                         ", official_id, question_id, option_id, indicator, has_points, points, "
                         "count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (" +
                         period +
                         ", official_id, question_id, option_id, indicator, has_points, points) "
                         "DO UPDATE SET count = count + excluded.count",
                     "updating the answer counts");
}

}  // namespace

RollupWriter::RollupWriter(Connection& db)
    : days_{count_statement(db, "day_ratings", "local_date"),
            answer_statement(db, "day_answers", "local_date")},
      months_{count_statement(db, "month_ratings", "month"),
              answer_statement(db, "month_answers", "month")} {}

void RollupWriter::apply(const RollupDelta& delta, storage_detail::Dictionary& dictionary) {
    std::map<RollupDelta::GroupKey, RollupDelta::Group> months;
    for (const auto& [key, group] : delta.days_) {
        months[RollupDelta::GroupKey{key.first.substr(0, 7), key.second}].merge(group);
    }
    write(days_, delta.days_, dictionary);
    write(months_, months, dictionary);
}

void RollupWriter::write(Statements& statements,
                         const std::map<RollupDelta::GroupKey, RollupDelta::Group>& groups,
                         storage_detail::Dictionary& dictionary) {
    for (const auto& [key, group] : groups) {
        const auto& [period, official] = key;
        for (int stage = 0; stage < RollupDelta::kStages; ++stage) {
            for (int channel = 0; channel < RollupDelta::kChannels; ++channel) {
                const std::int64_t ratings = group.ratings[stage][channel];
                const std::int64_t voided = group.voided[stage][channel];
                if (ratings == 0 && voided == 0) {
                    continue;
                }
                statements.count.bind(1, period).bind(2, official);
                statements.count.bind(3, to_string(kAllStages[stage]));
                statements.count.bind(4, to_string(channel == 1 ? Channel::paper : Channel::kiosk));
                statements.count.bind(5, ratings).bind(6, voided).run();
            }
        }
        for (std::size_t choice_id = 0; choice_id < group.answers.size(); ++choice_id) {
            const std::int64_t change = group.answers[choice_id];
            if (change == 0) {
                continue;
            }
            const storage_detail::StoredChoice& choice =
                dictionary.choice(static_cast<std::int64_t>(choice_id));
            statements.answer.bind(1, period).bind(2, official).bind(3, choice.question_id);
            statements.answer.bind(4, choice.option_id).bind(5, choice.indicator);
            statements.answer.bind(6, choice.points ? 1 : 0).bind(7, choice.points.value_or(0));
            statements.answer.bind(8, change).run();
        }
    }
}

}  // namespace motcua::sqlite
