#pragma once
// The province's satisfaction form as data (assets/forms/*.json, documented in docs/forms.md).
// Nothing about the questions is hard-coded anywhere else: the kiosk, the CLI and the reports
// all read a Form.

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "text.hpp"

namespace motcua {

// Why the citizen is at the counter; a form may be enabled for some or all of them.
enum class Stage { intake, supplement, refusal, result_return };

// Wire/storage names: "intake", "supplement", "refusal", "return".
std::string_view to_string(Stage stage);
bool parse_stage(std::string_view text, Stage& out);
LocalizedText stage_label(Stage stage);
inline constexpr Stage kAllStages[] = {Stage::intake, Stage::supplement, Stage::refusal,
                                       Stage::result_return};

// What an answer does: adds points to an indicator, or raises / clears a named flag.
enum class QuestionKind { points, flag };

struct AnswerOption {
    std::string id;
    LocalizedText label;
    // For `points` questions: the points on the question's scale, or nullopt when this answer
    // means "not applicable" (e.g. "no result yet" for CS1 at intake): it is counted in the
    // answer distribution but not in the indicator's mean.
    std::optional<int> points;
    bool raises_flag = false;  // for `flag` questions
    std::string icon;          // drawing hint for the kiosk: face_happy, face_neutral, face_sad,
                               // thumb_up, thumb_down, clock_early, clock_on_time, clock_late,
                               // count_0, count_1, count_2plus, check, cross, question, ...
    std::string color;         // hint: "green", "yellow", "red", "blue", "grey"
};

// Extra choices offered after a low answer ("what went wrong?").
struct FollowUp {
    int when_points_at_most = 0;  // shown when the chosen option's points <= this
    LocalizedText prompt;
    std::vector<AnswerOption> choices;  // only id, label, icon, color are used
    bool multiple = true;               // several may be chosen
};

struct Question {
    std::string id;
    // "CS1".."CS9", or the id of one of the form's `extras` (e.g. "overall", "extra_payment").
    std::string indicator;
    QuestionKind kind = QuestionKind::points;
    LocalizedText text;
    std::vector<AnswerOption> options;  // 2..5, in display order (best first)
    int scale_min = 0;                  // points must lie in [scale_min, scale_max]
    int scale_max = 2;
    bool skippable = false;
    std::vector<Stage> stages;  // empty: asked at every stage the form applies to
    std::optional<FollowUp> follow_up;

    bool asked_at(Stage stage) const;
    const AnswerOption* find_option(std::string_view option_id) const;
};

// A named measure that is not one of the nine indicators (overall satisfaction, a flag).
struct Extra {
    std::string id;
    LocalizedText name;
};

struct Form {
    std::string id;
    int version = 0;
    LocalizedText title;
    std::vector<Stage> stages;  // at least one
    std::vector<Extra> extras;
    std::vector<Question> questions;

    const Question* find_question(std::string_view question_id) const;
    // The questions asked at `stage`, in order.
    std::vector<const Question*> questions_for(Stage stage) const;
    bool applies_to(Stage stage) const;
};

// A form file that cannot be used. what() reads like
// "assets/forms/x.json: /questions/2/options/1/points: 3 is outside the scale 0..2".
class FormError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Parses and validates a whole form; `source_name` prefixes every message. Rejects: bad JSON
// (with line/column), unknown keys' wrong types, duplicate question/option ids, fewer than 2 or
// more than 5 options, points outside the scale, a missing vi or en text, an unknown indicator
// or stage, a flag question with points, an empty form.
Form parse_form(const std::string& json_text, const std::string& source_name);
Form load_form_file(const std::filesystem::path& path);

}  // namespace motcua
