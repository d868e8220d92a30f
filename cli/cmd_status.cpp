// motcua status: what IT asks first: which kiosk, how many ratings, what still waits for upload.

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "core/clock_drift.hpp"
#include "sync/sync_state.hpp"

namespace motcua::cli {

namespace {

// The sync worker's timestamps as ISO 8601 UTC: stored ISO text is normalised, stored
// milliseconds are formatted, anything else is shown as it is.
nlohmann::ordered_json utc_text(const std::optional<std::string>& stored) {
    if (!stored) {
        return nullptr;
    }
    UtcMillis when = 0;
    if (parse_utc_iso8601(*stored, when)) {
        return format_utc_iso8601(when);
    }
    bool digits = !stored->empty() && std::all_of(stored->begin(), stored->end(),
                                                  [](char c) { return c >= '0' && c <= '9'; });
    if (digits && stored->size() < 18) {
        return format_utc_iso8601(std::stoll(*stored));
    }
    return *stored;
}

nlohmann::ordered_json optional_text(const std::optional<std::string>& stored) {
    return stored ? nlohmann::ordered_json(*stored) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json status_json(Context& context) {
    const Config& config = context.config();
    Store& store = context.store(OpenMode::for_reading);
    StoreCounts counts = store.counts();
    std::optional<UtcMillis> oldest = store.oldest_pending_utc();

    nlohmann::ordered_json json;
    json["kiosk_id"] = config.kiosk.kiosk_id;
    json["unit_code"] = config.kiosk.unit_code;
    json["database"] = store.path().string();
    json["schema_version"] = store.schema_version();
    json["ratings_total"] = counts.ratings_total;
    json["voided"] = counts.voided;
    json["pending_upload"] = counts.pending_upload;
    json["quarantined"] = counts.quarantined;
    json["oldest_pending_at"] =
        oldest ? nlohmann::ordered_json(format_utc_iso8601(*oldest)) : nullptr;
    json["last_sync_success_at"] = utc_text(store.get_state("sync.last_success_utc"));
    json["last_error"] = optional_text(store.get_state("sync.last_error"));
    const SyncStatus sync = read_sync_status(store);
    // Kiosk minus server, whole seconds; null while the clock is within kClockOffsetLimit.
    json["clock_offset_seconds"] = sync.clock_offset_ms
                                       ? nlohmann::ordered_json(*sync.clock_offset_ms / 1000)
                                       : nlohmann::ordered_json(nullptr);
    json["clock_back_jump_utc"] =
        sync.clock_back_jump_utc
            ? nlohmann::ordered_json(format_utc_iso8601(*sync.clock_back_jump_utc))
            : nlohmann::ordered_json(nullptr);
    return json;
}

std::string text_or(const nlohmann::ordered_json& value, const char* absent) {
    return value.is_null() ? absent : value.get<std::string>();
}

int run_status(Context& context, bool json) {
    nlohmann::ordered_json status = status_json(context);
    if (json) {
        print_json(status);
        return kExitOk;
    }
    std::cout << "Kiosk:             " << status["kiosk_id"].get<std::string>() << "\n"
              << "Unit:              " << status["unit_code"].get<std::string>() << "\n"
              << "Database:          " << status["database"].get<std::string>() << " (schema "
              << status["schema_version"].get<int>() << ")\n"
              << "Ratings:           " << status["ratings_total"].get<std::int64_t>() << " ("
              << status["voided"].get<std::int64_t>() << " voided)\n"
              << "Waiting to upload: " << status["pending_upload"].get<std::int64_t>()
              << " (oldest: " << text_or(status["oldest_pending_at"], "none") << ")\n"
              << "Quarantined:       " << status["quarantined"].get<std::int64_t>() << "\n"
              << "Last upload:       " << text_or(status["last_sync_success_at"], "never") << "\n"
              << "Last error:        " << text_or(status["last_error"], "none") << "\n";
    if (!status["clock_offset_seconds"].is_null()) {
        std::cout << "Clock:             "
                  << describe_clock_offset(status["clock_offset_seconds"].get<std::int64_t>() *
                                           1000)
                  << "\n";
    }
    if (!status["clock_back_jump_utc"].is_null()) {
        std::cout << "Clock went back:   " << status["clock_back_jump_utc"].get<std::string>()
                  << "\n";
    }
    return kExitOk;
}

}  // namespace

Command add_status_command(CLI::App& parent) {
    auto json = std::make_shared<bool>(false);
    CLI::App* app = parent.add_subcommand("status", "Kiosk, counts and upload state");
    app->add_flag("--json", *json, "Machine-readable output (see docs/cli.md)");
    return {app, [json](Context& context) { return run_status(context, *json); }};
}

}  // namespace motcua::cli
