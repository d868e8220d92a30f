// motcua record: a supervisor types in a paper form (or a kiosk rating by hand). The dossier
// code goes through the configured rules, the answers through the form; the rating id is
// printed only after the store has committed it.

#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "core/rating.hpp"
#include "core/uuid.hpp"

namespace motcua::cli {

namespace {

struct RecordOptions {
    std::string dossier;
    std::vector<std::string> answers;     // QUESTION=OPTION
    std::vector<std::string> follow_ups;  // QUESTION=CHOICE
    std::string stage = "intake";
    std::string officer;
    std::string channel = "paper";
    std::string date;  // local date of a paper form filled earlier
    std::string time;  // HH:MM local
    std::string actor = "cli";
};

// "Q=O" into its two halves; the validator made sure there is a '=' with text on both sides.
std::pair<std::string, std::string> split_pair(const std::string& text) {
    auto equals = text.find('=');
    return {text.substr(0, equals), text.substr(equals + 1)};
}

CLI::Validator pair_validator() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            auto equals = text.find('=');
            if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
                return "expected QUESTION=OPTION, got '" + text + "'";
            }
            return "";
        },
        "QUESTION=OPTION");
}

// What may be answered at this stage, to help after a refused answer.
std::string answers_hint(const Form& form, Stage stage) {
    std::string hint = "Questions at stage " + std::string(to_string(stage)) + ":";
    for (const Question* question : form.questions_for(stage)) {
        hint += "\n  " + question->id + (question->skippable ? " (may be skipped)" : "") + ": ";
        for (std::size_t i = 0; i < question->options.size(); ++i) {
            hint += (i > 0 ? " | " : "") + question->options[i].id;
        }
    }
    return hint;
}

std::vector<Choice> make_choices(const RecordOptions& options) {
    std::vector<Choice> choices;
    for (const auto& answer : options.answers) {
        auto [question, option] = split_pair(answer);
        choices.push_back(Choice{question, option, {}});
    }
    for (const auto& follow_up : options.follow_ups) {
        auto [question, choice] = split_pair(follow_up);
        auto answered = std::find_if(choices.begin(), choices.end(),
                                     [&](const Choice& c) { return c.question_id == question; });
        if (answered == choices.end()) {
            throw RefusedInput("--follow-up " + follow_up + ": question " + question +
                               " has no --answer");
        }
        answered->follow_ups.push_back(choice);
    }
    return choices;
}

// Minutes after midnight of "HH:MM".
int parse_time_of_day(const std::string& text) {
    auto digit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(text[i])); };
    bool shaped =
        text.size() == 5 && text[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4);
    int hours = shaped ? std::stoi(text.substr(0, 2)) : -1;
    int minutes = shaped ? std::stoi(text.substr(3, 2)) : -1;
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
        throw UsageError("--time expects HH:MM between 00:00 and 23:59, got '" + text + "'");
    }
    return hours * 60 + minutes;
}

// When the citizen filled the form: now, or the local date and time typed from a paper form.
void set_times(Context& context, const RecordOptions& options, Rating& rating) {
    const Clock& clock = context.clock();
    UtcMillis now = clock.now_utc();
    if (options.date.empty() && options.time.empty()) {
        rating.created_utc = now;
        rating.utc_offset_minutes = clock.utc_offset_minutes(now);
        rating.local_date = local_date(now, rating.utc_offset_minutes);
        return;
    }
    std::string date = options.date.empty() ? context.today() : options.date;
    int minute_of_day = options.time.empty() ? 12 * 60 : parse_time_of_day(options.time);
    const LocalMoment moment = utc_of_local_time(clock, date, minute_of_day);
    rating.created_utc = moment.utc;
    rating.utc_offset_minutes = moment.offset_minutes;
    rating.local_date = date;
    if (rating.created_utc > now) {
        throw RefusedInput("the form's date and time " + date + " " +
                           (options.time.empty() ? "12:00" : options.time) + " lie in the future");
    }
}

std::string existing_rating_message(Store& store, const Rating& rating) {
    std::string message = "dossier " + rating.dossier_code + " already has a rating at stage " +
                          std::string(to_string(rating.stage));
    if (auto existing = store.find_rating_for_dossier(rating.dossier_code, rating.stage)) {
        message += " (rating " + existing->id + ", " + std::string(to_string(existing->channel)) +
                   ", " + format_utc_iso8601(existing->created_utc) + ")";
    }
    return message +
           ". One rating per dossier and stage; if the first one was entered by mistake, void "
           "it with: motcua void RATING_ID --reason TEXT";
}

int run_record(Context& context, const RecordOptions& options) {
    Rating rating;
    DossierCodeResult code = context.dossier_codes().check(options.dossier);
    if (!code.ok()) {
        throw RefusedInput("dossier code refused: " + code.message_en);
    }
    rating.dossier_code = code.code;
    parse_stage(options.stage, rating.stage);
    parse_channel(options.channel, rating.channel);

    const Form& form = context.form();
    if (!form.applies_to(rating.stage)) {
        throw RefusedInput("the form " + form.id + " v" + std::to_string(form.version) +
                           " is not used at stage " + options.stage);
    }
    try {
        fill_answers(form, rating.stage, make_choices(options), rating);
    } catch (const FormError& error) {
        throw RefusedInput(std::string("answers refused: ") + error.what() + "\n" +
                           answers_hint(form, rating.stage));
    }

    Store& store = context.store();
    if (!options.officer.empty()) {
        if (!store.find_official(options.officer)) {
            throw RefusedInput("no official with id '" + options.officer +
                               "' (see: motcua officer list)");
        }
        rating.official_id = options.officer;
    }
    set_times(context, options, rating);
    rating.id = make_uuid_v4();
    rating.form_id = form.id;
    rating.form_version = form.version;
    rating.kiosk_id = context.config().kiosk.kiosk_id;
    rating.unit_code = context.config().kiosk.unit_code;

    Rating saved;
    try {
        saved = store.save_rating(rating);
    } catch (const StoreError& error) {
        if (error.kind() == StoreErrorKind::duplicate_rating) {
            throw StoreError(StoreErrorKind::duplicate_rating,
                             existing_rating_message(store, rating));
        }
        throw;
    }
    // Durable now: the id goes out first, so a failure below cannot hide a saved rating.
    std::cout << saved.id << std::endl;

    try {
        store.append_audit(
            AuditEntry{0, context.clock().now_utc(), options.actor, "paper_entry", saved.id,
                       saved.dossier_code + " " + std::string(to_string(saved.stage)) + " " +
                           std::string(to_string(saved.channel))});
    } catch (const StoreError& error) {
        print_error(std::string("the rating is saved, but its audit entry was not: ") +
                    error.what());
    }
    return kExitOk;
}

}  // namespace

Command add_record_command(CLI::App& parent) {
    auto options = std::make_shared<RecordOptions>();
    CLI::App* app = parent.add_subcommand(
        "record", "Record a rating typed in from a paper form; prints its id once it is saved");
    app->add_option("--dossier", options->dossier, "Dossier code, e.g. 000.00.24.H18-221228-0001")
        ->required();
    app->add_option("--answer", options->answers,
                    "An answer QUESTION=OPTION (repeat for each question; ids from the form)")
        ->check(pair_validator())
        ->type_name("QUESTION=OPTION");
    app->add_option("--follow-up", options->follow_ups,
                    "A follow-up choice after a low answer, QUESTION=CHOICE (repeatable)")
        ->check(pair_validator())
        ->type_name("QUESTION=CHOICE");
    app->add_option("--stage", options->stage, "intake, supplement, refusal or return")
        ->check(CLI::IsMember({"intake", "supplement", "refusal", "return"}))
        ->capture_default_str();
    app->add_option("--officer", options->officer, "Id of the official at the desk");
    app->add_option("--channel", options->channel, "paper or kiosk")
        ->check(CLI::IsMember({"paper", "kiosk"}))
        ->capture_default_str();
    app->add_option("--date", options->date, "Local date the paper form was filled (default: now)")
        ->check(date_validator())
        ->type_name("YYYY-MM-DD");
    app->add_option("--time", options->time, "Local time on that date (default 12:00)")
        ->type_name("HH:MM");
    app->add_option("--actor", options->actor, "Who typed it in, for the audit log")
        ->capture_default_str();
    return {app, [options](Context& context) { return run_record(context, *options); }};
}

}  // namespace motcua::cli
