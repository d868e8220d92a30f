// Issue #6 item 1: the kiosk's save path against its physical reference. Store::save_rating
// (one rating, its outbox row and rollups, one BEGIN IMMEDIATE transaction, fsync at COMMIT)
// beside a bare SQLite INSERT of a row of the same size as the stored rating row into a
// one-table database with the same pragmas (WAL, synchronous=FULL, 32 MiB cache), also one
// transaction per row (SQLite's automatic checkpoint on). The store is opened as the kiosk
// opens it, with deferred checkpoints, and checkpoint_if_due() runs untimed after each save as
// the kiosk runs it once the thank-you screen is shown. Ratings are the demo generator's, so
// sizes and answers are realistic.
// It also counts the pages each commit adds to the WAL (the fsync at COMMIT writes them), for
// the store and the bare insert, in an untimed pass with no checkpoint.
//
// Usage: storage_save [--saves N] [--runs R] [--dir DIR] [--json FILE]
//        storage_save --open DB [--runs R]
// DIR (default: the current folder) must be on the disk you want to measure (not tmpfs).
// Every figure is the median over R runs (default 5) of the run's p50 or p99, over N saves
// (default 2000: the p99 of 500 saves is its fifth largest, and swung 1.0-2.0x from run to run
// with the disk's fsync latency; of 2000, 1.15-1.28x).
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

#include "bench/figures.hpp"
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

// The average bytes of a stored rating row (its record, from dbstat's leaf-cell payloads).
std::int64_t rating_row_bytes(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    check(sqlite3_open(file.string().c_str(), &db), db, "opening the store");
    sqlite3_stmt* size = nullptr;
    check(sqlite3_prepare_v2(db,
                             "SELECT sum(payload) / max(1, sum(ncell)) FROM dbstat "
                             "WHERE name = 'ratings' AND pagetype = 'leaf'",
                             -1, &size, nullptr),
          db, "measuring the rating rows (needs SQLite's dbstat)");
    sqlite3_step(size);
    const std::int64_t bytes = sqlite3_column_int64(size, 0);
    sqlite3_finalize(size);
    sqlite3_close(db);
    return bytes;
}

struct StoreTimes {
    std::vector<double> saves_ms;
    std::vector<double> checkpoints_ms;
};

// Store::save_rating, one call per rating, on a fresh database opened as the kiosk opens it
// (deferred checkpoints). After each save, untimed, what the kiosk does once the thank-you
// screen is shown: Store::checkpoint_if_due(), timed on its own.
StoreTimes time_store(const std::filesystem::path& file, const std::vector<Rating>& ratings) {
    Store store(file, OpenOptions{.deferred_checkpoints = true});
    StoreTimes times;
    for (const Rating& rating : ratings) {
        auto start = std::chrono::steady_clock::now();
        store.save_rating(rating);
        times.saves_ms.push_back(elapsed_ms(start));
        start = std::chrono::steady_clock::now();
        if (store.checkpoint_if_due()) {
            times.checkpoints_ms.push_back(elapsed_ms(start));
        }
    }
    return times;
}

// A bare INSERT of `row_bytes` bytes per row, same pragmas, one transaction per row.
std::vector<double> time_bare(const std::filesystem::path& file, std::size_t count,
                              std::int64_t row_bytes) {
    sqlite3* db = nullptr;
    check(sqlite3_open(file.string().c_str(), &db), db, "opening the bare database");
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = FULL");
    exec(db, "PRAGMA cache_size = -32768");
    exec(db, "CREATE TABLE bare (sequence INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO bare (payload) VALUES (?1)", -1, &insert, nullptr),
          db, "preparing the insert");
    const std::string payload(static_cast<std::size_t>(std::max<std::int64_t>(row_bytes, 1)), 'x');
    std::vector<double> samples;
    for (std::size_t i = 0; i < count; ++i) {
        auto start = std::chrono::steady_clock::now();
        exec(db, "BEGIN IMMEDIATE");
        sqlite3_bind_blob(insert, 1, payload.data(), static_cast<int>(payload.size()),
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

// The frames the WAL file holds: they only grow while nothing checkpoints.
double wal_frames(const std::filesystem::path& file) {
    const std::filesystem::path wal = file.string() + "-wal";
    constexpr double kWalHeaderBytes = 32;
    constexpr double kFrameBytes = 4096 + 24;  // SQLite's default page size, plus its header
    if (!std::filesystem::exists(wal)) {
        return 0;
    }
    return std::max(0.0, (static_cast<double>(std::filesystem::file_size(wal)) - kWalHeaderBytes) /
                             kFrameBytes);
}

struct PagesPerCommit {
    double store = 0;
    double bare = 0;
};

// The pages one commit writes, the mean over `ratings`: Store::save_rating with deferred
// checkpoints and checkpoint_if_due() never called (the WAL stays far below the limit), and
// the bare insert with SQLite's automatic checkpoint off.
PagesPerCommit pages_per_commit(const std::filesystem::path& store_file,
                                const std::filesystem::path& bare_file,
                                const std::vector<Rating>& ratings, std::int64_t row_bytes) {
    PagesPerCommit pages;
    {
        Store store(store_file, OpenOptions{.deferred_checkpoints = true});
        store.save_rating(ratings.front());  // the schema's own commit is not a save
        const double before = wal_frames(store_file);
        for (std::size_t i = 1; i < ratings.size(); ++i) {
            store.save_rating(ratings[i]);
        }
        pages.store = (wal_frames(store_file) - before) / static_cast<double>(ratings.size() - 1);
    }
    sqlite3* db = nullptr;
    check(sqlite3_open(bare_file.string().c_str(), &db), db, "opening the bare database");
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = FULL");
    exec(db, "PRAGMA wal_autocheckpoint = 0");
    exec(db, "CREATE TABLE bare (sequence INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO bare (payload) VALUES (?1)", -1, &insert, nullptr),
          db, "preparing the insert");
    const std::string payload(static_cast<std::size_t>(std::max<std::int64_t>(row_bytes, 1)), 'x');
    const double before = wal_frames(bare_file);
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        sqlite3_bind_blob(insert, 1, payload.data(), static_cast<int>(payload.size()),
                          SQLITE_STATIC);
        check(sqlite3_step(insert), db, "inserting");
        sqlite3_reset(insert);
    }
    pages.bare = (wal_frames(bare_file) - before) / static_cast<double>(ratings.size());
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return pages;
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
    return bench::median(samples);
}

bench::Figure ratio_figure(const char* id, const char* label, double value,
                           const char* reference_label, double reference, int runs,
                           const std::string& note) {
    bench::Figure figure;
    figure.id = id;
    figure.label = label;
    figure.value = value;
    figure.unit = "ms";
    figure.reference_label = reference_label;
    figure.reference = reference;
    figure.target = "<= 1.5x reference";
    figure.met = value <= 1.5 * reference;
    figure.runs = runs;
    figure.note = note;
    return figure;
}

int usage() {
    std::fprintf(stderr,
                 "usage: storage_save [--saves N] [--runs R] [--dir DIR] [--json FILE]\n"
                 "       storage_save --open DB [--runs R]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::int64_t saves = 2000;
    int runs = 5;
    std::filesystem::path dir = std::filesystem::current_path();
    std::filesystem::path open_db;
    std::string json_path;
    for (int i = 1; i < argc; i += 2) {
        const std::string option = argv[i];
        if (i + 1 >= argc) {
            return usage();
        }
        if (option == "--saves") {
            saves = std::atoll(argv[i + 1]);
        } else if (option == "--runs") {
            runs = std::atoi(argv[i + 1]);
        } else if (option == "--dir") {
            dir = argv[i + 1];
        } else if (option == "--open") {
            open_db = argv[i + 1];
        } else if (option == "--json") {
            json_path = argv[i + 1];
        } else {
            return usage();
        }
    }
    if (saves < 2 || runs < 1) {
        std::fprintf(stderr, "storage_save: --saves must be at least 2, --runs at least 1\n");
        return 2;
    }
    try {
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
        std::int64_t row_bytes = 0;
        for (int run = 1; run <= runs; ++run) {
            remove_database(store_file);
            remove_database(bare_file);
            const StoreTimes times = time_store(store_file, ratings);
            const Percentiles store = percentiles(times.saves_ms);
            row_bytes = rating_row_bytes(store_file);
            const Percentiles bare = percentiles(time_bare(bare_file, ratings.size(), row_bytes));
            std::fprintf(stderr,
                         "run %d: save_rating p50 %.3f ms p99 %.3f ms | bare insert (%lld B) "
                         "p50 %.3f ms p99 %.3f ms | %zu idle checkpoints, median %.3f ms\n",
                         run, store.p50_ms, store.p99_ms, static_cast<long long>(row_bytes),
                         bare.p50_ms, bare.p99_ms, times.checkpoints_ms.size(),
                         times.checkpoints_ms.empty() ? 0.0 : bench::median(times.checkpoints_ms));
            store_p50.push_back(store.p50_ms);
            store_p99.push_back(store.p99_ms);
            bare_p50.push_back(bare.p50_ms);
            bare_p99.push_back(bare.p99_ms);
        }
        remove_database(store_file);
        remove_database(bare_file);
        const PagesPerCommit pages = pages_per_commit(store_file, bare_file, ratings, row_bytes);
        remove_database(store_file);
        remove_database(bare_file);
        std::fprintf(stderr, "pages per commit: save_rating %.2f, bare insert %.2f\n", pages.store,
                     pages.bare);
        bench::Figure pages_figure;
        pages_figure.id = "save_wal_pages";
        pages_figure.label = "Save a rating, pages written per commit";
        pages_figure.value = pages.store;
        pages_figure.unit = "pages";
        pages_figure.reference_label = "bare SQLite insert";
        pages_figure.reference = pages.bare;
        pages_figure.note = "mean WAL frames added per commit over " + std::to_string(saves) +
                            " commits, no checkpoint";
        const std::string note = std::to_string(saves) + " saves per run in " + dir.string() +
                                 "; the kiosk's checkpoint after each save, untimed; bare rows "
                                 "of " +
                                 std::to_string(row_bytes) + " B (the stored rating row's average)";
        bench::publish(
            "storage_save",
            {ratio_figure("save_p50_ms", "Save a rating, p50", bench::median(store_p50),
                          "bare SQLite insert, p50", bench::median(bare_p50), runs, note),
             ratio_figure("save_p99_ms", "Save a rating, p99", bench::median(store_p99),
                          "bare SQLite insert, p99", bench::median(bare_p99), runs, note),
             pages_figure},
            json_path);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "storage_save: %s\n", error.what());
        return 1;
    }
    return 0;
}
