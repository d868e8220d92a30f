// Issue #6 item 5 (storage cost) and issue #2's demo-data speed: bytes per rating in the
// database file at N ratings (default 1,000,000), per table from SQLite's dbstat, and the rate
// at which `motcua demo-data`'s code path (write_demo_data: the generator and RatingBulkSave,
// the kiosk's checks and stored rows) fills a fresh database, in CPU and wall time.
//
// Usage: storage_bytes [--ratings N] [--days D] [--runs R] [--dir DIR] [--keep] [--json FILE]
// Each run fills a fresh DIR/storage_bytes.db (removed at the end unless --keep); the rates
// are medians over R runs (default 3); the bytes come from the last run (the data is the same
// every run: the generator is deterministic). DIR should be on the disk you want to measure.

#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/figures.hpp"
#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "reporting/demo_data.hpp"
#include "storage/store.hpp"

using namespace motcua;

namespace {

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void remove_database(const std::filesystem::path& file) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(file.string() + suffix);
    }
}

struct Fill {
    double cpu_s = 0;
    double wall_s = 0;
};

Fill fill(const std::filesystem::path& file, const Form& form, std::int64_t ratings, int days) {
    remove_database(file);
    DemoDataOptions options;
    options.ratings = ratings;
    options.days = days;
    options.end_date = "2025-12-31";
    options.kiosk_id = "kiosk-01";
    options.unit_code = "000.00.24.H18";
    const DossierCodeValidator validator{DossierCodeRules{}};
    const double cpu_start = cpu_seconds();
    const auto wall_start = std::chrono::steady_clock::now();
    {
        Store store(file);
        write_demo_data(store, form, validator, options);
    }
    return {cpu_seconds() - cpu_start,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count()};
}

// Bytes per table (its indexes included) from dbstat, after a checkpoint, and the file size.
struct Sizes {
    std::int64_t file_bytes = 0;
    std::map<std::string, std::int64_t> tables;
};

Sizes measure(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.string().c_str(), &db) != SQLITE_OK) {
        throw std::runtime_error("cannot open " + file.string());
    }
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_stmt* rows = nullptr;
    if (sqlite3_prepare_v2(
            db,
            "SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d "
            "LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY 1 ORDER BY 2 DESC",
            -1, &rows, nullptr) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error("dbstat: " + message);
    }
    Sizes sizes;
    while (sqlite3_step(rows) == SQLITE_ROW) {
        sizes.tables[reinterpret_cast<const char*>(sqlite3_column_text(rows, 0))] =
            sqlite3_column_int64(rows, 1);
    }
    sqlite3_finalize(rows);
    sqlite3_close(db);
    sizes.file_bytes = static_cast<std::int64_t>(std::filesystem::file_size(file));
    return sizes;
}

int usage() {
    std::fprintf(stderr,
                 "usage: storage_bytes [--ratings N] [--days D] [--runs R] [--dir DIR] [--keep] "
                 "[--json FILE]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::int64_t ratings = 1'000'000;
    int days = 365;
    int runs = 3;
    bool keep = false;
    std::filesystem::path dir = std::filesystem::current_path();
    std::string json_path;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--keep") {
            keep = true;
            continue;
        }
        if (i + 1 >= argc) {
            return usage();
        }
        const std::string value = argv[++i];
        if (option == "--ratings") {
            ratings = std::atoll(value.c_str());
        } else if (option == "--days") {
            days = std::atoi(value.c_str());
        } else if (option == "--runs") {
            runs = std::atoi(value.c_str());
        } else if (option == "--dir") {
            dir = value;
        } else if (option == "--json") {
            json_path = value;
        } else {
            return usage();
        }
    }
    if (ratings < 1 || days < 1 || runs < 1) {
        std::fprintf(stderr, "storage_bytes: --ratings, --days and --runs must be positive\n");
        return 2;
    }
    try {
        const Form form = load_form_file(MOTCUA_DEFAULT_FORM);
        const std::filesystem::path file = dir / "storage_bytes.db";
        std::vector<double> cpu_per_million, wall_per_million, rates;
        const double millions = static_cast<double>(ratings) / 1e6;
        for (int run = 1; run <= runs; ++run) {
            const Fill time = fill(file, form, ratings, days);
            std::fprintf(stderr, "run %d: %lld ratings in %.2f s CPU, %.2f s wall\n", run,
                         static_cast<long long>(ratings), time.cpu_s, time.wall_s);
            cpu_per_million.push_back(time.cpu_s / millions);
            wall_per_million.push_back(time.wall_s / millions);
            rates.push_back(static_cast<double>(ratings) / time.wall_s);
        }
        const Sizes sizes = measure(file);
        if (!keep) {
            remove_database(file);
        }
        const double per_rating =
            static_cast<double>(sizes.file_bytes) / static_cast<double>(ratings);
        const std::string at = std::to_string(ratings) + " ratings over " + std::to_string(days) +
                               " days, all still pending upload";

        std::vector<bench::Figure> figures;
        bench::Figure bytes;
        bytes.id = "bytes_per_rating";
        bytes.label = "Database file per rating";
        bytes.value = per_rating;
        bytes.unit = "B";
        bytes.target = "< 250";
        bytes.met = per_rating < 250;
        bytes.note = at + " (file size after a checkpoint / ratings)";
        figures.push_back(bytes);
        for (const auto& [table, table_bytes] : sizes.tables) {
            bench::Figure part;
            part.id = "bytes_per_rating_" + table;
            part.label = "  of which " + table + " (with its indexes)";
            part.value = static_cast<double>(table_bytes) / static_cast<double>(ratings);
            part.unit = "B";
            part.note = "dbstat";
            figures.push_back(part);
        }
        bench::Figure cpu;
        cpu.id = "demo_data_cpu_s_per_million";
        cpu.label = "demo-data: CPU per million ratings";
        cpu.value = bench::median(cpu_per_million);
        cpu.unit = "s";
        cpu.runs = runs;
        cpu.note = at + "; write_demo_data, the code of motcua demo-data";
        figures.push_back(cpu);
        bench::Figure wall = cpu;
        wall.id = "demo_data_wall_s_per_million";
        wall.label = "demo-data: wall time per million ratings";
        wall.value = bench::median(wall_per_million);
        wall.target = "< 60";  // issue #2: a million ratings "well under a minute"
        wall.met = wall.value < 60;
        figures.push_back(wall);
        bench::Figure rate = cpu;
        rate.id = "demo_data_ratings_per_s";
        rate.label = "demo-data: ratings saved per second (wall)";
        rate.value = bench::median(rates);
        rate.unit = "ratings/s";
        rate.target.clear();
        rate.met.reset();
        figures.push_back(rate);
        bench::publish("storage_bytes", figures, json_path);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "storage_bytes: %s\n", error.what());
        return 1;
    }
    return 0;
}
