// Which failures are retried, and how long the uploader waits before trying again.

#include <curl/curl.h>

#include <set>

#include <catch2/catch.hpp>

#include "sync/retry.hpp"

using namespace motcua;
using std::chrono::milliseconds;

namespace {

HttpResult answered(long status) {
    HttpResult result;
    result.transport_ok = true;
    result.status = status;
    return result;
}

HttpResult transport_failure(CURLcode code) {
    HttpResult result;
    result.curl_code = code;
    return result;
}

}  // namespace

TEST_CASE("timeouts, resets, 408, 429 and 5xx are retried but auth and other 4xx are not") {
    for (long status : {408L, 429L, 500L, 502L, 503L, 504L, 200L, 302L}) {
        CAPTURE(status);
        CHECK(classify_failure(answered(status)) == FailureKind::transient);
    }
    CHECK(classify_failure(answered(401)) == FailureKind::unauthorized);
    CHECK(classify_failure(answered(403)) == FailureKind::unauthorized);
    CHECK(classify_failure(answered(413)) == FailureKind::too_large);
    for (long status : {400L, 404L, 415L, 422L}) {
        CAPTURE(status);
        CHECK(classify_failure(answered(status)) == FailureKind::permanent);
    }
    for (CURLcode code : {CURLE_OPERATION_TIMEDOUT, CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING,
                          CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE}) {
        CAPTURE(code);
        CHECK(classify_failure(transport_failure(code)) == FailureKind::transient);
    }
    CHECK(classify_failure(transport_failure(CURLE_PEER_FAILED_VERIFICATION)) ==
          FailureKind::permanent);
    CHECK(classify_failure(transport_failure(CURLE_SSL_PINNEDPUBKEYNOTMATCH)) ==
          FailureKind::permanent);
}

TEST_CASE("backoff doubles up to the cap, with jitter in the upper half") {
    RetryPolicy policy;
    policy.base_delay = milliseconds(1000);
    policy.max_delay = milliseconds(30000);
    std::mt19937_64 random(42);
    for (int round = 0; round < 200; ++round) {
        const auto first = retry_delay(policy, 1, std::nullopt, random);
        CHECK(first >= milliseconds(500));
        CHECK(first <= milliseconds(1000));
        const auto third = retry_delay(policy, 3, std::nullopt, random);
        CHECK(third >= milliseconds(2000));
        CHECK(third <= milliseconds(4000));
        const auto late = retry_delay(policy, 20, std::nullopt, random);
        CHECK(late >= milliseconds(15000));
        CHECK(late <= milliseconds(30000));
    }
}

TEST_CASE("jitter spreads kiosks that failed together") {
    RetryPolicy policy;
    std::mt19937_64 random(7);
    std::set<std::int64_t> seen;
    for (int kiosk = 0; kiosk < 50; ++kiosk) {
        seen.insert(retry_delay(policy, 4, std::nullopt, random).count());
    }
    CHECK(seen.size() > 25);
}

TEST_CASE("Retry-After is honoured when longer than the backoff") {
    RetryPolicy policy;
    policy.base_delay = milliseconds(100);
    std::mt19937_64 random(1);
    CHECK(retry_delay(policy, 1, 120, random) == milliseconds(120000));
    CHECK(retry_delay(policy, 1, 0, random) <= milliseconds(100));
}
