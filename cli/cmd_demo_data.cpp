// motcua demo-data: fills a database with realistic synthetic ratings for demos, screenshots
// and benchmarks (generator in reporting/demo_data.hpp).

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "reporting/demo_data.hpp"
#include "reporting/number_format.hpp"

namespace motcua::cli {

namespace {

struct DemoOptions {
    std::int64_t ratings = 0;
    int days = 30;
    std::uint64_t seed = 1;
    int officials = 5;
    std::string end_date;  // empty: today
};

int run_demo_data(Context& context, const DemoOptions& options) {
    const Config& config = context.config();
    DemoDataOptions demo;
    demo.ratings = options.ratings;
    demo.days = options.days;
    demo.seed = options.seed;
    demo.officials = options.officials;
    demo.end_date = options.end_date.empty() ? context.today() : options.end_date;
    UtcMillis now = context.clock().now_utc();
    demo.utc_offset_minutes = context.clock().utc_offset_minutes(now);
    demo.kiosk_id = config.kiosk.kiosk_id;
    demo.unit_code = config.kiosk.unit_code;
    check_demo_options(demo);

    const Form& form = context.form();
    const DossierCodeValidator& codes = context.dossier_codes();
    Store& store = context.store(OpenMode::create);

    bool show_progress = isatty(STDERR_FILENO) != 0;
    auto started = std::chrono::steady_clock::now();
    DemoDataResult result = write_demo_data(store, form, codes, demo, [&](std::int64_t saved) {
        if (show_progress) {
            std::cerr << "\r" << saved << " / " << demo.ratings << " ratings" << std::flush;
        }
    });
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (show_progress) {
        std::cerr << "\n";
    }

    std::cout << "Saved " << result.ratings << " ratings from " << result.first_date << " to "
              << result.last_date << " in " << format_fixed(seconds, 2) << " s";
    if (seconds > 0 && result.ratings > 0) {
        std::cout << " (" << format_fixed(static_cast<double>(result.ratings) / seconds, 0)
                  << " ratings/s)";
    }
    std::cout << "\n";
    std::cout << "Officials cb01..cb" << (options.officials < 10 ? "0" : "") << options.officials
              << " (" << result.officials_added << " added; cb01 is a supervisor; demo PIN "
              << kDemoPin << ")\n";
    return kExitOk;
}

}  // namespace

Command add_demo_data_command(CLI::App& parent) {
    auto options = std::make_shared<DemoOptions>();
    CLI::App* app = parent.add_subcommand(
        "demo-data", "Fill the database with realistic synthetic ratings (demos, benchmarks)");
    app->add_option("--ratings", options->ratings, "How many ratings")
        ->required()
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{100000000}));
    app->add_option("--days", options->days, "Over how many days, ending with --end-date")
        ->check(CLI::Range(1, 3660))
        ->capture_default_str();
    app->add_option("--seed", options->seed, "The same seed gives the same ratings")
        ->capture_default_str();
    app->add_option("--officials", options->officials, "How many officials (ids cb01...)")
        ->check(CLI::Range(1, 99))
        ->capture_default_str();
    app->add_option("--end-date", options->end_date, "Last day with ratings (default: today)")
        ->check(date_validator())
        ->type_name("YYYY-MM-DD");
    return {app, [options](Context& context) { return run_demo_data(context, *options); }};
}

}  // namespace motcua::cli
