#include "reporting/day_tally.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/clock.hpp"

namespace motcua {

namespace {

LocalizedText same_in_both(const std::string& text) {
    return LocalizedText{text, text};
}

OptionShare share_of(const AnswerOption& option) {
    OptionShare share;
    share.option_id = option.id;
    share.label = option.label;
    share.points = option.points;
    return share;
}

QuestionDistribution distribution_of(const Question& question) {
    QuestionDistribution distribution;
    distribution.question_id = question.id;
    distribution.indicator = question.indicator;
    distribution.text = question.text;
    for (const auto& option : question.options) {
        distribution.options.push_back(share_of(option));
    }
    return distribution;
}

void add_count(QuestionDistribution& distribution, const AnswerCount& answer) {
    auto option =
        std::find_if(distribution.options.begin(), distribution.options.end(),
                     [&](const OptionShare& share) { return share.option_id == answer.option_id; });
    if (option == distribution.options.end()) {
        OptionShare share;
        share.option_id = answer.option_id;
        share.label = same_in_both(answer.option_id);
        share.points = answer.points;
        distribution.options.push_back(share);
        option = distribution.options.end() - 1;
    }
    option->count += answer.count;
    distribution.answered += answer.count;
}

void fill_percentages(QuestionDistribution& distribution) {
    for (auto& option : distribution.options) {
        option.percent = distribution.answered == 0
                             ? 0.0
                             : 100.0 * static_cast<double>(option.count) /
                                   static_cast<double>(distribution.answered);
    }
}

std::string official_name(const std::vector<Official>& officials, const std::string& id) {
    for (const auto& official : officials) {
        if (official.id == id) {
            return official.name;
        }
    }
    return "";
}

}  // namespace

std::vector<QuestionDistribution> distribute_answers(const std::vector<AnswerCount>& answers,
                                                     const Form& form) {
    std::vector<QuestionDistribution> distributions;
    for (const auto& question : form.questions) {
        distributions.push_back(distribution_of(question));
    }
    // Questions only older versions of the form had come after the current ones, by id.
    std::vector<AnswerCount> sorted = answers;
    std::stable_sort(sorted.begin(), sorted.end(), [](const AnswerCount& a, const AnswerCount& b) {
        return a.question_id < b.question_id;
    });
    for (const auto& answer : sorted) {
        auto distribution = std::find_if(
            distributions.begin(), distributions.end(),
            [&](const QuestionDistribution& d) { return d.question_id == answer.question_id; });
        if (distribution == distributions.end()) {
            QuestionDistribution older;
            older.question_id = answer.question_id;
            older.indicator = answer.indicator;
            older.text = same_in_both(answer.question_id);
            distributions.push_back(older);
            distribution = distributions.end() - 1;
        }
        add_count(*distribution, answer);
    }
    for (auto& distribution : distributions) {
        fill_percentages(distribution);
    }
    return distributions;
}

DayTally make_day_tally(const std::string& date, const Aggregates& day,
                        const std::map<std::string, Aggregates>& by_official,
                        const std::vector<Official>& officials, const Form& form,
                        const ScoringProfile& profile, const TallySettings& settings) {
    DayTally tally;
    tally.date = date;
    tally.kiosk_id = settings.kiosk_id;
    tally.unit_code = settings.unit_code;
    tally.form_id = form.id;
    tally.form_version = form.version;
    tally.profile = profile;
    tally.ratings = day.ratings;
    tally.voided = day.voided;

    for (Stage stage : kAllStages) {
        for (Channel channel : {Channel::kiosk, Channel::paper}) {
            StageChannelFigure figure{stage, channel, 0};
            for (const auto& count : day.by_stage_channel) {
                if (count.stage == stage && count.channel == channel) {
                    figure.ratings += count.ratings;
                }
            }
            tally.by_stage_channel.push_back(figure);
        }
    }

    tally.questions = distribute_answers(day.answers, form);
    tally.scores = score_row(profile, day.indicators, {}, day.ratings);

    for (const auto& extra : form.extras) {
        ExtraShares shares{extra.id, extra.name, {}};
        for (const auto& distribution : tally.questions) {
            if (distribution.indicator == extra.id) {
                shares.questions.push_back(distribution);
            }
        }
        tally.extras.push_back(shares);
    }

    tally.min_ratings_per_official = settings.min_ratings_per_official;
    for (const auto& [official_id, figures] : by_official) {
        if (official_id.empty()) {
            tally.unattributed_ratings += figures.ratings;
        } else if (figures.ratings >= settings.min_ratings_per_official && figures.ratings > 0) {
            OfficialFigures official;
            official.official_id = official_id;
            official.name = official_name(officials, official_id);
            official.ratings = figures.ratings;
            official.scores = score_row(profile, figures.indicators, {}, figures.ratings);
            official.official_score = official_score(profile, figures.indicators);
            tally.officials.push_back(official);
        } else if (figures.ratings > 0) {
            ++tally.officials_hidden;
        }
    }
    return tally;
}

DayTally load_day_tally(Store& store, const std::string& date, const Form& form,
                        const ScoringProfile& profile, const TallySettings& settings) {
    if (!is_valid_date(date)) {
        throw std::invalid_argument("not a date in the form YYYY-MM-DD: '" + date + "'");
    }
    RatingFilter filter{date, date, std::nullopt};
    Aggregates day = store.aggregate(filter);
    std::map<std::string, Aggregates> by_official = store.aggregate_by_official(filter);
    return make_day_tally(date, day, by_official, store.list_officials(), form, profile, settings);
}

}  // namespace motcua
