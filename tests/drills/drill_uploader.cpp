// Helper for the power-loss drill: the kiosk's uploader in its own process, running sync after
// sync against a real motcua-server until it is killed (or, with --once, one run to the end).
// Prints "run <outcome> <accepted> <duplicates>" after each run.
//
// Usage: drill_uploader DATABASE SERVER_URL TOKEN_FILE [--once]

#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <string>
#include <thread>

#include "core/config.hpp"
#include "core/form.hpp"
#include "storage/store.hpp"
#include "sync/uploader.hpp"
#include "tests/drills/drill_names.hpp"

int main(int argc, char** argv) {
    using namespace motcua;
    if (argc != 4 && argc != 5) {
        std::fprintf(stderr, "usage: %s DATABASE SERVER_URL TOKEN_FILE [--once]\n", argv[0]);
        return 2;
    }
    try {
        const bool once = argc == 5 && std::strcmp(argv[4], "--once") == 0;
        std::ifstream token_file(argv[3]);
        std::string token;
        std::getline(token_file, token);
        const Form form = load_form_file(assets_dir() / "forms" / "dienbien-phieu4.json");
        SyncOptions options;
        options.server_url = argv[2];
        options.kiosk_id = drills::kKioskId;
        options.token = token;
        options.batch_size = 50;
        options.app_version = "drill";
        options.form_id = form.id;
        options.form_version = form.version;
        options.http.connect_timeout_seconds = 5;
        options.http.total_timeout_seconds = 10;
        options.retry.max_attempts = 10;
        options.retry.base_delay = std::chrono::milliseconds(5);
        options.retry.max_delay = std::chrono::milliseconds(50);
        const SystemClock clock;
        Store store(argv[1]);
        while (true) {
            const SyncReport report = run_sync(store, options, clock);
            std::printf("run %s %lld %lld\n", std::string(to_string(report.outcome)).c_str(),
                        static_cast<long long>(report.counts.accepted),
                        static_cast<long long>(report.counts.duplicates));
            std::fflush(stdout);
            if (once) {
                return report.outcome == SyncOutcome::complete ? 0 : 1;
            }
            if (report.counts.sent == 0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "drill uploader: %s\n", error.what());
        return 1;
    }
}
