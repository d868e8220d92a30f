// The kiosk's save path against its physical reference: Store::save_rating (one rating, its
// dossier claim, outbox row and rollups, one BEGIN IMMEDIATE transaction, fsync at COMMIT)
// beside a bare SQLite INSERT of a row of the same size into a one-table database with the
// same pragmas (WAL, synchronous=FULL, 32 MiB cache), also one transaction per row.
// Ratings are the demo generator's, so sizes and answers are realistic.
//
// Usage: storage_save [--saves N] [--runs R] [--dir DIR] [--open DB]
// DIR (default: the current folder) must be on the disk you want to measure (not tmpfs).
// Prints p50 and p99 latency per run and the median over runs, for both paths.
// With --open DB it instead times opening an existing database (e.g. 1,000,000 ratings from
// motcua demo-data) the kiosk's way, and with OpenOptions::quick_check, median of R runs.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "reporting/demo_data.hpp"
#include "storage/store.hpp"

using namespace motcua;

namespace {

struct Percentiles {
    double p50_ms = 0;
    double p99_ms = 0;
};

Percentiles percentiles(std::vector<double> samples_ms) {
    std::sort(samples_ms.begin(), samples_ms.end());
    auto at = [&](double share) {
        return samples_ms[static_cast<std::size_t>(share *
                                                   static_cast<double>(samples_ms.size() - 1))];
    };
    return {at(0.50), at(0.99)};
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

std::vector<Rating> demo_ratings(const Form& form, std::int64_t count) {
    DemoDataOptions options;
    options.ratings = count;
    options.days = 30;
    options.end_date = "2025-06-30";
    options.kiosk_id = "bench-kiosk";
    options.unit_code = "000.00.24.H18";
    options.chunk_size = static_cast<std::size_t>(count);
    DemoRatingGenerator generator(form, options);
    std::vector<Rating> ratings;
    generator.next_chunk(ratings);
    return ratings;
}

void check(int rc, sqlite3* db, const char* doing) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        throw std::runtime_error(std::string(doing) + ": " + sqlite3_errmsg(db));
    }
}

void exec(sqlite3* db, const char* sql) {
    check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

// Store::save_rating, one call per rating, on a fresh database.
std::vector<double> time_store(const std::filesystem::path& file,
                               const std::vector<Rating>& ratings, std::int64_t& row_bytes) {
    Store store(file);
    std::vector<double> samples;
    for (const Rating& rating : ratings) {
        auto start = std::chrono::steady_clock::now();
        store.save_rating(rating);
        samples.push_back(elapsed_ms(start));
    }
    sqlite3* db = nullptr;
    sqlite3_open(file.string().c_str(), &db);
    sqlite3_stmt* size = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT avg(length(payload) + length(id) + length(dossier_code) + "
                       "length(stage) + length(channel) + length(official_id) + length(form_id) "
                       "+ length(local_date) + length(kiosk_id) + length(unit_code) + 5 * 8) "
                       "FROM ratings",
                       -1, &size, nullptr);
    sqlite3_step(size);
    row_bytes = sqlite3_column_int64(size, 0);
    sqlite3_finalize(size);
    sqlite3_close(db);
    return samples;
}

// A bare INSERT of `row_bytes` bytes per row, same pragmas, one transaction per row.
std::vector<double> time_bare(const std::filesystem::path& file, std::size_t count,
                              std::int64_t row_bytes) {
    sqlite3* db = nullptr;
    check(sqlite3_open(file.string().c_str(), &db), db, "opening the bare database");
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = FULL");
    exec(db, "PRAGMA cache_size = -32768");
    exec(db, "CREATE TABLE bare (sequence INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO bare (payload) VALUES (?1)", -1, &insert, nullptr),
          db, "preparing the insert");
    const std::string payload(static_cast<std::size_t>(row_bytes), 'x');
    std::vector<double> samples;
    for (std::size_t i = 0; i < count; ++i) {
        auto start = std::chrono::steady_clock::now();
        exec(db, "BEGIN IMMEDIATE");
        sqlite3_bind_text(insert, 1, payload.data(), static_cast<int>(payload.size()),
                          SQLITE_STATIC);
        check(sqlite3_step(insert), db, "inserting");
        sqlite3_reset(insert);
        exec(db, "COMMIT");
        samples.push_back(elapsed_ms(start));
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return samples;
}

void remove_database(const std::filesystem::path& file) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(file.string() + suffix);
    }
}

// Opening `db` R times with `options`; the median in milliseconds.
double median_open_ms(const std::filesystem::path& db, const OpenOptions& options, int runs) {
    std::vector<double> samples;
    for (int run = 0; run < runs; ++run) {
        auto start = std::chrono::steady_clock::now();
        Store store(db, options);
        samples.push_back(elapsed_ms(start));
    }
    return median(samples);
}

}  // namespace

int main(int argc, char** argv) {
    std::int64_t saves = 500;
    int runs = 3;
    std::filesystem::path dir = std::filesystem::current_path();
    std::filesystem::path open_db;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--saves") {
            saves = std::atoll(argv[i + 1]);
        } else if (option == "--runs") {
            runs = std::atoi(argv[i + 1]);
        } else if (option == "--dir") {
            dir = argv[i + 1];
        } else if (option == "--open") {
            open_db = argv[i + 1];
        } else {
            std::fprintf(stderr,
                         "usage: storage_save [--saves N] [--runs R] [--dir DIR] [--open DB]\n");
            return 2;
        }
    }
    if (saves < 2 || runs < 1) {
        std::fprintf(stderr, "storage_save: --saves must be at least 2, --runs at least 1\n");
        return 2;
    }
    if (!open_db.empty()) {
        const double plain = median_open_ms(open_db, OpenOptions{.create = false}, runs);
        const double checked =
            median_open_ms(open_db, OpenOptions{.create = false, .quick_check = true}, runs);
        std::printf("open %s, median of %d: default %.1f ms, with quick_check %.1f ms\n",
                    open_db.string().c_str(), runs, plain, checked);
        return 0;
    }
    const Form form = load_form_file(MOTCUA_DEFAULT_FORM);
    const std::vector<Rating> ratings = demo_ratings(form, saves);
    const std::filesystem::path store_file = dir / "storage_save_store.db";
    const std::filesystem::path bare_file = dir / "storage_save_bare.db";

    std::vector<double> store_p50, store_p99, bare_p50, bare_p99;
    for (int run = 1; run <= runs; ++run) {
        remove_database(store_file);
        remove_database(bare_file);
        std::int64_t row_bytes = 0;
        const Percentiles store = percentiles(time_store(store_file, ratings, row_bytes));
        const Percentiles bare = percentiles(time_bare(bare_file, ratings.size(), row_bytes));
        std::printf(
            "run %d: save_rating p50 %.3f ms p99 %.3f ms | bare insert (%lld B) "
            "p50 %.3f ms p99 %.3f ms\n",
            run, store.p50_ms, store.p99_ms, static_cast<long long>(row_bytes), bare.p50_ms,
            bare.p99_ms);
        store_p50.push_back(store.p50_ms);
        store_p99.push_back(store.p99_ms);
        bare_p50.push_back(bare.p50_ms);
        bare_p99.push_back(bare.p99_ms);
    }
    remove_database(store_file);
    remove_database(bare_file);
    const double p50 = median(store_p50);
    const double bare = median(bare_p50);
    std::printf(
        "median of %d runs, %lld saves each: save_rating p50 %.3f ms p99 %.3f ms; bare "
        "insert p50 %.3f ms p99 %.3f ms; ratio p50 %.2f\n",
        runs, static_cast<long long>(saves), p50, median(store_p99), bare, median(bare_p99),
        p50 / bare);
    return 0;
}
