// motcua void: a supervisor takes a rating out of the tallies, with a reason. The rating stays
// stored; the void is kept in the audit log and uploaded like a rating.

#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "core/text.hpp"
#include "core/uuid.hpp"

namespace motcua::cli {

namespace {

struct VoidOptions {
    std::string rating_id;
    std::string reason;
    std::string actor;
};

std::string clean_reason(const std::string& reason) {
    if (!is_valid_utf8(reason)) {
        throw RefusedInput("the reason is not valid UTF-8");
    }
    std::string nfc = to_nfc(reason);
    if (nfc.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw RefusedInput("the reason is empty; say why the rating is voided");
    }
    return nfc;
}

// Voiding is a supervisor's decision: a named actor must be an active supervisor or admin.
std::string check_actor(Store& store, const std::string& actor) {
    if (actor.empty()) {
        return "cli";
    }
    std::optional<Official> official = store.find_official(actor);
    if (!official || !official->active) {
        throw RefusedInput("no active official with id '" + actor + "'");
    }
    if (official->role == Role::official) {
        throw RefusedInput("official '" + actor +
                           "' may not void ratings (needs the supervisor or admin role)");
    }
    return actor;
}

int run_void(Context& context, const VoidOptions& options) {
    std::string id = options.rating_id;
    std::transform(id.begin(), id.end(), id.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!is_uuid(id)) {
        throw RefusedInput("'" + options.rating_id + "' is not a rating id (a UUID)");
    }
    std::string reason = clean_reason(options.reason);
    Store& store = context.store();
    std::string actor = check_actor(store, options.actor);

    std::optional<Rating> rating = store.find_rating(id);
    if (!rating) {
        throw RefusedInput("no rating with id " + id);
    }
    if (std::optional<VoidRecord> earlier = store.find_void(id)) {
        throw RefusedInput("rating " + id + " was already voided at " +
                           format_utc_iso8601(earlier->voided_utc) + " by " + earlier->actor +
                           ": " + earlier->reason);
    }
    store.void_rating(id, reason, actor, context.clock().now_utc());
    std::cout << "Voided rating " << id << " (dossier " << rating->dossier_code << ", stage "
              << to_string(rating->stage) << ", " << rating->local_date << ")\n";
    return kExitOk;
}

}  // namespace

Command add_void_command(CLI::App& parent) {
    auto options = std::make_shared<VoidOptions>();
    CLI::App* app = parent.add_subcommand(
        "void", "Take a rating out of the tallies with a reason (it stays stored and audited)");
    app->add_option("RATING_ID", options->rating_id, "The rating's id")->required();
    app->add_option("--reason", options->reason, "Why it is voided")->required();
    app->add_option("--actor", options->actor,
                    "Supervisor or admin id for the audit log (default: cli)");
    return {app, [options](Context& context) { return run_void(context, *options); }};
}

}  // namespace motcua::cli
