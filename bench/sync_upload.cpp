// Upload throughput on loopback (issue #6 item 3): N ratings (default 100 000) from a real kiosk
// Store to a real motcua-server on 127.0.0.1, through the uploader (run_sync), beside the same
// encoded batches POSTed raw to a fresh server with libcurl (the physical reference: the same
// bytes over the same HTTP stack, without the kiosk's bookkeeping) and with the curl tool.
// Every measurement is repeated --runs times (default 3), each with a fresh server database and
// a fresh copy of the kiosk database; the figures are the medians. Bytes per rating on the wire
// are counted with gzip on, as the kiosk sends. The CPU both processes spend is counted too:
// on a machine shared with other work the wall-clock rate measures the load as much as the code.
//
// Usage: sync_upload [--ratings N] [--batch-size B] [--runs R] [--json FILE]
// Needs the curl command for the last measurement; writes only to a temporary folder.

#include <curl/curl.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/figures.hpp"
#include "sync/gzip.hpp"
#include "sync/protocol.hpp"
#include "sync/uploader.hpp"
#include "sync/wire.hpp"
#include "tests/sync/support/rating_factory.hpp"
#include "tests/sync/support/server_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

constexpr const char* kKiosk = "bench-kiosk";
constexpr const char* kUnit = "000.00.24.H18";

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The batches the uploader will send, encoded and gzipped the same way, before it sends them.
std::vector<std::string> encode_all(Store& store, std::int64_t ratings, int batch_size,
                                    double& encode_seconds, std::int64_t& json_bytes) {
    const std::vector<OutboxItem> items = store.pending_items(ratings);
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> bodies;
    for (std::size_t first = 0; first < items.size();
         first += static_cast<std::size_t>(batch_size)) {
        const std::size_t count =
            std::min(items.size() - first, static_cast<std::size_t>(batch_size));
        const EncodedBatch batch =
            encode_batch(kKiosk, SystemClock().now_utc(), std::span(items).subspan(first, count));
        json_bytes += static_cast<std::int64_t>(batch.body.size());
        bodies.push_back(gzip_compress(batch.body));
    }
    encode_seconds = seconds_since(start);
    return bodies;
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
    return size * count;
}

int count_sent(CURL*, curl_infotype type, char*, std::size_t size, void* total) {
    if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT) {
        *static_cast<std::int64_t*>(total) += static_cast<std::int64_t>(size);
    }
    return 0;
}

struct RawResult {
    double seconds = 0;
    std::int64_t bytes_up = 0;
};

RawResult post_with_libcurl(const std::string& url, const std::string& token,
                            const std::vector<std::string>& bodies) {
    CURL* handle = curl_easy_init();
    curl_slist* headers = nullptr;
    for (const std::string& header :
         {"Authorization: Bearer " + token, std::string(protocol::kKioskHeader) + ": " + kKiosk,
          std::string("Content-Type: application/json"), std::string("Content-Encoding: gzip"),
          std::string("Expect:")}) {
        headers = curl_slist_append(headers, header.c_str());
    }
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    RawResult result;
    curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, count_sent);
    curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &result.bytes_up);
    curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& body : bodies) {
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.data());
        long status = 0;
        if (curl_easy_perform(handle) != CURLE_OK ||
            curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK ||
            status != 200) {
            throw std::runtime_error("raw POST failed (HTTP " + std::to_string(status) + ")");
        }
    }
    result.seconds = seconds_since(start);
    curl_slist_free_all(headers);
    curl_easy_cleanup(handle);
    return result;
}

// One curl process posting every batch over one connection (a config file with --next).
double post_with_curl_tool(const std::string& url, const std::string& token,
                           const std::vector<std::string>& bodies, const TempDir& dir) {
    const auto config = dir / "curl.config";
    std::ofstream out(config);
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        const auto file = dir / ("batch-" + std::to_string(i) + ".json.gz");
        std::ofstream(file, std::ios::binary) << bodies[i];
        out << "url = \"" << url << "\"\n"
            << "header = \"Authorization: Bearer " << token << "\"\n"
            << "header = \"" << protocol::kKioskHeader << ": " << kKiosk << "\"\n"
            << "header = \"Content-Type: application/json\"\n"
            << "header = \"Content-Encoding: gzip\"\n"
            << "data-binary = \"@" << file.string() << "\"\n"
            << "fail\nsilent\noutput = \"/dev/null\"\n";
        if (i + 1 < bodies.size()) {
            out << "next\n";
        }
    }
    out.close();
    const auto start = std::chrono::steady_clock::now();
    if (std::system(("curl -K " + config.string()).c_str()) != 0) {
        throw std::runtime_error("the curl tool failed");
    }
    return seconds_since(start);
}

std::int64_t stored_ratings(const std::filesystem::path& db) {
    const CommandResult stats = run_server_command({"stats", "--db", db.string(), "--json"});
    const auto at = stats.out.find("\"ratings\": ");
    return at == std::string::npos ? -1 : std::stoll(stats.out.substr(at + 11));
}

// CPU seconds (user + system) of this process, or of its waited-for children.
double cpu_seconds(int who) {
    rusage usage{};
    getrusage(who, &usage);
    const auto seconds = [](const timeval& time) {
        return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// One upload through run_sync from a copy of the kiosk database to a fresh server. Adds the
// CPU the kiosk side and the server spent on it to `cpu`.
SyncReport upload_once(const TempDir& dir, const std::filesystem::path& kiosk_db, int run,
                       std::int64_t ratings, int batch_size, double& cpu) {
    const auto copy = dir / ("kiosk-" + std::to_string(run) + ".db");
    std::filesystem::copy_file(kiosk_db, copy);
    Store store(copy);
    const auto server_db = dir / ("server-uploader-" + std::to_string(run) + ".db");
    SyncOptions options;
    options.kiosk_id = kKiosk;
    options.token = add_kiosk(server_db, kKiosk, kUnit);
    options.batch_size = batch_size;
    SyncReport report;
    const double cpu_before = cpu_seconds(RUSAGE_SELF) + cpu_seconds(RUSAGE_CHILDREN);
    {
        ServerProcess server(server_db);
        options.server_url = server.url();
        report = run_sync(store, options, SystemClock());
    }
    cpu += cpu_seconds(RUSAGE_SELF) + cpu_seconds(RUSAGE_CHILDREN) - cpu_before;
    if (report.outcome != SyncOutcome::complete || stored_ratings(server_db) != ratings) {
        throw std::runtime_error("the upload did not complete: " + report.error);
    }
    return report;
}

RawResult post_libcurl_once(const TempDir& dir, int run, const std::vector<std::string>& bodies,
                            std::int64_t ratings) {
    const auto server_db = dir / ("server-raw-" + std::to_string(run) + ".db");
    const std::string token = add_kiosk(server_db, kKiosk, kUnit);
    RawResult raw;
    {
        ServerProcess server(server_db);
        raw = post_with_libcurl(server.url() + std::string(protocol::kBatchesPath), token, bodies);
    }
    if (stored_ratings(server_db) != ratings) {
        throw std::runtime_error("a raw libcurl upload did not store every rating");
    }
    return raw;
}

double post_tool_once(const TempDir& dir, int run, const std::vector<std::string>& bodies,
                      std::int64_t ratings) {
    const auto server_db = dir / ("server-tool-" + std::to_string(run) + ".db");
    const std::string token = add_kiosk(server_db, kKiosk, kUnit);
    double seconds = 0;
    {
        ServerProcess server(server_db);
        seconds = post_with_curl_tool(server.url() + std::string(protocol::kBatchesPath), token,
                                      bodies, dir);
    }
    if (stored_ratings(server_db) != ratings) {
        throw std::runtime_error("a raw curl tool upload did not store every rating");
    }
    return seconds;
}

bench::Figure rate_figure(std::string id, std::string label, double value, int runs) {
    bench::Figure figure;
    figure.id = std::move(id);
    figure.label = std::move(label);
    figure.value = value;
    figure.unit = "ratings/s";
    figure.runs = runs;
    return figure;
}

}  // namespace

int main(int argc, char** argv) {
    std::int64_t ratings = 100000;
    int batch_size = 1000;
    int runs = 3;
    std::string json_path;
    for (int i = 1; i < argc; i += 2) {
        const std::string flag = argv[i];
        if (i + 1 < argc && flag == "--ratings") {
            ratings = std::stoll(argv[i + 1]);
        } else if (i + 1 < argc && flag == "--batch-size") {
            batch_size = std::stoi(argv[i + 1]);
        } else if (i + 1 < argc && flag == "--runs") {
            runs = std::max(1, std::stoi(argv[i + 1]));
        } else if (i + 1 < argc && flag == "--json") {
            json_path = argv[i + 1];
        } else {
            std::fprintf(stderr,
                         "usage: sync_upload [--ratings N] [--batch-size B] [--runs R] "
                         "[--json FILE]\n");
            return 2;
        }
    }

    try {
        TempDir dir;
        const auto kiosk_db = dir / "kiosk.db";
        double json_bytes_per_rating = 0;
        double gzip_bytes_per_rating = 0;
        std::vector<std::string> bodies;
        std::vector<double> encode_rates;
        const double n = static_cast<double>(ratings);
        {
            Store store(kiosk_db);
            RatingFactory factory(kKiosk, kUnit, 2024);
            const auto start = std::chrono::steady_clock::now();
            save_ratings(store, factory, ratings);
            std::fprintf(stderr, "saved %lld ratings in the kiosk store in %.2f s\n",
                         static_cast<long long>(ratings), seconds_since(start));
            for (int run = 0; run < runs; ++run) {
                double encode_seconds = 0;
                std::int64_t json_bytes = 0;
                bodies = encode_all(store, ratings, batch_size, encode_seconds, json_bytes);
                encode_rates.push_back(n / encode_seconds);
                json_bytes_per_rating = static_cast<double>(json_bytes) / n;
            }
        }
        std::int64_t gzip_bytes = 0;
        for (const std::string& body : bodies) {
            gzip_bytes += static_cast<std::int64_t>(body.size());
        }
        gzip_bytes_per_rating = static_cast<double>(gzip_bytes) / n;

        std::vector<double> uploader_rates;
        std::vector<double> cpu_rates;
        std::vector<double> up_bytes;
        std::vector<double> down_bytes;
        std::vector<double> libcurl_rates;
        std::vector<double> raw_up_bytes;
        std::vector<double> tool_rates;
        for (int run = 0; run < runs; ++run) {
            double cpu = 0;
            const SyncReport report = upload_once(dir, kiosk_db, run, ratings, batch_size, cpu);
            uploader_rates.push_back(n / (static_cast<double>(report.elapsed_ms) / 1000.0));
            cpu_rates.push_back(n / cpu);
            up_bytes.push_back(static_cast<double>(report.counts.wire_bytes_up) / n);
            down_bytes.push_back(static_cast<double>(report.counts.wire_bytes_down) / n);
            const RawResult raw = post_libcurl_once(dir, run, bodies, ratings);
            libcurl_rates.push_back(n / raw.seconds);
            raw_up_bytes.push_back(static_cast<double>(raw.bytes_up) / n);
            tool_rates.push_back(n / post_tool_once(dir, run, bodies, ratings));
            std::fprintf(stderr,
                         "run %d: uploader %.0f, raw libcurl %.0f, curl tool %.0f ratings/s\n",
                         run + 1, uploader_rates.back(), libcurl_rates.back(), tool_rates.back());
        }

        const std::string batches = std::to_string(ratings) + " ratings in batches of " +
                                    std::to_string(batch_size) + " (" +
                                    std::to_string(bodies.size()) + " POSTs)";
        const double uploader = bench::median(uploader_rates);
        const double libcurl = bench::median(libcurl_rates);
        std::vector<bench::Figure> figures;
        bench::Figure upload = rate_figure(
            "upload_ratings_per_s", "Upload through the uploader (run_sync)", uploader, runs);
        upload.reference_label = "raw libcurl POST of the same bytes";
        upload.reference = libcurl;
        upload.target = ">= 20000 and >= 0.5x reference";
        upload.met = uploader >= 20000 && uploader >= 0.5 * libcurl;
        upload.note = batches + "; from the kiosk Store to a fresh server database, loopback";
        figures.push_back(upload);
        bench::Figure cpu =
            rate_figure("upload_ratings_per_cpu_s", "Upload per CPU second, kiosk side + server",
                        bench::median(cpu_rates), runs);
        cpu.note =
            "ratings / (CPU of the uploading process + the server process) over the upload; the "
            "uploader prepares the next batch while the server stores the current one, so on two "
            "idle cores the wall-clock rate can exceed this";
        figures.push_back(cpu);
        bench::Figure tool =
            rate_figure("upload_curl_tool_ratings_per_s", "Raw POST of the same bytes, curl tool",
                        bench::median(tool_rates), runs);
        tool.note = "one curl process, one connection (--next)";
        figures.push_back(tool);
        bench::Figure encode =
            rate_figure("upload_encode_ratings_per_s", "Client encode + gzip of the batches",
                        bench::median(encode_rates), runs);
        figures.push_back(encode);
        bench::Figure wire;
        wire.id = "upload_bytes_per_rating";
        wire.label = "Bytes per rating on the wire, up (gzip)";
        wire.value = bench::median(up_bytes);
        wire.unit = "bytes";
        wire.reference_label = "JSON before gzip";
        wire.reference = json_bytes_per_rating;
        wire.runs = runs;
        char detail[200];
        std::snprintf(detail, sizeof detail,
                      "gzip bodies alone %.1f bytes/rating; raw POST up %.1f; answers down %.1f",
                      gzip_bytes_per_rating, bench::median(raw_up_bytes),
                      bench::median(down_bytes));
        wire.note = detail;
        figures.push_back(wire);
        bench::publish("sync_upload", figures, json_path);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "sync_upload: %s\n", error.what());
        return 1;
    }
    return 0;
}
