// motcua: the command line for staff and IT. This file only wires the subcommands together and
// turns exceptions into messages and exit codes (see command.hpp and docs/cli.md).

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "core/config.hpp"
#include "core/form.hpp"
#include "core/scoring.hpp"
#include "storage/store.hpp"

namespace {

using namespace motcua;
using namespace motcua::cli;

// The deepest subcommand the user named, for the "--help" hint.
std::string command_path(const CLI::App& app) {
    std::string path = app.get_name();
    const CLI::App* current = &app;
    while (!current->get_subcommands().empty()) {
        current = current->get_subcommands().front();
        path += " " + current->get_name();
    }
    return path;
}

int usage_error(const CLI::App& app, const CLI::ParseError& error, int argc, char** argv) {
    print_error(error.what());
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--pin", 5) == 0) {
            print_error(
                "a PIN is never accepted on the command line (it would stay in the shell history "
                "and the process list); motcua reads it from standard input");
        }
    }
    std::cerr << "Run '" << command_path(app) << " --help' to see the options.\n";
    return kExitUsage;
}

int run_command(const Command& command, const GlobalOptions& options, const std::string& path) {
    try {
        Context context(options);
        return command.run(context);
    } catch (const UsageError& error) {
        print_error(error.what());
        std::cerr << "Run '" << path << " --help' to see the options.\n";
        return kExitUsage;
    } catch (const RefusedInput& error) {
        print_error(error.what());
        return kExitRefused;
    } catch (const StoreError& error) {
        print_error(error.what());
        return error.kind() == StoreErrorKind::duplicate_rating ? kExitDuplicate : kExitFailure;
    } catch (const ConfigError& error) {
        print_error(std::string("configuration: ") + error.what());
        return kExitFailure;
    } catch (const FormError& error) {
        print_error(std::string("form profile: ") + error.what());
        return kExitFailure;
    } catch (const ScoringError& error) {
        print_error(std::string("scoring profile: ") + error.what());
        return kExitFailure;
    } catch (const std::invalid_argument& error) {
        print_error(error.what());
        return kExitRefused;
    } catch (const std::exception& error) {
        print_error(error.what());
        return kExitFailure;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "motcua: staff and IT tools for the one-stop counter's satisfaction kiosk "
        "(database, officials, paper forms, tallies, reports)",
        "motcua"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "motcua " MOTCUA_VERSION);
    // Options of the main command are accepted after a subcommand too: "motcua tally --db x".
    app.fallthrough();

    GlobalOptions options;
    app.add_option("--config", options.config_path,
                   "Configuration file (TOML, see docs/configuration.md); default: built-in "
                   "defaults")
        ->type_name("PATH");
    app.add_option("--db", options.db_path, "Database file; overrides the configuration's database")
        ->type_name("PATH");

    std::vector<Command> commands = {
        add_init_command(app),   add_officer_command(app), add_record_command(app),
        add_tally_command(app),  add_report_command(app),  add_status_command(app),
        add_void_command(app),   add_check_command(app),   add_demo_data_command(app),
        add_sync_command(app),   add_backup_command(app),  add_restore_command(app),
        add_doctor_command(app),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
            return app.exit(error);  // --help
        }
        return usage_error(app, error, argc, argv);
    }

    for (const auto& command : commands) {
        if (command.app->parsed()) {
            return run_command(command, options, command_path(app));
        }
    }
    return kExitUsage;
}
