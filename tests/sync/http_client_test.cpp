// Which server URLs the uploader accepts: TLS everywhere, plain HTTP only on this machine.

#include <catch2/catch.hpp>

#include "sync/http_client.hpp"

using namespace motcua;

TEST_CASE("https is always accepted, http only to loopback unless allowed") {
    CHECK_FALSE(url_problem("https://sync.dienbien.gov.vn", false));
    CHECK_FALSE(url_problem("https://10.0.0.5:8443/base", false));
    CHECK_FALSE(url_problem("http://127.0.0.1:8080", false));
    CHECK_FALSE(url_problem("http://127.9.9.9:8080", false));
    CHECK_FALSE(url_problem("http://localhost:8080", false));
    CHECK_FALSE(url_problem("http://[::1]:8080", false));

    const auto remote = url_problem("http://sync.dienbien.gov.vn", false);
    REQUIRE(remote);
    CHECK_THAT(*remote, Catch::Contains("allow_plain_http"));
    CHECK_FALSE(url_problem("http://sync.dienbien.gov.vn", true));
    CHECK(url_problem("http://128.0.0.1", false));

    CHECK(url_problem("ftp://sync.dienbien.gov.vn", true));
    CHECK(url_problem("not a url", true));
    CHECK(url_problem("", true));
}

TEST_CASE("a refused URL is a failed transfer, not an exception") {
    HttpClient client(HttpSettings{});
    const HttpResult result = client.post("http://example.org/api", {}, "{}");
    CHECK_FALSE(result.transport_ok);
    CHECK_THAT(result.error, Catch::Contains("plain http"));
}
