// CLI11 validators shared by several subcommands.

#include "cli/command.hpp"
#include "core/clock.hpp"

namespace motcua::cli {

CLI::Validator date_validator() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            if (!is_valid_date(text)) {
                return "expected a real date YYYY-MM-DD, got '" + text + "'";
            }
            return "";
        },
        "YYYY-MM-DD");
}

}  // namespace motcua::cli
