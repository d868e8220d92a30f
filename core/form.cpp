#include "core/form.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

// [SECTION] Stages
// [SECTION] Lookups
// [SECTION] Reading JSON with a JSON pointer for every message
// [SECTION] Parsing a form
// [SECTION] Loading a file

namespace motcua {

using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Stages
//-----------------------------------------------------------------------------

std::string_view to_string(Stage stage) {
    switch (stage) {
        case Stage::intake:
            return "intake";
        case Stage::supplement:
            return "supplement";
        case Stage::refusal:
            return "refusal";
        case Stage::result_return:
            return "return";
    }
    return "intake";
}

bool parse_stage(std::string_view text, Stage& out) {
    for (Stage stage : kAllStages) {
        if (text == to_string(stage)) {
            out = stage;
            return true;
        }
    }
    return false;
}

LocalizedText stage_label(Stage stage) {
    switch (stage) {
        case Stage::intake:
            return {"Tiếp nhận hồ sơ", "Dossier intake"};
        case Stage::supplement:
            return {"Yêu cầu bổ sung hồ sơ", "Request for more documents"};
        case Stage::refusal:
            return {"Từ chối tiếp nhận hồ sơ", "Dossier refused"};
        case Stage::result_return:
            return {"Trả kết quả", "Return of results"};
    }
    return {"Tiếp nhận hồ sơ", "Dossier intake"};
}

//-----------------------------------------------------------------------------
// [SECTION] Lookups
//-----------------------------------------------------------------------------

bool Question::asked_at(Stage stage) const {
    return stages.empty() || std::find(stages.begin(), stages.end(), stage) != stages.end();
}

const AnswerOption* Question::find_option(std::string_view option_id) const {
    for (const AnswerOption& option : options) {
        if (option.id == option_id) {
            return &option;
        }
    }
    return nullptr;
}

const Question* Form::find_question(std::string_view question_id) const {
    for (const Question& question : questions) {
        if (question.id == question_id) {
            return &question;
        }
    }
    return nullptr;
}

std::vector<const Question*> Form::questions_for(Stage stage) const {
    std::vector<const Question*> out;
    if (!applies_to(stage)) {
        return out;
    }
    for (const Question& question : questions) {
        if (question.asked_at(stage)) {
            out.push_back(&question);
        }
    }
    return out;
}

bool Form::applies_to(Stage stage) const {
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
}

//-----------------------------------------------------------------------------
// [SECTION] Reading JSON with a JSON pointer for every message
//-----------------------------------------------------------------------------

namespace {

constexpr std::size_t kMinOptions = 2;
constexpr std::size_t kMaxOptions = 5;
constexpr std::size_t kMaxFollowUpChoices = 8;
constexpr int kMaxScale = 100;
const std::set<std::string> kColors = {"green", "yellow", "red", "blue", "grey"};

// One place in the document: the JSON value and its JSON pointer (RFC 6901).
struct Node {
    const json& value;
    std::string pointer;
};

std::string escape_pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

class Reader {
  public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& pointer, const std::string& problem) const {
        throw FormError(source_ + ": " + (pointer.empty() ? "/" : pointer) + ": " + problem);
    }

    // Checks `node` is an object whose keys are all in `allowed` and that has every `required`.
    void object(const Node& node, std::initializer_list<std::string_view> required,
                std::initializer_list<std::string_view> optional) const {
        if (!node.value.is_object()) {
            fail(node.pointer, std::string("expected an object, got ") + node.value.type_name());
        }
        for (const auto& item : node.value.items()) {
            const bool known =
                std::find(required.begin(), required.end(), item.key()) != required.end() ||
                std::find(optional.begin(), optional.end(), item.key()) != optional.end();
            if (!known) {
                fail(node.pointer + "/" + escape_pointer_token(item.key()), "unknown key");
            }
        }
        for (std::string_view key : required) {
            if (!node.value.contains(key)) {
                fail(node.pointer + "/" + escape_pointer_token(key), "missing");
            }
        }
    }

    Node child(const Node& node, std::string_view key) const {
        return {node.value.at(key), node.pointer + "/" + escape_pointer_token(key)};
    }

    Node item(const Node& node, std::size_t index) const {
        return {node.value.at(index), node.pointer + "/" + std::to_string(index)};
    }

    bool has(const Node& node, std::string_view key) const { return node.value.contains(key); }

    std::string string(const Node& node) const {
        if (!node.value.is_string()) {
            fail(node.pointer, std::string("expected a string, got ") + node.value.type_name());
        }
        return node.value.get<std::string>();
    }

    // Identifiers used in files, ratings and the command line: [a-z0-9_], starting with a letter
    // (so an extra can never be mistaken for one of the indicators CS1..CS9).
    std::string identifier(const Node& node) const {
        std::string text = string(node);
        const bool well_formed =
            !text.empty() && text.size() <= 64 && text[0] >= 'a' && text[0] <= 'z' &&
            std::all_of(text.begin(), text.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            });
        if (!well_formed) {
            fail(node.pointer, "'" + text +
                                   "' is not an id (lower-case letters, digits and _, starting "
                                   "with a letter, at most 64 characters)");
        }
        return text;
    }

    int integer(const Node& node) const {
        if (!node.value.is_number_integer()) {
            fail(node.pointer, std::string("expected an integer, got ") + node.value.type_name());
        }
        const auto number = node.value.get<std::int64_t>();
        if (number < -1'000'000 || number > 1'000'000) {
            fail(node.pointer, std::to_string(number) + " is out of range");
        }
        return static_cast<int>(number);
    }

    bool boolean(const Node& node) const {
        if (!node.value.is_boolean()) {
            fail(node.pointer,
                 std::string("expected true or false, got ") + node.value.type_name());
        }
        return node.value.get<bool>();
    }

    void array(const Node& node) const {
        if (!node.value.is_array()) {
            fail(node.pointer, std::string("expected an array, got ") + node.value.type_name());
        }
    }

    // {"vi": "...", "en": "..."}: both required, non-empty, stored NFC.
    LocalizedText text(const Node& node) const {
        object(node, {"vi", "en"}, {});
        LocalizedText out;
        out.vi = translation(child(node, "vi"), "Vietnamese");
        out.en = translation(child(node, "en"), "English");
        return out;
    }

  private:
    std::string translation(const Node& node, const std::string& language) const {
        const std::string text = string(node);
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
            fail(node.pointer, "missing " + language + " text (every text needs vi and en)");
        }
        return to_nfc(text);
    }

    std::string source_;
};

//-----------------------------------------------------------------------------
// [SECTION] Parsing a form
//-----------------------------------------------------------------------------

bool is_nine_indicator(std::string_view id) {
    return id.size() == 3 && id[0] == 'C' && id[1] == 'S' && id[2] >= '1' && id[2] <= '9';
}

std::vector<Stage> read_stages(const Reader& reader, const Node& node) {
    reader.array(node);
    if (node.value.empty()) {
        reader.fail(node.pointer, "needs at least one stage (intake, supplement, refusal, return)");
    }
    std::vector<Stage> stages;
    for (std::size_t i = 0; i < node.value.size(); ++i) {
        const Node entry = reader.item(node, i);
        const std::string name = reader.string(entry);
        Stage stage{};
        if (!parse_stage(name, stage)) {
            reader.fail(entry.pointer, "unknown stage '" + name +
                                           "' (expected intake, supplement, refusal or return)");
        }
        if (std::find(stages.begin(), stages.end(), stage) != stages.end()) {
            reader.fail(entry.pointer, "stage '" + name + "' listed twice");
        }
        stages.push_back(stage);
    }
    return stages;
}

// Icon names are drawing hints; the kiosk falls back to text for names it does not know.
std::string read_icon(const Reader& reader, const Node& node) {
    std::string icon = reader.string(node);
    const bool well_formed = !icon.empty() && std::all_of(icon.begin(), icon.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!well_formed) {
        reader.fail(node.pointer, "'" + icon + "' is not an icon name (a-z, 0-9, _)");
    }
    return icon;
}

std::string read_color(const Reader& reader, const Node& node) {
    std::string color = reader.string(node);
    if (kColors.count(color) == 0) {
        reader.fail(node.pointer,
                    "unknown colour '" + color + "' (green, yellow, red, blue or grey)");
    }
    return color;
}

AnswerOption read_option(const Reader& reader, const Node& node, const Question& question) {
    reader.object(node, {"id", "label"}, {"points", "raises_flag", "icon", "color"});
    AnswerOption option;
    option.id = reader.identifier(reader.child(node, "id"));
    option.label = reader.text(reader.child(node, "label"));
    if (reader.has(node, "icon")) {
        option.icon = read_icon(reader, reader.child(node, "icon"));
    }
    if (reader.has(node, "color")) {
        option.color = read_color(reader, reader.child(node, "color"));
    }
    if (question.kind == QuestionKind::flag) {
        if (reader.has(node, "points")) {
            reader.fail(node.pointer + "/points", "a flag question's options have no points");
        }
        if (reader.has(node, "raises_flag")) {
            option.raises_flag = reader.boolean(reader.child(node, "raises_flag"));
        }
        return option;
    }
    if (reader.has(node, "raises_flag")) {
        reader.fail(node.pointer + "/raises_flag",
                    "only options of a flag question (\"kind\": \"flag\") raise flags");
    }
    if (!reader.has(node, "points")) {
        reader.fail(node.pointer + "/points",
                    "missing (an integer on the scale, or null for \"not applicable\")");
    }
    const Node points = reader.child(node, "points");
    if (!points.value.is_null()) {
        const int value = reader.integer(points);
        if (value < question.scale_min || value > question.scale_max) {
            reader.fail(points.pointer, std::to_string(value) + " is outside the scale " +
                                            std::to_string(question.scale_min) + ".." +
                                            std::to_string(question.scale_max));
        }
        option.points = value;
    }
    return option;
}

void read_options(const Reader& reader, const Node& node, Question& question) {
    reader.array(node);
    const std::size_t count = node.value.size();
    if (count < kMinOptions || count > kMaxOptions) {
        reader.fail(node.pointer, "needs 2 to 5 options, has " + std::to_string(count));
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < count; ++i) {
        const Node entry = reader.item(node, i);
        AnswerOption option = read_option(reader, entry, question);
        if (!ids.insert(option.id).second) {
            reader.fail(entry.pointer + "/id", "duplicate option id '" + option.id + "'");
        }
        question.options.push_back(std::move(option));
    }
    if (question.kind == QuestionKind::points) {
        const bool any_scored = std::any_of(question.options.begin(), question.options.end(),
                                            [](const AnswerOption& o) { return o.points; });
        if (!any_scored) {
            reader.fail(node.pointer, "every option is \"not applicable\" (points null)");
        }
    } else {
        const bool any_flag = std::any_of(question.options.begin(), question.options.end(),
                                          [](const AnswerOption& o) { return o.raises_flag; });
        if (!any_flag) {
            reader.fail(node.pointer, "no option of this flag question raises the flag");
        }
    }
}

FollowUp read_follow_up(const Reader& reader, const Node& node, const Question& question) {
    reader.object(node, {"when_points_at_most", "prompt", "choices"}, {"multiple"});
    FollowUp follow_up;
    const Node threshold = reader.child(node, "when_points_at_most");
    follow_up.when_points_at_most = reader.integer(threshold);
    if (follow_up.when_points_at_most < question.scale_min ||
        follow_up.when_points_at_most >= question.scale_max) {
        reader.fail(threshold.pointer, std::to_string(follow_up.when_points_at_most) +
                                           " must lie on the scale below its top (" +
                                           std::to_string(question.scale_min) + ".." +
                                           std::to_string(question.scale_max - 1) + ")");
    }
    follow_up.prompt = reader.text(reader.child(node, "prompt"));
    if (reader.has(node, "multiple")) {
        follow_up.multiple = reader.boolean(reader.child(node, "multiple"));
    }
    const Node choices = reader.child(node, "choices");
    reader.array(choices);
    if (choices.value.empty() || choices.value.size() > kMaxFollowUpChoices) {
        reader.fail(choices.pointer, "needs 1 to " + std::to_string(kMaxFollowUpChoices) +
                                         " choices, has " + std::to_string(choices.value.size()));
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < choices.value.size(); ++i) {
        const Node entry = reader.item(choices, i);
        reader.object(entry, {"id", "label"}, {"icon", "color"});
        AnswerOption choice;
        choice.id = reader.identifier(reader.child(entry, "id"));
        if (!ids.insert(choice.id).second) {
            reader.fail(entry.pointer + "/id", "duplicate choice id '" + choice.id + "'");
        }
        choice.label = reader.text(reader.child(entry, "label"));
        if (reader.has(entry, "icon")) {
            choice.icon = read_icon(reader, reader.child(entry, "icon"));
        }
        if (reader.has(entry, "color")) {
            choice.color = read_color(reader, reader.child(entry, "color"));
        }
        follow_up.choices.push_back(std::move(choice));
    }
    return follow_up;
}

Question read_question(const Reader& reader, const Node& node, const Form& form) {
    reader.object(node, {"id", "indicator", "text", "options"},
                  {"kind", "scale", "skippable", "stages", "follow_up"});
    Question question;
    question.id = reader.identifier(reader.child(node, "id"));

    if (reader.has(node, "kind")) {
        const Node kind = reader.child(node, "kind");
        const std::string name = reader.string(kind);
        if (name == "points") {
            question.kind = QuestionKind::points;
        } else if (name == "flag") {
            question.kind = QuestionKind::flag;
        } else {
            reader.fail(kind.pointer, "unknown kind '" + name + "' (points or flag)");
        }
    }

    const Node indicator = reader.child(node, "indicator");
    question.indicator = reader.string(indicator);
    const bool is_extra = std::any_of(form.extras.begin(), form.extras.end(),
                                      [&](const Extra& e) { return e.id == question.indicator; });
    if (!is_nine_indicator(question.indicator) && !is_extra) {
        reader.fail(indicator.pointer, "unknown indicator '" + question.indicator +
                                           "' (CS1..CS9 or one of the form's extras)");
    }
    if (question.kind == QuestionKind::flag && !is_extra) {
        reader.fail(indicator.pointer,
                    "a flag question must feed one of the form's extras (the "
                    "flag's name), not '" +
                        question.indicator + "'");
    }

    question.text = reader.text(reader.child(node, "text"));

    if (reader.has(node, "scale")) {
        const Node scale = reader.child(node, "scale");
        if (question.kind == QuestionKind::flag) {
            reader.fail(scale.pointer, "a flag question has no scale");
        }
        reader.object(scale, {"min", "max"}, {});
        question.scale_min = reader.integer(reader.child(scale, "min"));
        question.scale_max = reader.integer(reader.child(scale, "max"));
        if (question.scale_min < 0 || question.scale_max > kMaxScale ||
            question.scale_min >= question.scale_max) {
            reader.fail(scale.pointer, "the scale must satisfy 0 <= min < max <= 100 (got " +
                                           std::to_string(question.scale_min) + ".." +
                                           std::to_string(question.scale_max) + ")");
        }
    }

    if (reader.has(node, "skippable")) {
        question.skippable = reader.boolean(reader.child(node, "skippable"));
    }

    if (reader.has(node, "stages")) {
        const Node stages = reader.child(node, "stages");
        question.stages = read_stages(reader, stages);
        for (std::size_t i = 0; i < question.stages.size(); ++i) {
            if (!form.applies_to(question.stages[i])) {
                reader.fail(stages.pointer + "/" + std::to_string(i),
                            "stage '" + std::string(to_string(question.stages[i])) +
                                "' is not one of the form's stages");
            }
        }
    }

    read_options(reader, reader.child(node, "options"), question);

    if (reader.has(node, "follow_up")) {
        const Node follow_up = reader.child(node, "follow_up");
        if (question.kind == QuestionKind::flag) {
            reader.fail(follow_up.pointer, "a flag question has no follow-up");
        }
        question.follow_up = read_follow_up(reader, follow_up, question);
    }
    return question;
}

std::vector<Extra> read_extras(const Reader& reader, const Node& node) {
    reader.array(node);
    std::vector<Extra> extras;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node.value.size(); ++i) {
        const Node entry = reader.item(node, i);
        reader.object(entry, {"id", "name"}, {});
        Extra extra;
        const Node id = reader.child(entry, "id");
        extra.id = reader.identifier(id);
        if (!ids.insert(extra.id).second) {
            reader.fail(id.pointer, "duplicate extra id '" + extra.id + "'");
        }
        extra.name = reader.text(reader.child(entry, "name"));
        extras.push_back(std::move(extra));
    }
    return extras;
}

// nlohmann reports a byte offset; a person editing the file wants a line and a column.
std::string syntax_error_message(const std::string& text, const json::parse_error& error,
                                 const std::string& source) {
    const std::size_t offset =
        std::min<std::size_t>(error.byte == 0 ? 0 : error.byte - 1, text.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    const std::size_t column = offset - line_start + 1;
    // nlohmann's text reads "[json.exception.parse_error.101] parse error at line 1, column 2:
    // syntax error while parsing value - ..."; keep only the explanation.
    std::string detail = error.what();
    const std::size_t explanation = detail.find("syntax error");
    if (explanation != std::string::npos) {
        detail = detail.substr(explanation);
    }
    return source + ": line " + std::to_string(line) + ", column " + std::to_string(column) +
           ": invalid JSON: " + detail;
}

}  // namespace

Form parse_form(const std::string& json_text, const std::string& source_name) {
    json document;
    try {
        document = json::parse(json_text);
    } catch (const json::parse_error& error) {
        throw FormError(syntax_error_message(json_text, error, source_name));
    } catch (const json::out_of_range&) {
        // nlohmann reports a number beyond a double's range (1e999) this way, not as a
        // parse_error (found by fuzz/fuzz_form_profile).
        throw FormError(source_name + ": invalid JSON: a number is too large");
    }

    const Reader reader(source_name);
    const Node root{document, ""};
    reader.object(root, {"id", "version", "title", "stages", "questions"}, {"extras"});

    Form form;
    const Node id = reader.child(root, "id");
    form.id = reader.string(id);
    const bool id_well_formed =
        !form.id.empty() && form.id.size() <= 64 &&
        std::all_of(form.id.begin(), form.id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
    if (!id_well_formed) {
        reader.fail(id.pointer, "'" + form.id + "' is not a form id (a-z, 0-9, _ and -)");
    }
    const Node version = reader.child(root, "version");
    form.version = reader.integer(version);
    if (form.version < 1) {
        reader.fail(version.pointer,
                    "must be 1 or more (got " + std::to_string(form.version) + ")");
    }
    form.title = reader.text(reader.child(root, "title"));
    form.stages = read_stages(reader, reader.child(root, "stages"));
    if (reader.has(root, "extras")) {
        form.extras = read_extras(reader, reader.child(root, "extras"));
    }

    const Node questions = reader.child(root, "questions");
    reader.array(questions);
    if (questions.value.empty()) {
        reader.fail(questions.pointer, "the form has no questions");
    }
    std::map<std::string, std::string> question_by_indicator;
    for (std::size_t i = 0; i < questions.value.size(); ++i) {
        const Node entry = reader.item(questions, i);
        Question question = read_question(reader, entry, form);
        if (form.find_question(question.id) != nullptr) {
            reader.fail(entry.pointer + "/id", "duplicate question id '" + question.id + "'");
        }
        // One answer per indicator per dossier: two questions feeding one indicator would make
        // the dossier's points for it ambiguous.
        const auto [existing, inserted] =
            question_by_indicator.emplace(question.indicator, question.id);
        if (!inserted) {
            reader.fail(entry.pointer + "/indicator", "indicator '" + question.indicator +
                                                          "' is already fed by question '" +
                                                          existing->second + "'");
        }
        form.questions.push_back(std::move(question));
    }
    for (Stage stage : form.stages) {
        if (form.questions_for(stage).empty()) {
            reader.fail(questions.pointer,
                        "no question is asked at stage '" + std::string(to_string(stage)) + "'");
        }
    }
    return form;
}

//-----------------------------------------------------------------------------
// [SECTION] Loading a file
//-----------------------------------------------------------------------------

Form load_form_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw FormError(path.string() + ": cannot open the form file");
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        throw FormError(path.string() + ": cannot read the form file");
    }
    return parse_form(content.str(), path.string());
}

}  // namespace motcua
