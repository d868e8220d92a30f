// motcua doctor: is this machine ready to be a kiosk? Checks the configuration and profiles, the
// database, the fonts, the display, the clock, the disk space and the provincial server, and
// says in plain words what to fix. Exit code 5 when something must be fixed; warnings alone
// (no display over SSH, an unsynchronised clock) leave it 0.
//
// [SECTION] Findings
// [SECTION] Checks
// [SECTION] Command

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>

#include "cli/command.hpp"
#include "core/clock_drift.hpp"
#include "sync/options.hpp"
#include "sync/sync_state.hpp"
#include "sync/uploader.hpp"

namespace motcua::cli {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Findings
//-----------------------------------------------------------------------------

class Findings {
  public:
    void ok(const std::string& what) { std::cout << "ok       " << what << "\n"; }
    void warn(const std::string& what, const std::string& fix) {
        std::cout << "WARN     " << what << "\n         fix: " << fix << "\n";
    }
    void problem(const std::string& what, const std::string& fix) {
        std::cout << "PROBLEM  " << what << "\n         fix: " << fix << "\n";
        ++problems_;
    }
    int problems() const { return problems_; }

  private:
    int problems_ = 0;
};

constexpr std::uintmax_t kMiB = 1024 * 1024;
// Below this the kiosk may fail to save: must be fixed. Below the warning level: soon.
constexpr std::uintmax_t kDiskProblemBytes = 100 * kMiB;
constexpr std::uintmax_t kDiskWarningBytes = 1024 * kMiB;
constexpr int kFirstSaneYear = 2024;
constexpr int kLastSaneYear = 2100;

// The first line `command` prints, or nullopt when it could not run or failed.
std::optional<std::string> first_line_of(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return std::nullopt;
    }
    char buffer[256];
    std::string line;
    if (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        line = buffer;
    }
    int status = pclose(pipe);
    if (status != 0) {
        return std::nullopt;
    }
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.pop_back();
    }
    return line;
}

//-----------------------------------------------------------------------------
// [SECTION] Checks
//-----------------------------------------------------------------------------

bool check_config(Context& context, Findings& findings) {
    try {
        const Config& config = context.config();
        findings.ok("configuration " + (config.source.empty() ? std::string("(built-in defaults)")
                                                              : config.source.string()));
    } catch (const ConfigError& error) {
        findings.problem(std::string("configuration: ") + error.what(),
                         "correct the file named above (every key is described in "
                         "/usr/share/doc/motcua-kiosk/kiosk.example.toml), or pass --config "
                         "/etc/motcua/kiosk.toml");
        return false;
    }
    const std::string profile_fix =
        "point [form] profile / [scoring] profile at an existing file, or leave them out to use "
        "the profiles installed with motcua";
    try {
        const Form& form = context.form();
        findings.ok("form " + form.id + " v" + std::to_string(form.version));
    } catch (const std::exception& error) {
        findings.problem(std::string("form profile: ") + error.what(), profile_fix);
    }
    try {
        const ScoringProfile& scoring = context.scoring();
        findings.ok("scoring profile " + scoring.id + " v" + std::to_string(scoring.version));
    } catch (const std::exception& error) {
        findings.problem(std::string("scoring profile: ") + error.what(), profile_fix);
    }
    return true;
}

Store* check_database(Context& context, Findings& findings) {
    const std::filesystem::path path = context.database_path();
    if (!std::filesystem::exists(path)) {
        findings.problem("database " + path.string() + " does not exist",
                         "create it: motcua --config <file> init (as the kiosk's user)");
        return nullptr;
    }
    try {
        // The doctor is asked when something looks wrong: it pays for the whole-file check.
        Store& store = context.store(OpenMode::checked);
        StoreCounts counts = store.counts();
        findings.ok("database " + path.string() + ": opens, schema version " +
                    std::to_string(store.schema_version()) + ", quick_check passed, " +
                    std::to_string(counts.ratings_total) + " ratings, " +
                    std::to_string(counts.pending_upload) + " waiting for upload");
        return &store;
    } catch (const StoreError& error) {
        std::string fix =
            "run 'motcua check'; if the file is damaged, restore the last backup "
            "(docs/deployment.md, \"Backup and restore\")";
        if (error.kind() == StoreErrorKind::newer_schema) {
            fix = "install the newer motcua-kiosk package that made this database";
        } else if (error.kind() == StoreErrorKind::cannot_open) {
            fix = "check the file's owner and permissions (the kiosk runs as user 'motcua')";
        }
        findings.problem(std::string("database: ") + error.what(), fix);
        return nullptr;
    }
}

void check_fonts(Findings& findings) {
    std::vector<std::filesystem::path> folders;
    if (const char* dir = std::getenv("MOTCUA_FONT_DIR"); dir != nullptr && *dir != '\0') {
        folders.emplace_back(dir);
    }
    folders.emplace_back("/usr/share/fonts/truetype/noto");
    for (const auto& folder : folders) {
        if (std::filesystem::exists(folder / "NotoSans-Regular.ttf") &&
            std::filesystem::exists(folder / "NotoSans-Bold.ttf")) {
            findings.ok("fonts: Noto Sans in " + folder.string());
            return;
        }
    }
    findings.problem(
        "fonts: Noto Sans (regular and bold) not found; Vietnamese text would be "
        "drawn with a fallback font or not at all",
        "apt install fonts-noto-core");
}

void check_display(Findings& findings) {
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const char* x11 = std::getenv("DISPLAY");
    if ((wayland != nullptr && *wayland != '\0') || (x11 != nullptr && *x11 != '\0')) {
        std::string which = (x11 != nullptr && *x11 != '\0')
                                ? std::string("DISPLAY=") + x11
                                : std::string("WAYLAND_DISPLAY=") + wayland;
        findings.ok("display: " + which);
        return;
    }
    findings.warn("display: neither DISPLAY nor WAYLAND_DISPLAY is set here",
                  "normal over SSH: the kiosk session gets its display from cage "
                  "(systemctl status motcua-kiosk); on a desktop, run from a graphical terminal");
}

void check_clock(Context& context, Findings& findings) {
    const UtcMillis now = context.clock().now_utc();
    const int year = std::stoi(context.today().substr(0, 4));
    if (year < kFirstSaneYear || year > kLastSaneYear) {
        findings.problem("clock: the date is " + context.today() + " (" + format_utc_iso8601(now) +
                             "); ratings would carry a wrong date",
                         "set the date and time: timedatectl set-time 'YYYY-MM-DD HH:MM:SS', "
                         "then enable time sync: timedatectl set-ntp true");
        return;
    }
    std::optional<std::string> synced =
        first_line_of("timedatectl show --property=NTPSynchronized --value 2>/dev/null");
    if (!synced) {
        findings.warn("clock: " + context.today() +
                          ", but timedatectl could not say whether it "
                          "is synchronised",
                      "check that systemd-timesyncd (or chrony) runs");
    } else if (*synced == "yes") {
        findings.ok("clock: " + context.today() + ", synchronised with NTP");
    } else {
        findings.warn("clock: " + context.today() + ", not synchronised with NTP",
                      "timedatectl set-ntp true (needs network access to an NTP server)");
    }
}

void check_disk(Context& context, Findings& findings) {
    std::filesystem::path folder = context.database_path().parent_path();
    if (folder.empty()) {
        folder = ".";
    }
    std::error_code error;
    const std::filesystem::space_info space = std::filesystem::space(folder, error);
    if (error) {
        findings.problem(
            "disk: cannot read the free space of " + folder.string() + ": " + error.message(),
            "check that the database folder exists and is mounted");
        return;
    }
    const std::string figure =
        std::to_string(space.available / kMiB) + " MiB free in " + folder.string();
    if (space.available < kDiskProblemBytes) {
        findings.problem("disk: only " + figure + "; saving ratings may fail",
                         "free space: old backups in /var/backups/motcua (keep fewer with "
                         "--keep), journalctl --vacuum-size=100M, apt clean");
    } else if (space.available < kDiskWarningBytes) {
        findings.warn("disk: " + figure,
                      "free some space soon (old backups, journalctl "
                      "--vacuum-size=100M, apt clean)");
    } else {
        findings.ok("disk: " + figure);
    }
}

void check_server(Context& context, Store* store, Findings& findings) {
    const Config& config = context.config();
    if (config.sync.server_url.empty()) {
        findings.ok("server: uploads are off ([sync] server_url is empty); ratings stay here");
        return;
    }
    SyncOptions options;
    try {
        options = sync_options_from_config(config);
    } catch (const std::exception& error) {
        findings.problem(std::string("server: ") + error.what(),
                         "put the kiosk's token (from 'motcua-server kiosk add') in the file "
                         "named by [sync] token_file, readable by user 'motcua'");
        return;
    }
    if (store == nullptr) {
        findings.problem("server: not tested, the database did not open", "fix the database first");
        return;
    }
    ConnectionCheck check = test_connection(*store, options, context.clock());
    if (!check.ok) {
        findings.problem("server: " + check.message,
                         "check [sync] server_url, the network and the token; a revoked or "
                         "mistyped token needs a new one from the province's IT "
                         "('motcua-server kiosk add')");
        return;
    }
    findings.ok("server: " + check.message);
    if (check.clock_drift_ms) {
        const std::int64_t drift = *check.clock_drift_ms;
        const std::int64_t offset = clock_offset_from_drift(drift);
        if (drift > options.large_drift.count() || -drift > options.large_drift.count()) {
            findings.problem("clock: " + describe_clock_offset(offset) +
                                 "; new ratings would carry a wrong time",
                             "enable time sync: timedatectl set-ntp true");
        } else if (flagged_clock_offset(offset)) {
            findings.warn("clock: " + describe_clock_offset(offset),
                          "enable time sync: timedatectl set-ntp true");
        }
    }
}

// What the uploads and the store noticed earlier: a clock far from the server's at the last
// upload, and the clock going back between two ratings.
void check_clock_history(Store* store, Findings& findings) {
    if (store == nullptr) {
        return;
    }
    const SyncStatus status = read_sync_status(*store);
    if (status.clock_offset_ms) {
        findings.warn("clock: at the last upload " + describe_clock_offset(*status.clock_offset_ms),
                      "enable time sync: timedatectl set-ntp true; ratings keep their order "
                      "(by sequence number) but their times may be off");
    }
    if (status.clock_back_jump_utc) {
        findings.warn("clock: the clock went back (last time at " +
                          format_utc_iso8601(*status.clock_back_jump_utc) +
                          "); ratings saved around then may show a wrong time",
                      "enable time sync: timedatectl set-ntp true, and check the machine's "
                      "battery-backed clock (CMOS battery)");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Command
//-----------------------------------------------------------------------------

int run_doctor(Context& context) {
    Findings findings;
    if (!check_config(context, findings)) {
        check_fonts(findings);
        check_display(findings);
        print_error("1 problem must be fixed first (the configuration); see above");
        return kExitProblems;
    }
    Store* store = check_database(context, findings);
    check_fonts(findings);
    check_display(findings);
    check_clock(context, findings);
    check_disk(context, findings);
    check_clock_history(store, findings);
    check_server(context, store, findings);
    if (findings.problems() > 0) {
        print_error(std::to_string(findings.problems()) + " problem(s) to fix; see above");
        return kExitProblems;
    }
    std::cout << "Everything needed is in order.\n";
    return kExitOk;
}

}  // namespace

Command add_doctor_command(CLI::App& parent) {
    CLI::App* app = parent.add_subcommand(
        "doctor",
        "Check this kiosk: configuration, database, fonts, display, clock, disk space and the "
        "server; says what to fix");
    return {app, [](Context& context) { return run_doctor(context); }};
}

}  // namespace motcua::cli
