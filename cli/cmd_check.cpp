// motcua check: is this kiosk's data sound? Opens the database (quick_check), runs SQLite's
// integrity_check, compares the tally rollups with the stored ratings, and loads the
// configuration, form and scoring profiles. Exit code 5 when anything is wrong.

#include <iostream>
#include <string>

#include "cli/command.hpp"

namespace motcua::cli {

namespace {

class Findings {
  public:
    void ok(const std::string& what) { std::cout << "ok       " << what << "\n"; }
    void problem(const std::string& what) {
        std::cout << "PROBLEM  " << what << "\n";
        ++problems_;
    }
    int problems() const { return problems_; }

  private:
    int problems_ = 0;
};

// Every figure of a tally comes from per-day rollups kept beside the ratings: over all dates
// they must count exactly the stored ratings.
void check_rollups(Store& store, Findings& findings) {
    StoreCounts counts = store.counts();
    Aggregates all = store.aggregate(RatingFilter{"", "", std::nullopt});
    std::int64_t kept = counts.ratings_total - counts.voided;
    if (all.ratings == kept && all.voided == counts.voided) {
        findings.ok("tallies agree with the stored ratings (" + std::to_string(kept) +
                    " counted, " + std::to_string(counts.voided) + " voided)");
    } else {
        findings.problem("tallies disagree with the stored ratings: rollups count " +
                         std::to_string(all.ratings) + " ratings and " +
                         std::to_string(all.voided) + " voided, the ratings table " +
                         std::to_string(kept) + " and " + std::to_string(counts.voided));
    }
}

void check_database(Context& context, Findings& findings) {
    Store* store = nullptr;
    try {
        store = &context.store(OpenMode::checked);
        findings.ok("database " + store->path().string() + " opens (quick_check passed), schema " +
                    std::to_string(store->schema_version()));
    } catch (const StoreError& error) {
        findings.problem(std::string("database: ") + error.what());
        return;
    }
    std::vector<std::string> integrity = store->integrity_check();
    if (integrity.empty()) {
        findings.ok("integrity_check passed");
    } else {
        for (const auto& finding : integrity) {
            findings.problem("integrity_check: " + finding);
        }
    }
    check_rollups(*store, findings);
}

void check_profiles(Context& context, Findings& findings) {
    try {
        const Form& form = context.form();
        findings.ok("form " + form.id + " v" + std::to_string(form.version) + " (" +
                    context.config().form_profile.string() + ")");
    } catch (const FormError& error) {
        findings.problem(std::string("form profile: ") + error.what());
    }
    try {
        const ScoringProfile& scoring = context.scoring();
        findings.ok("scoring profile " + scoring.id + " v" + std::to_string(scoring.version) +
                    " (" + context.config().scoring_profile.string() + ")");
    } catch (const ScoringError& error) {
        findings.problem(std::string("scoring profile: ") + error.what());
    }
    try {
        findings.ok("dossier code rules accept their example " +
                    context.dossier_codes().rules().example);
    } catch (const ConfigError& error) {
        findings.problem(error.what());
    }
}

int run_check(Context& context) {
    Findings findings;
    try {
        context.config();
        findings.ok("configuration " + (context.config().source.empty()
                                            ? std::string("(built-in defaults)")
                                            : context.config().source.string()));
    } catch (const ConfigError& error) {
        findings.problem(std::string("configuration: ") + error.what());
        return kExitProblems;
    }
    check_database(context, findings);
    check_profiles(context, findings);
    if (findings.problems() > 0) {
        print_error(std::to_string(findings.problems()) + " problem(s) found");
        return kExitProblems;
    }
    return kExitOk;
}

}  // namespace

Command add_check_command(CLI::App& parent) {
    CLI::App* app = parent.add_subcommand(
        "check", "Check the database's integrity, the tallies and the configuration");
    return {app, [](Context& context) { return run_check(context); }};
}

}  // namespace motcua::cli
