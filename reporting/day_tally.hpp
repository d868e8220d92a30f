#pragma once
// A day's tally at one kiosk: the figures the `motcua tally` command prints and the kiosk's
// staff screen draws. Plain structs, built from the store's Aggregates with the form (for the
// order and labels of questions and options) and the scoring profile (for indicator means,
// total and band). Nothing here knows about a command line or a screen.
//
// Usage:
//     DayTally tally = load_day_tally(store, "2025-03-14", form, profile, settings);
//     draw(tally) / std::cout << render_day_tally_text(tally, Language::vi);
//
// Rules the numbers follow:
//  - voided ratings appear only in `voided`, never in any other figure;
//  - percentages are of the answers given to that question (skipped questions do not count);
//  - indicator figures come from core's score_row over what citizens rated, so indicators with
//    no data are missing (never zero) and the band is only given for a complete row;
//  - per-official figures are shown only for officials with at least
//    `min_ratings_per_official` ratings that day, so a single citizen cannot be identified.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/rating.hpp"
#include "core/scoring.hpp"
#include "core/text.hpp"
#include "storage/store.hpp"

namespace motcua {

// Count of one answer option, with its share of the question's answers.
struct OptionShare {
    std::string option_id;
    LocalizedText label;        // from the form; the option id when the form no longer has it
    std::optional<int> points;  // nullopt: not applicable, or a flag question's answer
    std::int64_t count = 0;
    double percent = 0;  // 100 * count / answered (0 when nobody answered)
};

// How the answers to one question were distributed.
struct QuestionDistribution {
    std::string question_id;
    std::string indicator;
    LocalizedText text;         // from the form; the question id when the form no longer has it
    std::int64_t answered = 0;  // ratings that answered it (sum of the options' counts)
    std::vector<OptionShare> options;  // form order, then options only older forms had
};

// The answers to the question(s) feeding one of the form's extras (overall satisfaction, the
// "asked to pay extra" flag...).
struct ExtraShares {
    std::string extra_id;
    LocalizedText name;
    std::vector<QuestionDistribution> questions;  // usually exactly one
};

// One official's figures for the day.
struct OfficialFigures {
    std::string official_id;
    std::string name;  // from the store; empty when the official is unknown to this kiosk
    std::int64_t ratings = 0;
    ScoreRow scores;                       // what citizens rated, as for the unit
    std::optional<double> official_score;  // the profile's per-official formula (out of `scale`)
};

struct StageChannelFigure {
    Stage stage = Stage::intake;
    Channel channel = Channel::kiosk;
    std::int64_t ratings = 0;
};

struct DayTally {
    std::string date;  // YYYY-MM-DD, local
    std::string kiosk_id;
    std::string unit_code;
    std::string form_id;
    int form_version = 0;
    ScoringProfile profile;  // indicator and band names, sources

    std::int64_t ratings = 0;  // non-voided ratings of the day
    std::int64_t voided = 0;   // voided ratings of the day
    // Every stage (kAllStages order) times both channels (kiosk, paper), zeros included.
    std::vector<StageChannelFigure> by_stage_channel;
    std::vector<QuestionDistribution> questions;  // form order, then questions of older forms
    ScoreRow scores;                              // indicator means, total, band
    std::vector<ExtraShares> extras;              // the form's extras, in form order

    int min_ratings_per_official = 0;
    std::vector<OfficialFigures> officials;  // at or above the minimum, by official id
    std::int64_t officials_hidden = 0;       // officials with ratings below the minimum
    std::int64_t unattributed_ratings = 0;   // made with nobody signed in at the desk
};

// Who the tally is for and how it is shown; from the configuration.
struct TallySettings {
    std::string kiosk_id;
    std::string unit_code;
    int min_ratings_per_official = 5;
};

// Builds the tally from figures already read from the store. `by_official` is keyed by
// official id ("" for unattributed ratings); `officials` supplies names.
DayTally make_day_tally(const std::string& date, const Aggregates& day,
                        const std::map<std::string, Aggregates>& by_official,
                        const std::vector<Official>& officials, const Form& form,
                        const ScoringProfile& profile, const TallySettings& settings);

// Reads the day's figures from the store (two aggregate queries and the officials list) and
// builds the tally. Throws StoreError from the store, std::invalid_argument for a bad date.
DayTally load_day_tally(Store& store, const std::string& date, const Form& form,
                        const ScoringProfile& profile, const TallySettings& settings);

// Answer distributions of every question in `answers`, in the form's order, with the labels of
// the form (shared by the tally and the period report).
std::vector<QuestionDistribution> distribute_answers(const std::vector<AnswerCount>& answers,
                                                     const Form& form);

}  // namespace motcua
