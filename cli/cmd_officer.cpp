// motcua officer add|list|disable: the officials who sign in at the kiosk. A PIN is read from
// standard input (twice, without echo, on a terminal), never from the command line.

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "core/text.hpp"

namespace motcua::cli {

namespace {

// Turns terminal echo off for its lifetime.
class EchoOff {
  public:
    EchoOff() {
        if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
            termios quiet = saved_;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff() {
        if (active_) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

  private:
    termios saved_{};
    bool active_ = false;
};

std::string read_line(const char* prompt, bool terminal) {
    std::string line;
    if (terminal) {
        std::cerr << prompt << std::flush;
        EchoOff quiet;
        std::getline(std::cin, line);
        std::cerr << "\n";
    } else {
        std::getline(std::cin, line);
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

std::string read_pin() {
    bool terminal = isatty(STDIN_FILENO) != 0;
    std::string pin = read_line("PIN (4 to 12 digits): ", terminal);
    if (pin.empty()) {
        throw RefusedInput("no PIN on standard input (give 4 to 12 digits on the first line)");
    }
    if (pin.size() < 4 || pin.size() > 12 ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        throw RefusedInput("the PIN must be 4 to 12 digits");
    }
    if (terminal && read_line("Repeat the PIN: ", terminal) != pin) {
        throw RefusedInput("the two PINs differ; nothing was saved");
    }
    return pin;
}

void check_official_id(const std::string& id) {
    bool plain = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
    if (!plain) {
        throw RefusedInput("an official id is 1 to 64 letters, digits, '.', '_' or '-' (got '" +
                           id + "')");
    }
}

std::string clean_name(const std::string& name) {
    if (!is_valid_utf8(name)) {
        throw RefusedInput("the name is not valid UTF-8");
    }
    std::string nfc = to_nfc(name);
    auto first = nfc.find_first_not_of(" \t");
    if (first == std::string::npos) {
        throw RefusedInput("the name is empty");
    }
    nfc = nfc.substr(first, nfc.find_last_not_of(" \t") - first + 1);
    if (std::any_of(nfc.begin(), nfc.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
        throw RefusedInput("the name contains control characters");
    }
    return nfc;
}

struct AddOptions {
    std::string id;
    std::string name;
    std::string role = "official";
};

int run_add(Context& context, const AddOptions& options) {
    Official official;
    check_official_id(options.id);
    official.id = options.id;
    official.name = clean_name(options.name);
    parse_role(options.role, official.role);
    official.active = true;

    Store& store = context.store();
    if (store.find_official(official.id)) {
        throw RefusedInput("an official with id '" + official.id + "' already exists");
    }
    std::string pin = read_pin();
    store.add_official(official, pin);
    store.append_audit(AuditEntry{0, context.clock().now_utc(), "cli", "officer_add", official.id,
                                  std::string(to_string(official.role))});
    std::cout << "Added " << to_string(official.role) << " " << official.id << " (" << official.name
              << ")\n";
    return kExitOk;
}

int run_list(Context& context, bool json) {
    std::vector<Official> officials = context.store(OpenMode::for_reading).list_officials();
    if (json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& official : officials) {
            nlohmann::ordered_json item;
            item["id"] = official.id;
            item["name"] = official.name;
            item["role"] = std::string(to_string(official.role));
            item["active"] = official.active;
            list.push_back(item);
        }
        print_json(list);
        return kExitOk;
    }
    if (officials.empty()) {
        std::cout << "No officials yet. Add one with: motcua officer add --id ID --name NAME\n";
    }
    for (const auto& official : officials) {
        std::cout << official.id << "\t" << official.name << "\t" << to_string(official.role)
                  << (official.active ? "" : "\tdisabled") << "\n";
    }
    return kExitOk;
}

int run_disable(Context& context, const std::string& id) {
    Store& store = context.store();
    std::optional<Official> official = store.find_official(id);
    if (!official) {
        throw RefusedInput("no official with id '" + id + "'");
    }
    if (!official->active) {
        std::cout << "Official " << id << " was already disabled\n";
        return kExitOk;
    }
    store.set_official_active(id, false);
    store.append_audit(
        AuditEntry{0, context.clock().now_utc(), "cli", "officer_disable", id, official->name});
    std::cout << "Disabled official " << id << " (" << official->name << ")\n";
    return kExitOk;
}

}  // namespace

Command add_officer_command(CLI::App& parent) {
    CLI::App* app = parent.add_subcommand("officer", "Officials who sign in at the kiosk");
    app->require_subcommand(1);

    auto add = std::make_shared<AddOptions>();
    CLI::App* add_app = app->add_subcommand(
        "add", "Add an official; the PIN (4 to 12 digits) is read from standard input");
    add_app->add_option("--id", add->id, "Official id, e.g. cb01")->required();
    add_app->add_option("--name", add->name, "Full name (UTF-8)")->required();
    add_app->add_option("--role", add->role, "official, supervisor or admin")
        ->check(CLI::IsMember({"official", "supervisor", "admin"}))
        ->capture_default_str();
    add_app->footer(
        "The PIN is read from standard input (twice, without echo, on a terminal); it is never "
        "accepted as an argument.");

    auto list_json = std::make_shared<bool>(false);
    CLI::App* list_app = app->add_subcommand("list", "List the officials");
    list_app->add_flag("--json", *list_json, "Machine-readable output (see docs/cli.md)");

    auto disable_id = std::make_shared<std::string>();
    CLI::App* disable_app =
        app->add_subcommand("disable", "Stop an official from signing in (kept for the records)");
    disable_app->add_option("ID", *disable_id, "Official id")->required();

    return {app, [=](Context& context) {
                if (add_app->parsed()) {
                    return run_add(context, *add);
                }
                if (list_app->parsed()) {
                    return run_list(context, *list_json);
                }
                return run_disable(context, *disable_id);
            }};
}

}  // namespace motcua::cli
