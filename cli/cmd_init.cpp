// motcua init: create the database, or migrate an older one; safe to run again.

#include <cstdint>
#include <filesystem>
#include <iostream>

#include "cli/command.hpp"

namespace motcua::cli {

namespace {

// Free pages under this share of the file are left for SQLite to reuse.
constexpr double kCompactWhenFreeShare = 0.25;

// After a migration that dropped old tables (schema 1 -> 2 frees most of the file) or years of
// delivered outbox rows, give the free pages back to the disk, when the disk has room for
// SQLite's temporary copy. A kiosk's SD card is small; a skipped compaction only costs space.
void compact_if_worth_it(Store& store) {
    namespace fs = std::filesystem;
    const auto file_bytes = static_cast<std::int64_t>(fs::file_size(store.path()));
    const std::int64_t free_bytes = store.free_bytes();
    if (file_bytes == 0 || static_cast<double>(free_bytes) < kCompactWhenFreeShare * file_bytes) {
        return;
    }
    std::error_code error;
    const fs::space_info disk = fs::space(fs::absolute(store.path()).parent_path(), error);
    const auto megabytes = [](std::int64_t bytes) {
        return bytes < (10 << 20) ? std::to_string(bytes >> 10) + " KB"
                                  : std::to_string(bytes >> 20) + " MB";
    };
    if (error || static_cast<std::int64_t>(disk.available) < 2 * file_bytes) {
        std::cout << "Not compacted: " << megabytes(free_bytes) << " of the "
                  << megabytes(file_bytes) << " file are free pages, and compacting needs about "
                  << megabytes(2 * file_bytes) << " free on the disk. Free space and run "
                  << "`motcua init` again.\n";
        return;
    }
    store.compact();
    std::cout << "Compacted: " << megabytes(file_bytes) << " -> "
              << megabytes(static_cast<std::int64_t>(fs::file_size(store.path())))
              << " (free pages given back to the disk)\n";
}

int run_init(Context& context) {
    // The profiles are checked first so a bad configuration is found at installation, not by
    // the first citizen.
    const Form& form = context.form();
    const ScoringProfile& scoring = context.scoring();
    context.dossier_codes();
    bool existed = std::filesystem::exists(context.database_path());
    Store& store = context.store(OpenMode::create);
    std::cout << (existed ? "Database ready: " : "Database created: ") << store.path().string()
              << " (schema version " << store.schema_version() << ")\n";
    if (existed) {
        compact_if_worth_it(store);
    }
    std::cout << "Form " << form.id << " v" << form.version << ", scoring profile " << scoring.id
              << " v" << scoring.version << "\n";
    return kExitOk;
}

}  // namespace

Command add_init_command(CLI::App& parent) {
    CLI::App* app = parent.add_subcommand(
        "init", "Create the database, or migrate it to this version (safe to run again)");
    return {app, [](Context& context) { return run_init(context); }};
}

}  // namespace motcua::cli
