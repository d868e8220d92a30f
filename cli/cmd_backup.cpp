// motcua backup / motcua restore: the kiosk database's online backup (SQLite backup API, the
// kiosk keeps saving meanwhile) and its restore. See docs/deployment.md, "Backup and restore".

#include <iostream>
#include <string>

#include "cli/command.hpp"
#include "storage/backup.hpp"

namespace motcua::cli {

namespace {

struct BackupArgs {
    std::string directory;  // empty: "backups" beside the database
    int keep = 14;
};

int run_backup(Context& context, const BackupArgs& args) {
    std::filesystem::path database = context.database_path();
    BackupOptions options;
    options.directory = args.directory.empty() ? database.parent_path() / "backups"
                                               : std::filesystem::path(args.directory);
    options.keep = args.keep;
    BackupResult result = backup_database(database, options, context.clock().now_utc());
    std::cout << "Backup written: " << result.file.string() << " (" << result.bytes << " bytes, "
              << result.pages << " pages in " << result.steps << " steps";
    if (result.restarts > 0) {
        std::cout << ", restarted " << result.restarts << " time(s) after new saves";
    }
    std::cout << ")\n";
    for (const auto& removed : result.removed) {
        std::cout << "Removed old backup: " << removed.string() << "\n";
    }
    return kExitOk;
}

int run_restore(Context& context, const std::string& backup) {
    std::filesystem::path database = context.database_path();
    RestoreResult result = restore_database(backup, database, context.clock().now_utc());
    std::cout << "Restored " << database.string() << " from " << backup << " (schema version "
              << result.schema_version << ")\n";
    if (!result.safety_copy.empty()) {
        std::cout << "The replaced database is kept as " << result.safety_copy.string() << "\n";
    }
    // restore_database has run quick_check on the backup; opening migrates an older schema,
    // so a restored backup of an earlier version is ready for the kiosk now.
    Store& store = context.store(OpenMode::existing);
    std::cout << "Database ready (schema version " << store.schema_version()
              << "); start the kiosk again: systemctl start motcua-kiosk\n";
    return kExitOk;
}

}  // namespace

Command add_backup_command(CLI::App& parent) {
    CLI::App* app = parent.add_subcommand(
        "backup",
        "Copy the database to a backup folder while the kiosk keeps running, and keep the last N "
        "backups");
    auto args = std::make_shared<BackupArgs>();
    app->add_option("--dir", args->directory,
                    "Backup folder (created when missing); default: 'backups' beside the database")
        ->type_name("DIR");
    app->add_option("--keep", args->keep, "How many backups of this database to keep (default 14)")
        ->check(CLI::Range(1, 1000));
    return {app, [args](Context& context) { return run_backup(context, *args); }};
}

Command add_restore_command(CLI::App& parent) {
    CLI::App* app = parent.add_subcommand(
        "restore",
        "Replace the database with a backup (refused while the kiosk has it open; the replaced "
        "file is kept)");
    auto backup = std::make_shared<std::string>();
    app->add_option("FILE", *backup, "The backup file, from 'motcua backup'")
        ->required()
        ->check(CLI::ExistingFile);
    return {app, [backup](Context& context) { return run_restore(context, *backup); }};
}

}  // namespace motcua::cli
