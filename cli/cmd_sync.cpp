// motcua sync: one upload to the provincial server now, with progress on stderr and a summary.
// Exits non-zero when anything that should have gone is still pending because of a failure.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "sync/options.hpp"
#include "sync/uploader.hpp"

namespace motcua::cli {

namespace {

struct SyncFlags {
    std::string server;
    std::string kiosk_id;
    std::string token_file;
};

std::string rate_text(std::int64_t items, std::int64_t elapsed_ms) {
    if (elapsed_ms <= 0) {
        return "-";
    }
    return std::to_string(items * 1000 / elapsed_ms) + " items/s";
}

// One line per answered batch; on a terminal the line is rewritten in place.
void show_progress(const SyncProgress& progress) {
    const bool terminal = isatty(STDERR_FILENO) != 0;
    if (!progress.waiting.empty()) {
        std::cerr << (terminal ? "\n" : "") << "  " << progress.waiting << "\n";
        return;
    }
    const SyncCounts& counts = progress.counts;
    std::cerr << (terminal ? "\r" : "") << "  batch " << counts.batches << ": " << counts.sent
              << " of " << progress.pending_at_start << " items answered, "
              << rate_text(counts.sent, progress.elapsed_ms) << (terminal ? "   " : "\n")
              << std::flush;
}

void print_summary(const SyncReport& report) {
    const SyncCounts& counts = report.counts;
    if (isatty(STDERR_FILENO) != 0 && counts.batches > 0) {
        std::cerr << "\n";
    }
    std::cout << "Sync " << to_string(report.outcome) << ": " << counts.sent << " items in "
              << counts.batches << " batches (" << counts.accepted << " accepted, "
              << counts.duplicates << " already there, " << counts.conflicts << " conflicts, "
              << counts.rejected << " rejected) in " << report.elapsed_ms / 1000.0 << " s, "
              << rate_text(counts.sent, report.elapsed_ms) << "\n"
              << "Still waiting to upload: " << report.pending_after
              << "; quarantined: " << report.quarantined_after
              << (report.quarantined_after > 0 ? " (reasons: motcua status)" : "") << "\n";
    if (report.clock_drift_ms) {
        // The drift is the server's time minus this kiosk's.
        const std::int64_t drift = *report.clock_drift_ms;
        std::cout << "Clock: this kiosk is " << (drift >= 0 ? drift : -drift) << " ms "
                  << (drift >= 0 ? "behind" : "ahead of") << " the server"
                  << (report.large_drift ? ": too far, set this machine's clock" : "") << "\n";
    }
    if (!report.error.empty()) {
        print_error(report.error);
    }
    if (!report.heartbeat_error.empty()) {
        print_error("heartbeat: " + report.heartbeat_error);
    }
}

int run_sync_command(Context& context, const SyncFlags& flags) {
    Config config = context.config();
    if (!flags.server.empty()) {
        config.sync.server_url = flags.server;
    }
    if (!flags.kiosk_id.empty()) {
        config.kiosk.kiosk_id = flags.kiosk_id;
    }
    if (!flags.token_file.empty()) {
        config.sync.token_file = flags.token_file;
    }
    const SyncOptions options = sync_options_from_config(config);
    Store& store = context.store();
    std::cerr << "Uploading to " << options.server_url << " as kiosk " << options.kiosk_id << "\n";
    const SyncReport report = run_sync(store, options, context.clock(), show_progress);
    print_summary(report);
    return report.outcome == SyncOutcome::complete ? kExitOk : kExitFailure;
}

}  // namespace

Command add_sync_command(CLI::App& parent) {
    auto flags = std::make_shared<SyncFlags>();
    CLI::App* app = parent.add_subcommand(
        "sync", "Upload every rating and void not yet acknowledged to the provincial server now");
    app->add_option("--server", flags->server, "Server URL; overrides sync.server_url")
        ->type_name("URL");
    app->add_option("--kiosk-id", flags->kiosk_id, "Kiosk id; overrides kiosk.kiosk_id");
    app->add_option("--token-file", flags->token_file,
                    "File holding the kiosk's token; overrides sync.token_file")
        ->type_name("PATH");
    return {app, [flags](Context& context) { return run_sync_command(context, *flags); }};
}

}  // namespace motcua::cli
