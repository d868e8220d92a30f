// motcua init: create the database, or migrate an older one; safe to run again.

#include <filesystem>
#include <iostream>

#include "cli/command.hpp"

namespace motcua::cli {

namespace {

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
