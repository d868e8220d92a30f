// motcua tally: the day's figures (the same model the kiosk's staff screen draws).

#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "reporting/day_tally.hpp"
#include "reporting/tally_render.hpp"

namespace motcua::cli {

namespace {

struct TallyOptions {
    std::string date;   // empty: today
    bool json = false;  // the same as --format json
    std::string format = "text";
};

int run_tally(Context& context, const TallyOptions& options) {
    const Config& config = context.config();
    TallySettings settings{config.kiosk.kiosk_id, config.kiosk.unit_code,
                           config.kiosk.min_ratings_per_official};
    std::string date = options.date.empty() ? context.today() : options.date;
    DayTally tally = load_day_tally(context.store(OpenMode::for_reading), date, context.form(),
                                    context.scoring(), settings);
    if (options.json || options.format == "json") {
        print_json(day_tally_to_json(tally));
    } else if (options.format == "csv") {
        std::cout << render_day_tally_csv(tally, config.kiosk.language);
    } else {
        std::cout << render_day_tally_text(tally, config.kiosk.language);
    }
    return kExitOk;
}

}  // namespace

Command add_tally_command(CLI::App& parent) {
    auto options = std::make_shared<TallyOptions>();
    CLI::App* app = parent.add_subcommand("tally", "The day's tally");
    app->add_option("--date", options->date, "Local date (default: today)")
        ->check(date_validator())
        ->type_name("YYYY-MM-DD");
    app->add_flag("--json", options->json, "Machine-readable output (see docs/cli.md)");
    app->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    return {app, [options](Context& context) { return run_tally(context, *options); }};
}

}  // namespace motcua::cli
