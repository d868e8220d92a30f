// Upload throughput on loopback: N ratings (default 100 000) from a real kiosk Store to a real
// motcua-server on 127.0.0.1, through the uploader (run_sync), then the same encoded batches
// POSTed raw to a fresh server, with libcurl and with the curl command-line tool. Prints
// ratings per second and bytes per rating on the wire for each.
//
// Usage: sync_upload [--ratings N] [--batch-size B]
// Needs the curl command for the last measurement; writes only to a temporary folder.

#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

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

}  // namespace

int main(int argc, char** argv) {
    std::int64_t ratings = 100000;
    int batch_size = 500;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--ratings") {
            ratings = std::stoll(argv[i + 1]);
        } else if (flag == "--batch-size") {
            batch_size = std::stoi(argv[i + 1]);
        } else {
            std::fprintf(stderr, "usage: sync_upload [--ratings N] [--batch-size B]\n");
            return 2;
        }
    }

    TempDir dir;
    Store store(dir / "kiosk.db");
    RatingFactory factory(kKiosk, kUnit, 2024);
    auto start = std::chrono::steady_clock::now();
    save_ratings(store, factory, ratings);
    std::printf("saved %lld ratings in the kiosk store in %.2f s\n",
                static_cast<long long>(ratings), seconds_since(start));

    double encode_seconds = 0;
    std::int64_t json_bytes = 0;
    const std::vector<std::string> bodies =
        encode_all(store, ratings, batch_size, encode_seconds, json_bytes);
    std::int64_t gzip_bytes = 0;
    for (const std::string& body : bodies) {
        gzip_bytes += static_cast<std::int64_t>(body.size());
    }

    // 1. The uploader, from the store, as the kiosk runs it.
    const auto uploader_db = dir / "server-uploader.db";
    SyncOptions options;
    options.kiosk_id = kKiosk;
    options.token = add_kiosk(uploader_db, kKiosk, kUnit);
    options.batch_size = batch_size;
    SyncReport report;
    {
        ServerProcess server(uploader_db);
        options.server_url = server.url();
        start = std::chrono::steady_clock::now();
        report = run_sync(store, options, SystemClock());
    }
    const double uploader_seconds = static_cast<double>(report.elapsed_ms) / 1000.0;
    if (report.outcome != SyncOutcome::complete || stored_ratings(uploader_db) != ratings) {
        std::fprintf(stderr, "the upload did not complete: %s\n", report.error.c_str());
        return 1;
    }

    // 2. The same bytes, POSTed raw with libcurl to a fresh server.
    const auto raw_db = dir / "server-raw.db";
    const std::string raw_token = add_kiosk(raw_db, kKiosk, kUnit);
    RawResult raw;
    {
        ServerProcess server(raw_db);
        raw = post_with_libcurl(server.url() + std::string(protocol::kBatchesPath), raw_token,
                                bodies);
    }
    // 3. And with the curl tool, to another fresh server.
    const auto tool_db = dir / "server-tool.db";
    const std::string tool_token = add_kiosk(tool_db, kKiosk, kUnit);
    double tool_seconds = 0;
    {
        ServerProcess server(tool_db);
        tool_seconds = post_with_curl_tool(server.url() + std::string(protocol::kBatchesPath),
                                           tool_token, bodies, dir);
    }
    if (stored_ratings(raw_db) != ratings || stored_ratings(tool_db) != ratings) {
        std::fprintf(stderr, "a raw upload did not store every rating\n");
        return 1;
    }

    const double n = static_cast<double>(ratings);
    std::printf("%lld ratings in batches of %d (%zu batches)\n", static_cast<long long>(ratings),
                batch_size, bodies.size());
    std::printf("  JSON before gzip:        %7.1f bytes/rating; gzip: %.1f bytes/rating (%.1f%%)\n",
                static_cast<double>(json_bytes) / n, static_cast<double>(gzip_bytes) / n,
                100.0 * static_cast<double>(gzip_bytes) / static_cast<double>(json_bytes));
    std::printf("  encode + gzip (client):  %7.0f ratings/s\n", n / encode_seconds);
    std::printf(
        "  uploader (run_sync):     %7.0f ratings/s  %.2f s  up %.1f bytes/rating, "
        "down %.1f bytes/rating\n",
        n / uploader_seconds, uploader_seconds,
        static_cast<double>(report.counts.wire_bytes_up) / n,
        static_cast<double>(report.counts.wire_bytes_down) / n);
    std::printf("  raw libcurl POST:        %7.0f ratings/s  %.2f s  up %.1f bytes/rating\n",
                n / raw.seconds, raw.seconds, static_cast<double>(raw.bytes_up) / n);
    std::printf("  raw curl tool POST:      %7.0f ratings/s  %.2f s\n", n / tool_seconds,
                tool_seconds);
    std::printf("  uploader / raw libcurl:  %.2f\n", raw.seconds / uploader_seconds);
    return 0;
}
