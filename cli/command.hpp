#pragma once
// How a subcommand plugs into main: each cmd_*.cpp adds its CLI11 subcommand to the app and
// returns what to run when the user chose it. Exit codes and the errors that map to them.

#include <functional>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace motcua::cli {

// Documented in docs/cli.md; scripts depend on them.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,    // database, configuration, I/O
    kExitUsage = 2,      // bad command line
    kExitDuplicate = 3,  // this dossier already has a rating at this stage
    kExitRefused = 4,    // input refused: dossier code, answers, unknown id, PIN...
    kExitProblems = 5,   // `check` found problems
};

// The command line parsed but does not make sense (e.g. a period that ends before it starts).
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Input the product refuses: the message says what was wrong and what is expected.
class RefusedInput : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Command {
    CLI::App* app = nullptr;
    std::function<int(Context&)> run;
};

Command add_init_command(CLI::App& parent);
Command add_officer_command(CLI::App& parent);
Command add_record_command(CLI::App& parent);
Command add_tally_command(CLI::App& parent);
Command add_report_command(CLI::App& parent);
Command add_status_command(CLI::App& parent);
Command add_void_command(CLI::App& parent);
Command add_check_command(CLI::App& parent);
Command add_demo_data_command(CLI::App& parent);
Command add_sync_command(CLI::App& parent);
Command add_backup_command(CLI::App& parent);
Command add_restore_command(CLI::App& parent);
Command add_doctor_command(CLI::App& parent);

// A CLI11 validator for a real calendar date written YYYY-MM-DD.
CLI::Validator date_validator();

}  // namespace motcua::cli
