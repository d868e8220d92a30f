#include "tests/server/api_fixture.hpp"

#include "sync/gzip.hpp"
#include "sync/protocol.hpp"

namespace motcua::test {

ApiFixture::ApiFixture(const std::vector<std::string>& server_flags)
    : db(dir / "server.db"),
      token(add_kiosk(db, kApiKiosk, kApiUnit)),
      server(std::make_unique<ServerProcess>(db, server_flags)),
      factory(kApiKiosk, kApiUnit, 5) {}

HttpAnswer ApiFixture::post_raw(const std::string& path, const std::string& body,
                                const httplib::Headers& headers) {
    httplib::Client client("127.0.0.1", server->port());
    client.set_read_timeout(20, 0);
    const std::string content_type =
        headers.count("Content-Type") ? headers.find("Content-Type")->second : "";
    httplib::Headers rest = headers;
    rest.erase("Content-Type");
    const httplib::Result result = client.Post(path.c_str(), rest, body, content_type.c_str());
    HttpAnswer answer;
    if (!result) {
        return answer;
    }
    answer.status = result->status;
    answer.content_type = result->get_header_value("Content-Type");
    answer.body = nlohmann::json::parse(result->body, nullptr, false);
    return answer;
}

httplib::Headers ApiFixture::kiosk_headers(bool gzipped) const {
    httplib::Headers headers = {{"Authorization", "Bearer " + token},
                                {std::string(protocol::kKioskHeader), kApiKiosk},
                                {"Content-Type", "application/json"}};
    if (gzipped) {
        headers.emplace("Content-Encoding", "gzip");
    }
    return headers;
}

HttpAnswer ApiFixture::post_batch(const nlohmann::json& batch) {
    return post_raw(std::string(protocol::kBatchesPath), gzip_compress(batch.dump()),
                    kiosk_headers(true));
}

nlohmann::json ApiFixture::batch_of(const std::vector<Rating>& ratings,
                                    std::int64_t first_seq) const {
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        items.push_back({{"seq", first_seq + static_cast<std::int64_t>(i)},
                         {"kind", "rating"},
                         {"rating", rating_to_json(ratings[i])}});
    }
    return {{"kiosk_id", kApiKiosk}, {"sent_at", "2024-05-01T18:00:00.000Z"}, {"items", items}};
}

nlohmann::json ApiFixture::void_item(std::int64_t seq, const std::string& rating_id,
                                     const std::string& reason) {
    return {{"seq", seq},
            {"kind", "void"},
            {"void",
             {{"rating_id", rating_id},
              {"reason", reason},
              {"actor", "sup01"},
              {"voided_utc", "2024-05-01T10:00:00.000Z"}}}};
}

server::ServerStats ApiFixture::stats() {
    server::ServerStoreOptions existing;
    existing.create = false;
    return server::open_sqlite_server_store(db, existing)->stats();
}

}  // namespace motcua::test
