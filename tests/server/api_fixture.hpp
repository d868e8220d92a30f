#pragma once
// A real motcua-server on 127.0.0.1 with one registered kiosk, and a raw HTTP client to send it
// exactly the bytes a test wants (bad ones included).

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/rating.hpp"
#include "server/server_store.hpp"
#include "tests/sync/support/rating_factory.hpp"
#include "tests/sync/support/server_process.hpp"
#include "tests/sync/support/temp_dir.hpp"

namespace motcua::test {

inline constexpr const char* kApiKiosk = "kiosk-01";
inline constexpr const char* kApiUnit = "000.00.24.H18";

struct HttpAnswer {
    int status = 0;  // 0: no HTTP answer (connection dropped)
    std::string content_type;
    nlohmann::json body;  // discarded when not JSON
};

struct ApiFixture {
    explicit ApiFixture(const std::vector<std::string>& server_flags = {});

    // POSTs raw bytes with the given headers (none added).
    HttpAnswer post_raw(const std::string& path, const std::string& body,
                        const httplib::Headers& headers);
    // The kiosk's own headers: Bearer token, kiosk id, JSON; gzip when `gzipped`.
    httplib::Headers kiosk_headers(bool gzipped = false) const;
    // POSTs a batch as the kiosk would (gzip), from this kiosk.
    HttpAnswer post_batch(const nlohmann::json& batch);

    // {"kiosk_id", "sent_at", "items": [{"seq": first_seq + i, "kind": "rating", "rating": ...}]}
    nlohmann::json batch_of(const std::vector<Rating>& ratings, std::int64_t first_seq = 1) const;
    static nlohmann::json void_item(std::int64_t seq, const std::string& rating_id,
                                    const std::string& reason);

    server::ServerStats stats();

    TempDir dir;
    std::filesystem::path db;
    std::string token;
    std::unique_ptr<ServerProcess> server;
    RatingFactory factory;
};

}  // namespace motcua::test
