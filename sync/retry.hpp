#pragma once
// What to do after one HTTP exchange failed, and how long to wait before the next attempt.

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

#include "sync/http_client.hpp"

namespace motcua {

struct RetryPolicy {
    int max_attempts = 6;  // per request, the first one included
    std::chrono::milliseconds base_delay{1000};
    std::chrono::milliseconds max_delay{60000};
    // A Retry-After longer than this ends the run instead: the next scheduled run will try.
    std::chrono::milliseconds max_retry_after{600000};
};

enum class FailureKind {
    transient,     // timeout, reset, 408, 429, 5xx, redirect, an answer that is not ours
    unauthorized,  // 401/403: the token is wrong, revoked or for another kiosk
    too_large,     // 413: the server wants smaller batches
    permanent,     // any other 4xx, or TLS trust failure: retrying cannot help
};

// How a result that is not a usable 200 should be handled.
FailureKind classify_failure(const HttpResult& result);

// The wait before attempt `failed_attempts` + 1: exponential backoff from base_delay, capped at
// max_delay, with "equal jitter" (half fixed, half random) so kiosks that failed together do
// not return together; never shorter than the server's Retry-After.
std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int failed_attempts,
                                      std::optional<std::int64_t> retry_after_seconds,
                                      std::mt19937_64& random);

}  // namespace motcua
