#include "sync/retry.hpp"

#include <curl/curl.h>

#include <algorithm>

namespace motcua {

FailureKind classify_failure(const HttpResult& result) {
    if (!result.transport_ok) {
        switch (result.curl_code) {
            // The server's certificate or key is not the one we trust, or the URL is refused:
            // asking again changes nothing until someone fixes the configuration.
            case CURLE_PEER_FAILED_VERIFICATION:
            case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            case CURLE_SSL_CACERT_BADFILE:
            case CURLE_URL_MALFORMAT:
            case CURLE_UNSUPPORTED_PROTOCOL:
                return FailureKind::permanent;
            default:
                return FailureKind::transient;
        }
    }
    const long status = result.status;
    if (status == 401 || status == 403) {
        return FailureKind::unauthorized;
    }
    if (status == 413) {
        return FailureKind::too_large;
    }
    if (status == 408 || status == 429 || status >= 500) {
        return FailureKind::transient;
    }
    if (status >= 400) {
        return FailureKind::permanent;
    }
    // A redirect, or a 2xx whose body was not our answer: a captive portal or a proxy.
    return FailureKind::transient;
}

std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int failed_attempts,
                                      std::optional<std::int64_t> retry_after_seconds,
                                      std::mt19937_64& random) {
    const std::int64_t max_delay = policy.max_delay.count();
    std::int64_t capped = std::min(policy.base_delay.count(), max_delay);
    for (int i = 1; i < failed_attempts && capped < max_delay; ++i) {
        capped = std::min(capped * 2, max_delay);
    }
    std::uniform_int_distribution<std::int64_t> jitter(0, capped / 2);
    std::int64_t delay = capped - capped / 2 + jitter(random);
    if (retry_after_seconds) {
        delay = std::max<std::int64_t>(delay, *retry_after_seconds * 1000);
    }
    return std::chrono::milliseconds(delay);
}

}  // namespace motcua
