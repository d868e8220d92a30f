// motcua-server: the reference provincial server. This file wires the subcommands (serve,
// kiosk, unit, unit-score, stats, report) to the store, the API and the report; see
// docs/server.md for each command and docs/sync-protocol.md for what kiosks send.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include <httplib.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "core/scoring.hpp"
#include "server/api.hpp"
#include "server/faults.hpp"
#include "server/report.hpp"
#include "server/server_store.hpp"
#include "server/tokens.hpp"

namespace {

using namespace motcua;
using namespace motcua::server;
using nlohmann::ordered_json;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

//-----------------------------------------------------------------------------
// serve
//-----------------------------------------------------------------------------

struct ServeOptions {
    std::string listen = "127.0.0.1:8443";
    std::string db;
    std::string tls_cert;
    std::string tls_key;
    int threads = 8;
    FaultSettings faults;
};

// "ADDR:PORT" or "[IPv6]:PORT"; port 0 picks a free port.
void split_listen(const std::string& listen, std::string& host, int& port) {
    static const std::regex shape(R"(^(\[[0-9A-Fa-f:.]+\]|[^:\[\]]+):([0-9]{1,5})$)");
    std::smatch match;
    if (!std::regex_match(listen, match, shape) || std::stoi(match[2].str()) > 65535) {
        throw UsageError("--listen: expected ADDR:PORT such as 0.0.0.0:8443, got '" + listen + "'");
    }
    host = match[1].str();
    if (host.front() == '[') {
        host = host.substr(1, host.size() - 2);
    }
    port = std::stoi(match[2].str());
}

int serve(const ServeOptions& options) {
    if (options.tls_cert.empty() != options.tls_key.empty()) {
        throw UsageError("--tls-cert and --tls-key go together");
    }
    if (const std::string problem = options.faults.problem(); !problem.empty()) {
        throw UsageError(problem);
    }
    std::string host;
    int port = 0;
    split_listen(options.listen, host, port);

    // Block the stop signals before any thread starts, so only the waiter below receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    const std::unique_ptr<ServerStore> store = open_sqlite_server_store(options.db);
    FaultInjector faults(options.faults);
    SystemClock clock;
    Api api(*store, faults, clock);

    std::unique_ptr<httplib::Server> server;
    if (options.tls_cert.empty()) {
        server = std::make_unique<httplib::Server>();
    } else {
        server =
            std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    }
    if (!server->is_valid()) {
        throw std::runtime_error("cannot load the TLS certificate " + options.tls_cert +
                                 " or key " + options.tls_key);
    }
    const int threads = options.threads;
    server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // A kiosk sends its batches one after another on one connection: keep it open.
    server->set_keep_alive_max_count(100000);
    server->set_keep_alive_timeout(30);
    // httplib writes an answer's headers and body in two writes; with Nagle's algorithm the
    // body then waits for the client's delayed ACK of the headers (up to 40 ms on Linux), which
    // was most of the time of a batch on loopback.
    server->set_tcp_nodelay(true);
    api.install(*server);

    const int bound = port == 0                          ? server->bind_to_any_port(host)
                      : server->bind_to_port(host, port) ? port
                                                         : -1;
    if (bound < 0) {
        throw std::runtime_error("cannot listen on " + options.listen);
    }
    const std::string scheme = options.tls_cert.empty() ? "http" : "https";
    const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    std::printf("motcua-server listening on %s://%s:%d\n", scheme.c_str(), shown_host.c_str(),
                bound);
    if (faults.settings().any()) {
        std::printf("fault injection is ON\n");
    }
    std::fflush(stdout);

    std::atomic<bool> stop_requested = false;
    std::thread stopper([&] {
        int received = 0;
        sigwait(&stop_signals, &received);
        stop_requested = true;
        server->stop();
    });
    const bool clean = server->listen_after_bind();
    if (!stop_requested) {
        // listen ended by itself (an error): wake the waiter so it can finish.
        pthread_kill(stopper.native_handle(), SIGTERM);
    }
    stopper.join();
    return clean ? kExitOk : kExitFailure;
}

//-----------------------------------------------------------------------------
// kiosk, unit, unit-score
//-----------------------------------------------------------------------------

void check_id(const std::string& value, const std::string& what) {
    static const std::regex shape(R"(^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$)");
    if (!std::regex_match(value, shape)) {
        throw UsageError(what + " '" + value +
                         "': use 1 to 64 letters, digits, dots, dashes or underscores");
    }
}

std::unique_ptr<ServerStore> open_existing(const std::string& db) {
    ServerStoreOptions options;
    options.create = false;
    return open_sqlite_server_store(db, options);
}

ordered_json optional_time(const std::optional<UtcMillis>& when) {
    return when ? ordered_json(format_utc_iso8601(*when)) : ordered_json(nullptr);
}

ordered_json kiosk_json(const KioskRecord& kiosk) {
    ordered_json json;
    json["kiosk_id"] = kiosk.kiosk_id;
    json["unit_code"] = kiosk.unit_code;
    json["created_at"] = format_utc_iso8601(kiosk.created_utc);
    json["revoked_at"] = optional_time(kiosk.revoked_utc);
    json["last_contact_at"] = optional_time(kiosk.last_contact_utc);
    json["last_heartbeat_at"] = optional_time(kiosk.last_heartbeat_utc);
    json["last_heartbeat"] = kiosk.last_heartbeat.empty()
                                 ? ordered_json(nullptr)
                                 : ordered_json::parse(kiosk.last_heartbeat, nullptr, false);
    return json;
}

int kiosk_add(const std::string& db, const std::string& id, const std::string& unit) {
    check_id(id, "kiosk id");
    check_id(unit, "unit code");
    const std::unique_ptr<ServerStore> store = open_sqlite_server_store(db);
    const std::string token = make_token();
    KioskRecord kiosk;
    kiosk.kiosk_id = id;
    kiosk.unit_code = unit;
    kiosk.token_hash = hash_token(token);
    kiosk.created_utc = SystemClock().now_utc();
    store->add_kiosk(kiosk);
    std::cerr << "Registered kiosk " << id << " for unit " << unit
              << ". Its token follows; it is shown only this once. Put it in the kiosk's "
                 "token file (sync.token_file).\n";
    std::cout << token << "\n";
    return kExitOk;
}

int kiosk_list(const std::string& db, bool json) {
    const std::unique_ptr<ServerStore> store = open_existing(db);
    const std::vector<KioskRecord> kiosks = store->list_kiosks();
    if (json) {
        ordered_json list = ordered_json::array();
        for (const KioskRecord& kiosk : kiosks) {
            list.push_back(kiosk_json(kiosk));
        }
        std::cout << list.dump(2) << "\n";
        return kExitOk;
    }
    for (const KioskRecord& kiosk : kiosks) {
        std::cout << kiosk.kiosk_id << "  unit " << kiosk.unit_code << "  "
                  << (kiosk.revoked_utc ? "REVOKED " + format_utc_iso8601(*kiosk.revoked_utc)
                                        : std::string("active"))
                  << "  last contact "
                  << (kiosk.last_contact_utc ? format_utc_iso8601(*kiosk.last_contact_utc)
                                             : std::string("never"))
                  << "\n";
    }
    return kExitOk;
}

int kiosk_revoke(const std::string& db, const std::string& id) {
    const std::unique_ptr<ServerStore> store = open_existing(db);
    store->revoke_kiosk(id, SystemClock().now_utc());
    std::cout << "Kiosk " << id << " is revoked: its token no longer works.\n";
    return kExitOk;
}

ScoringProfile load_scoring(const std::string& path) {
    return load_scoring_file(path.empty() ? assets_dir() / "scoring" / "dienbien-2022.json"
                                          : std::filesystem::path(path));
}

int unit_set(const std::string& db, const UnitInfo& unit) {
    check_id(unit.unit_code, "unit code");
    if (unit.name.empty()) {
        throw UsageError("--name must not be empty");
    }
    const std::unique_ptr<ServerStore> store = open_existing(db);
    store->set_unit(unit);
    std::cout << "Unit " << unit.unit_code << " is named '" << unit.name << "'"
              << (unit.group.empty() ? std::string() : " in group '" + unit.group + "'") << ".\n";
    return kExitOk;
}

int unit_score_set(const std::string& db, const std::string& scoring, const std::string& unit,
                   const std::string& period_text, const std::string& indicator_id, double score) {
    check_id(unit, "unit code");
    const ScoringProfile profile = load_scoring(scoring);
    const IndicatorDef* indicator = profile.find_indicator(indicator_id);
    if (indicator == nullptr) {
        throw UsageError("--indicator: '" + indicator_id + "' is not in scoring profile " +
                         profile.id);
    }
    if (score < 0 || score > indicator->max_points) {
        throw UsageError("--score: " + indicator_id + " scores between 0 and " +
                         std::to_string(indicator->max_points));
    }
    Period period;
    try {
        period = parse_period(period_text);
    } catch (const std::invalid_argument& error) {
        throw UsageError(std::string("--period: ") + error.what());
    }
    const std::unique_ptr<ServerStore> store = open_existing(db);
    store->set_unit_score(UnitScore{unit, period.from, period.to, indicator_id, score});
    std::cout << "Unit " << unit << ", " << period.from << " .. " << period.to << ": "
              << indicator_id << " = " << score << " (entered by the agency).\n";
    return kExitOk;
}

//-----------------------------------------------------------------------------
// stats, report
//-----------------------------------------------------------------------------

int stats(const std::string& db, bool json) {
    const std::unique_ptr<ServerStore> store = open_existing(db);
    const ServerStats figures = store->stats();
    ordered_json out;
    out["ratings"] = figures.ratings;
    out["voided"] = figures.voided;
    out["batches"] = figures.batches;
    out["accepted"] = figures.accepted;
    out["duplicates_answered"] = figures.duplicates_answered;
    out["conflicts"] = figures.conflicts;
    out["rejected"] = figures.rejected;
    out["kiosks"] = ordered_json::array();
    for (const KioskRecord& kiosk : figures.kiosks) {
        out["kiosks"].push_back(kiosk_json(kiosk));
    }
    if (json) {
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "Ratings stored:      " << figures.ratings << " (" << figures.voided
              << " voided)\n"
              << "Batches answered:    " << figures.batches << "\n"
              << "Accepted:            " << figures.accepted << "\n"
              << "Duplicates answered: " << figures.duplicates_answered << "\n"
              << "Conflicts:           " << figures.conflicts << "\n"
              << "Rejected:            " << figures.rejected << "\n"
              << "Kiosks:              " << figures.kiosks.size() << "\n";
    return kExitOk;
}

int report(const std::string& db, const std::string& scoring, const std::string& from,
           const std::string& to, const std::string& format_text) {
    ReportFormat format = ReportFormat::table;
    if (!parse_report_format(format_text, format)) {
        throw UsageError("--format: expected table, csv or json, got '" + format_text + "'");
    }
    Period period;
    try {
        period = make_period(from, to);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    const ScoringProfile profile = load_scoring(scoring);
    const std::unique_ptr<ServerStore> store = open_existing(db);
    std::cout << render_province_report(build_province_report(*store, profile, period), format);
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"motcua-server: the reference provincial server for motcua kiosks",
                 "motcua-server"};
    app.require_subcommand(1);

    std::string db;
    const auto add_db = [&db](CLI::App* command) {
        command->add_option("--db", db, "Server database file (SQLite)")
            ->required()
            ->type_name("PATH");
    };

    ServeOptions serve_options;
    CLI::App* serve_command = app.add_subcommand("serve", "Answer kiosks over HTTPS");
    add_db(serve_command);
    serve_command->add_option("--listen", serve_options.listen, "ADDR:PORT (port 0: any free)")
        ->capture_default_str();
    serve_command->add_option("--tls-cert", serve_options.tls_cert, "PEM certificate chain")
        ->check(CLI::ExistingFile);
    serve_command->add_option("--tls-key", serve_options.tls_key, "PEM private key")
        ->check(CLI::ExistingFile);
    serve_command->add_option("--threads", serve_options.threads, "Worker threads")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    FaultSettings& faults = serve_options.faults;
    serve_command->add_option("--fault-5xx", faults.server_error_rate,
                              "Share of requests answered 500/502/503/504 (tests and drills)");
    serve_command->add_option("--fault-drop-before-body", faults.drop_before_body_rate,
                              "Share of requests whose connection is closed before the body");
    serve_command->add_option("--fault-drop-after-commit", faults.drop_after_commit_rate,
                              "Share of batches stored whose answer is never sent");
    serve_command->add_option("--fault-delay-rate", faults.delay_rate,
                              "Share of answers delayed by --fault-delay-ms");
    serve_command->add_option("--fault-delay-ms", faults.delay_ms, "Delay of delayed answers");
    serve_command
        ->add_option("--fault-retry-after", faults.retry_after_seconds,
                     "Retry-After seconds sent with injected 503s")
        ->capture_default_str();
    serve_command->add_option("--fault-seed", faults.seed, "Seed of the fault dice (0: random)");

    CLI::App* kiosk_command = app.add_subcommand("kiosk", "Register, list and revoke kiosks");
    kiosk_command->require_subcommand(1);
    std::string kiosk_id;
    std::string unit_code;
    bool json = false;
    CLI::App* kiosk_add_command =
        kiosk_command->add_subcommand("add", "Register a kiosk and print its new token once");
    add_db(kiosk_add_command);
    kiosk_add_command->add_option("--id", kiosk_id, "Kiosk id (as in its configuration)")
        ->required();
    kiosk_add_command->add_option("--unit", unit_code, "Unit code the kiosk rates for")->required();
    CLI::App* kiosk_list_command = kiosk_command->add_subcommand("list", "List kiosks");
    add_db(kiosk_list_command);
    kiosk_list_command->add_flag("--json", json, "Machine-readable output");
    CLI::App* kiosk_revoke_command =
        kiosk_command->add_subcommand("revoke", "Revoke a kiosk's token for good");
    add_db(kiosk_revoke_command);
    kiosk_revoke_command->add_option("ID", kiosk_id, "Kiosk id")->required();

    UnitInfo unit;
    CLI::App* unit_command = app.add_subcommand("unit", "Name units and group them for reports");
    unit_command->require_subcommand(1);
    CLI::App* unit_set_command = unit_command->add_subcommand("set", "Set a unit's name and group");
    add_db(unit_set_command);
    unit_set_command->add_option("--unit", unit.unit_code, "Unit code")->required();
    unit_set_command->add_option("--name", unit.name, "Name shown in reports")->required();
    unit_set_command->add_option("--group", unit.group,
                                 "Group heading, e.g. 'I. Các cơ quan chuyên môn thuộc UBND tỉnh'");

    std::string scoring;
    std::string period;
    std::string indicator;
    double score = 0;
    CLI::App* unit_score_command =
        app.add_subcommand("unit-score", "Agency-entered indicator scores per unit and period");
    unit_score_command->require_subcommand(1);
    CLI::App* unit_score_set_command =
        unit_score_command->add_subcommand("set", "Enter or replace one score");
    add_db(unit_score_set_command);
    unit_score_set_command->add_option("--unit", unit_code, "Unit code")->required();
    unit_score_set_command
        ->add_option("--period", period, "2022, 2022-Q4, 2022-12 or 2022-06-01..2022-12-31")
        ->required();
    unit_score_set_command->add_option("--indicator", indicator, "CS1..CS9")->required();
    unit_score_set_command->add_option("--score", score, "Points, 0..the indicator's maximum")
        ->required();
    unit_score_set_command->add_option(
        "--scoring", scoring, "Scoring profile (default: assets/scoring/dienbien-2022.json)");

    CLI::App* stats_command = app.add_subcommand("stats", "What the server holds and answered");
    add_db(stats_command);
    stats_command->add_flag("--json", json, "Machine-readable output");

    std::string from;
    std::string to;
    std::string format = "table";
    CLI::App* report_command =
        app.add_subcommand("report", "Province-wide table: units grouped and ranked by total");
    add_db(report_command);
    report_command->add_option("--from", from, "First local date, YYYY-MM-DD")->required();
    report_command->add_option("--to", to, "Last local date, YYYY-MM-DD")->required();
    report_command->add_option("--format", format, "table, csv or json")->capture_default_str();
    report_command->add_option("--scoring", scoring,
                               "Scoring profile (default: assets/scoring/dienbien-2022.json)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error);
    }

    try {
        if (serve_command->parsed()) {
            serve_options.db = db;
            return serve(serve_options);
        }
        if (kiosk_add_command->parsed()) {
            return kiosk_add(db, kiosk_id, unit_code);
        }
        if (kiosk_list_command->parsed()) {
            return kiosk_list(db, json);
        }
        if (kiosk_revoke_command->parsed()) {
            return kiosk_revoke(db, kiosk_id);
        }
        if (unit_set_command->parsed()) {
            return unit_set(db, unit);
        }
        if (unit_score_set_command->parsed()) {
            return unit_score_set(db, scoring, unit_code, period, indicator, score);
        }
        if (stats_command->parsed()) {
            return stats(db, json);
        }
        if (report_command->parsed()) {
            return report(db, scoring, from, to, format);
        }
    } catch (const UsageError& error) {
        std::cerr << "motcua-server: " << error.what() << "\n";
        return kExitUsage;
    } catch (const std::exception& error) {
        std::cerr << "motcua-server: " << error.what() << "\n";
        return kExitFailure;
    }
    return kExitUsage;
}
