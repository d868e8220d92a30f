#pragma once
// Fault injection for tests and drills, off unless asked for: a share of requests answered with
// 5xx, answers delayed, the connection dropped before the body is read, and the connection
// dropped after the batch is committed but before the answer (the lost acknowledgement).

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace httplib {
struct Request;
}

namespace motcua::server {

struct FaultSettings {
    // Shares of requests, each 0..1, together at most 1: every request suffers at most one.
    double server_error_rate = 0;       // 500, 502, 503 (with Retry-After) or 504
    double drop_before_body_rate = 0;   // connection closed before the body is read
    double drop_after_commit_rate = 0;  // batch stored, connection closed without an answer
    // Independently of those: a share of answers held back for delay_ms.
    double delay_rate = 0;
    int delay_ms = 0;
    int retry_after_seconds = 1;  // sent with injected 503s
    std::uint64_t seed = 0;       // 0: a random seed

    bool any() const;
    // Empty when usable; else what is wrong, naming the flag.
    std::string problem() const;
};

enum class Fault { none, server_error, drop_before_body, drop_after_commit };

struct FaultDraw {
    Fault fault = Fault::none;
    int status = 0;  // for server_error
    std::chrono::milliseconds delay{0};
};

class FaultInjector {
  public:
    explicit FaultInjector(FaultSettings settings);
    const FaultSettings& settings() const { return settings_; }
    // The faults for one request. Thread-safe.
    FaultDraw draw();

  private:
    FaultSettings settings_;
    std::mutex mutex_;
    std::mt19937_64 random_;
};

// Shuts the request's connection down in both directions, so the client sees it close with no
// answer. httplib still owns and later closes the descriptor.
void drop_connection(const httplib::Request& request);

}  // namespace motcua::server
