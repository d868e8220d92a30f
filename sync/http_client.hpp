#pragma once
// One HTTPS connection to the provincial server over libcurl: a single reused easy handle (so
// batches share one TLS session), peer verification always on, timeouts that end a stalled
// transfer, and a cancel token that aborts a transfer in flight. Use from one thread.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/cancel.hpp"

namespace motcua {

struct HttpSettings {
    std::string ca_file;            // empty: the system bundle
    std::string pinned_public_key;  // CURLOPT_PINNEDPUBLICKEY, e.g. "sha256//<base64>"; optional
    std::string proxy;              // empty: none (libcurl's proxy environment is ignored)
    bool allow_plain_http = false;  // http:// to a host other than loopback
    int connect_timeout_seconds = 10;
    int total_timeout_seconds = 120;
    // A transfer slower than this many bytes per second for low_speed_seconds is abandoned.
    int low_speed_bytes_per_second = 100;
    int low_speed_seconds = 30;
};

// Why a URL may not be used, or nullopt when it may: it must parse, be https://, or http://
// to a loopback address (127.0.0.0/8, ::1, localhost) unless allow_plain_http.
std::optional<std::string> url_problem(const std::string& url, bool allow_plain_http);

struct HttpResult {
    bool transport_ok = false;  // false: no complete HTTP answer (see curl_code and error)
    bool cancelled = false;     // the cancel token stopped the transfer
    int curl_code = 0;          // CURLcode
    std::string error;          // libcurl's words when !transport_ok
    long status = 0;            // HTTP status when transport_ok
    std::string content_type;
    std::string body;
    std::optional<std::int64_t> retry_after_seconds;  // from Retry-After (seconds or date)
    std::int64_t request_bytes = 0;                   // bytes of request (headers + body) sent
    std::int64_t response_bytes = 0;                  // bytes of response (headers + body) received
};

class HttpClient {
  public:
    // `cancel` may be null; it must outlive the client.
    explicit HttpClient(HttpSettings settings, const CancelToken* cancel = nullptr);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // POSTs `body` with the given extra header lines ("Name: value"). Never throws for network
    // trouble: a failed transfer is a result with transport_ok false. `url` must have passed
    // url_problem (checked again here: a refused URL is a transport failure).
    HttpResult post(const std::string& url, const std::vector<std::string>& headers,
                    const std::string& body);

  private:
    HttpSettings settings_;
    const CancelToken* cancel_;
    void* handle_;  // CURL*
};

}  // namespace motcua
