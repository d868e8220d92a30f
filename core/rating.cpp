#include "core/rating.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/text.hpp"
#include "core/uuid.hpp"

// [SECTION] Channel names
// [SECTION] Answers from choices
// [SECTION] JSON out
// [SECTION] JSON in (strict)

namespace motcua {

using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Channel names
//-----------------------------------------------------------------------------

std::string_view to_string(Channel channel) {
    return channel == Channel::paper ? "paper" : "kiosk";
}

bool parse_channel(std::string_view text, Channel& out) {
    if (text == "kiosk") {
        out = Channel::kiosk;
        return true;
    }
    if (text == "paper") {
        out = Channel::paper;
        return true;
    }
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Answers from choices
//-----------------------------------------------------------------------------

namespace {

std::string in_quotes(std::string_view text) {
    return "'" + std::string(text) + "'";
}

std::vector<std::string> checked_follow_ups(const Question& question, const AnswerOption& option,
                                            const std::vector<std::string>& picked) {
    if (picked.empty()) {
        return {};
    }
    const std::string where = "question " + in_quotes(question.id);
    if (!question.follow_up) {
        throw FormError(where + ": has no follow-up choices");
    }
    const FollowUp& follow_up = *question.follow_up;
    if (!option.points || *option.points > follow_up.when_points_at_most) {
        throw FormError(where + ": follow-up choices are only offered after an answer worth " +
                        std::to_string(follow_up.when_points_at_most) + " points or less, not " +
                        in_quotes(option.id));
    }
    if (!follow_up.multiple && picked.size() > 1) {
        throw FormError(where + ": only one follow-up choice may be picked");
    }
    std::set<std::string> seen;
    for (const std::string& id : picked) {
        const bool known = std::any_of(follow_up.choices.begin(), follow_up.choices.end(),
                                       [&](const AnswerOption& c) { return c.id == id; });
        if (!known) {
            throw FormError(where + ": unknown follow-up choice " + in_quotes(id));
        }
        if (!seen.insert(id).second) {
            throw FormError(where + ": follow-up choice " + in_quotes(id) + " picked twice");
        }
    }
    return picked;
}

}  // namespace

void fill_answers(const Form& form, Stage stage, const std::vector<Choice>& choices,
                  Rating& rating) {
    if (!form.applies_to(stage)) {
        throw FormError("form " + in_quotes(form.id) + " is not used at stage " +
                        in_quotes(to_string(stage)));
    }
    std::map<std::string, const Choice*> by_question;
    for (const Choice& choice : choices) {
        const Question* question = form.find_question(choice.question_id);
        if (question == nullptr) {
            throw FormError("unknown question " + in_quotes(choice.question_id) + " in form " +
                            in_quotes(form.id));
        }
        if (!question->asked_at(stage)) {
            throw FormError("question " + in_quotes(question->id) + " is not asked at stage " +
                            in_quotes(to_string(stage)));
        }
        if (question->find_option(choice.option_id) == nullptr) {
            throw FormError("question " + in_quotes(question->id) + ": unknown option " +
                            in_quotes(choice.option_id));
        }
        if (!by_question.emplace(question->id, &choice).second) {
            throw FormError("question " + in_quotes(question->id) + " answered twice");
        }
    }

    std::vector<Answer> answers;
    std::vector<std::string> flags;
    for (const Question* question : form.questions_for(stage)) {
        const auto found = by_question.find(question->id);
        if (found == by_question.end()) {
            if (!question->skippable) {
                throw FormError("question " + in_quotes(question->id) +
                                " must be answered (it may not be skipped)");
            }
            continue;
        }
        const Choice& choice = *found->second;
        const AnswerOption& option = *question->find_option(choice.option_id);
        Answer answer;
        answer.question_id = question->id;
        answer.option_id = option.id;
        answer.indicator = question->indicator;
        if (question->kind == QuestionKind::points) {
            answer.points = option.points;
        } else if (option.raises_flag) {
            flags.push_back(question->indicator);
        }
        answer.follow_ups = checked_follow_ups(*question, option, choice.follow_ups);
        answers.push_back(std::move(answer));
    }
    rating.stage = stage;
    rating.form_id = form.id;
    rating.form_version = form.version;
    rating.answers = std::move(answers);
    rating.flags = std::move(flags);
}

//-----------------------------------------------------------------------------
// [SECTION] JSON out
//-----------------------------------------------------------------------------

json rating_to_json(const Rating& rating) {
    json answers = json::array();
    for (const Answer& answer : rating.answers) {
        answers.push_back({
            {"question_id", answer.question_id},
            {"option_id", answer.option_id},
            {"indicator", answer.indicator},
            {"points", answer.points ? json(*answer.points) : json(nullptr)},
            {"follow_ups", answer.follow_ups},
        });
    }
    return {
        {"id", rating.id},
        {"dossier_code", rating.dossier_code},
        {"stage", to_string(rating.stage)},
        {"channel", to_string(rating.channel)},
        {"official_id", rating.official_id},
        {"form_id", rating.form_id},
        {"form_version", rating.form_version},
        {"answers", std::move(answers)},
        {"flags", rating.flags},
        {"created_utc", format_utc_iso8601(rating.created_utc)},
        {"utc_offset_minutes", rating.utc_offset_minutes},
        {"local_date", rating.local_date},
        {"sequence", rating.sequence},
        {"kiosk_id", rating.kiosk_id},
        {"unit_code", rating.unit_code},
    };
}

bool same_content(const Rating& a, const Rating& b) {
    return rating_to_json(a) == rating_to_json(b);
}

namespace {

// Appends pieces of canonical JSON as nlohmann's dump() writes them: keys in sorted order, no
// whitespace, strings escaped as dump() escapes them (the quote, the backslash, the usual
// one-letter escapes, other control characters as a lowercase 4-digit unicode escape,
// everything else as is).
class CanonicalWriter {
  public:
    explicit CanonicalWriter(std::string& out) : out_(out) {}

    // False once a text was not UTF-8 (dump() throws on it; the caller lets it).
    bool ok() const { return ok_; }

    CanonicalWriter& raw(std::string_view text) {
        out_ += text;
        return *this;
    }
    CanonicalWriter& key(std::string_view name) {
        out_ += '"';
        out_ += name;
        out_ += "\":";
        return *this;
    }
    CanonicalWriter& number(std::int64_t value) {
        out_ += std::to_string(value);
        return *this;
    }
    CanonicalWriter& text(std::string_view value) {
        ok_ = ok_ && is_valid_utf8(value);
        out_ += '"';
        for (const char c : value) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out_ += '\\';
                out_ += c;
            } else if (byte >= 0x20) {
                out_ += c;
            } else {
                escape_control(byte);
            }
        }
        out_ += '"';
        return *this;
    }
    CanonicalWriter& texts(const std::vector<std::string>& values) {
        out_ += '[';
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0) {
                out_ += ',';
            }
            text(values[i]);
        }
        out_ += ']';
        return *this;
    }

  private:
    void escape_control(unsigned char byte) {
        switch (byte) {
            case '\b':
                out_ += "\\b";
                return;
            case '\f':
                out_ += "\\f";
                return;
            case '\n':
                out_ += "\\n";
                return;
            case '\r':
                out_ += "\\r";
                return;
            case '\t':
                out_ += "\\t";
                return;
            default:
                constexpr std::string_view kHex = "0123456789abcdef";
                out_ += "\\u00";
                out_ += kHex[byte >> 4];
                out_ += kHex[byte & 0x0F];
        }
    }

    std::string& out_;
    bool ok_ = true;
};

}  // namespace

std::string rating_to_canonical_json(const Rating& rating) {
    std::string out;
    out.reserve(1024);
    CanonicalWriter json(out);
    json.raw("{").key("answers").raw("[");
    for (std::size_t i = 0; i < rating.answers.size(); ++i) {
        const Answer& answer = rating.answers[i];
        json.raw(i == 0 ? "{" : ",{").key("follow_ups").texts(answer.follow_ups);
        json.raw(",").key("indicator").text(answer.indicator);
        json.raw(",").key("option_id").text(answer.option_id);
        json.raw(",").key("points");
        if (answer.points) {
            json.number(*answer.points);
        } else {
            json.raw("null");
        }
        json.raw(",").key("question_id").text(answer.question_id).raw("}");
    }
    json.raw("],").key("channel").text(to_string(rating.channel));
    json.raw(",").key("created_utc").text(format_utc_iso8601(rating.created_utc));
    json.raw(",").key("dossier_code").text(rating.dossier_code);
    json.raw(",").key("flags").texts(rating.flags);
    json.raw(",").key("form_id").text(rating.form_id);
    json.raw(",").key("form_version").number(rating.form_version);
    json.raw(",").key("id").text(rating.id);
    json.raw(",").key("kiosk_id").text(rating.kiosk_id);
    json.raw(",").key("local_date").text(rating.local_date);
    json.raw(",").key("official_id").text(rating.official_id);
    json.raw(",").key("sequence").number(rating.sequence);
    json.raw(",").key("stage").text(to_string(rating.stage));
    json.raw(",").key("unit_code").text(rating.unit_code);
    json.raw(",").key("utc_offset_minutes").number(rating.utc_offset_minutes).raw("}");
    if (!json.ok()) {
        return rating_to_json(rating).dump();  // throws nlohmann's error for the bad text
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON in (strict)
//-----------------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxTextBytes = 256;
constexpr int kMinOffsetMinutes = -12 * 60;
constexpr int kMaxOffsetMinutes = 14 * 60;
constexpr int kMaxPoints = 100;

[[noreturn]] void reject(const std::string& field, const std::string& problem) {
    throw std::invalid_argument("rating." + field + ": " + problem);
}

std::string type_name(const json& value) {
    return value.type_name();
}

void check_keys(const json& object, const std::string& field,
                std::initializer_list<std::string_view> allowed) {
    if (!object.is_object()) {
        reject(field.empty() ? "(root)" : field, "expected an object, got " + type_name(object));
    }
    const std::string prefix = field.empty() ? "" : field + ".";
    for (const auto& item : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
            reject(prefix + item.key(), "unknown field");
        }
    }
    for (std::string_view key : allowed) {
        if (!object.contains(key)) {
            reject(prefix + std::string(key), "missing");
        }
    }
}

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
    });
}

std::string text_field(const json& value, const std::string& field, bool may_be_empty) {
    if (!value.is_string()) {
        reject(field, "expected a string, got " + type_name(value));
    }
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty() && !may_be_empty) {
        reject(field, "must not be empty");
    }
    if (text.size() > kMaxTextBytes) {
        reject(field, "longer than " + std::to_string(kMaxTextBytes) + " bytes");
    }
    if (!is_valid_utf8(text)) {
        reject(field, "not valid UTF-8");
    }
    if (has_control_character(text)) {
        reject(field, "contains a control character");
    }
    return text;
}

std::int64_t integer_field(const json& value, const std::string& field, std::int64_t min,
                           std::int64_t max) {
    if (!value.is_number_integer()) {
        reject(field, "expected an integer, got " + type_name(value));
    }
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        reject(field, "out of range");
    }
    const auto number = value.get<std::int64_t>();
    if (number < min || number > max) {
        reject(field, std::to_string(number) + " is outside " + std::to_string(min) + ".." +
                          std::to_string(max));
    }
    return number;
}

std::vector<std::string> text_list(const json& value, const std::string& field) {
    if (!value.is_array()) {
        reject(field, "expected an array, got " + type_name(value));
    }
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string item_field = field + "[" + std::to_string(i) + "]";
        std::string text = text_field(value[i], item_field, false);
        if (!seen.insert(text).second) {
            reject(item_field, "duplicate '" + text + "'");
        }
        out.push_back(std::move(text));
    }
    return out;
}

Answer answer_from_json(const json& value, const std::string& field) {
    check_keys(value, field, {"question_id", "option_id", "indicator", "points", "follow_ups"});
    Answer answer;
    answer.question_id = text_field(value["question_id"], field + ".question_id", false);
    answer.option_id = text_field(value["option_id"], field + ".option_id", false);
    answer.indicator = text_field(value["indicator"], field + ".indicator", false);
    const json& points = value["points"];
    if (!points.is_null()) {
        answer.points = static_cast<int>(integer_field(points, field + ".points", 0, kMaxPoints));
    }
    answer.follow_ups = text_list(value["follow_ups"], field + ".follow_ups");
    return answer;
}

}  // namespace

Rating rating_from_json(const json& value) {
    check_keys(value, "",
               {"id", "dossier_code", "stage", "channel", "official_id", "form_id", "form_version",
                "answers", "flags", "created_utc", "utc_offset_minutes", "local_date", "sequence",
                "kiosk_id", "unit_code"});
    Rating rating;
    rating.id = text_field(value["id"], "id", false);
    if (!is_uuid(rating.id)) {
        reject("id", "not a lower-case UUID: '" + rating.id + "'");
    }
    rating.dossier_code = text_field(value["dossier_code"], "dossier_code", false);
    const std::string stage = text_field(value["stage"], "stage", false);
    if (!parse_stage(stage, rating.stage)) {
        reject("stage", "unknown stage '" + stage + "' (intake, supplement, refusal, return)");
    }
    const std::string channel = text_field(value["channel"], "channel", false);
    if (!parse_channel(channel, rating.channel)) {
        reject("channel", "unknown channel '" + channel + "' (kiosk, paper)");
    }
    rating.official_id = text_field(value["official_id"], "official_id", true);
    rating.form_id = text_field(value["form_id"], "form_id", false);
    rating.form_version = static_cast<int>(
        integer_field(value["form_version"], "form_version", 1, std::numeric_limits<int>::max()));

    const json& answers = value["answers"];
    if (!answers.is_array()) {
        reject("answers", "expected an array, got " + type_name(answers));
    }
    std::set<std::string> answered;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const std::string field = "answers[" + std::to_string(i) + "]";
        Answer answer = answer_from_json(answers[i], field);
        if (!answered.insert(answer.question_id).second) {
            reject(field + ".question_id", "question '" + answer.question_id + "' answered twice");
        }
        rating.answers.push_back(std::move(answer));
    }
    rating.flags = text_list(value["flags"], "flags");

    const std::string created = text_field(value["created_utc"], "created_utc", false);
    if (!parse_utc_iso8601(created, rating.created_utc)) {
        reject("created_utc", "not a UTC time like 2022-12-28T02:15:00.000Z: '" + created + "'");
    }
    rating.utc_offset_minutes = static_cast<int>(integer_field(
        value["utc_offset_minutes"], "utc_offset_minutes", kMinOffsetMinutes, kMaxOffsetMinutes));
    rating.local_date = text_field(value["local_date"], "local_date", false);
    if (!is_valid_date(rating.local_date)) {
        reject("local_date", "not a calendar date YYYY-MM-DD: '" + rating.local_date + "'");
    }
    const std::string expected_date = local_date(rating.created_utc, rating.utc_offset_minutes);
    if (rating.local_date != expected_date) {
        reject("local_date", "'" + rating.local_date + "' does not match created_utc and " +
                                 "utc_offset_minutes (" + expected_date + ")");
    }
    rating.sequence =
        integer_field(value["sequence"], "sequence", 0, std::numeric_limits<std::int64_t>::max());
    rating.kiosk_id = text_field(value["kiosk_id"], "kiosk_id", false);
    rating.unit_code = text_field(value["unit_code"], "unit_code", false);
    return rating;
}

}  // namespace motcua
