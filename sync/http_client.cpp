#include "sync/http_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace motcua {

namespace {

// A server answer larger than this is not ours; stop reading rather than fill memory.
constexpr std::size_t kMaxResponseBytes = 16 * 1024 * 1024;

// libcurl's global state once per process. With CURLOPT_NOSIGNAL libcurl leaves SIGPIPE alone,
// and OpenSSL writes to a socket the server closed would kill the process: ignore it.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        std::signal(SIGPIPE, SIG_IGN);
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("libcurl could not initialise");
        }
    });
}

bool is_loopback_host(const std::string& host) {
    if (host == "localhost" || host == "[::1]") {
        return true;
    }
    in_addr address{};
    if (inet_pton(AF_INET, host.c_str(), &address) == 1) {
        return (ntohl(address.s_addr) >> 24) == 127;
    }
    return false;
}

struct UrlHandle {
    CURLU* url = curl_url();
    ~UrlHandle() { curl_url_cleanup(url); }
    std::string part(CURLUPart which) const {
        char* text = nullptr;
        if (curl_url_get(url, which, &text, 0) != CURLUE_OK) {
            return {};
        }
        std::string out(text);
        curl_free(text);
        return out;
    }
};

struct Transfer {
    std::string* body = nullptr;
    bool too_large = false;
    const CancelToken* cancel = nullptr;
    std::int64_t bytes_out = 0;
    std::int64_t bytes_in = 0;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (transfer->body->size() + bytes > kMaxResponseBytes) {
        transfer->too_large = true;
        return 0;
    }
    transfer->body->append(data, bytes);
    return bytes;
}

// Counts the HTTP bytes each way (headers and bodies as sent and received, before TLS).
int on_debug(CURL*, curl_infotype type, char*, std::size_t size, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT) {
        transfer->bytes_out += static_cast<std::int64_t>(size);
    } else if (type == CURLINFO_HEADER_IN || type == CURLINFO_DATA_IN) {
        transfer->bytes_in += static_cast<std::int64_t>(size);
    }
    return 0;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* transfer = static_cast<Transfer*>(user);
    return transfer->cancel != nullptr && transfer->cancel->cancelled() ? 1 : 0;
}

template <typename Value>
void set_option(CURL* handle, CURLoption option, Value value) {
    const CURLcode code = curl_easy_setopt(handle, option, value);
    if (code != CURLE_OK) {
        throw std::runtime_error(std::string("libcurl refused an option: ") +
                                 curl_easy_strerror(code));
    }
}

}  // namespace

std::optional<std::string> url_problem(const std::string& url, bool allow_plain_http) {
    init_curl_once();
    UrlHandle parsed;
    if (parsed.url == nullptr ||
        curl_url_set(parsed.url, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
        return "'" + url + "' is not a URL (expected e.g. https://sync.example.gov.vn)";
    }
    const std::string scheme = parsed.part(CURLUPART_SCHEME);
    if (scheme == "https") {
        return std::nullopt;
    }
    if (scheme != "http") {
        return "'" + url + "' must start with https://";
    }
    if (!allow_plain_http && !is_loopback_host(parsed.part(CURLUPART_HOST))) {
        return "'" + url +
               "' is plain http:// to another machine: use https://, or set "
               "sync.allow_plain_http for a trusted network";
    }
    return std::nullopt;
}

HttpClient::HttpClient(HttpSettings settings, const CancelToken* cancel)
    : settings_(std::move(settings)), cancel_(cancel), handle_(nullptr) {
    init_curl_once();
    CURL* handle = curl_easy_init();
    if (handle == nullptr) {
        throw std::runtime_error("libcurl could not create a handle");
    }
    handle_ = handle;
    try {
        set_option(handle, CURLOPT_NOSIGNAL, 1L);
        set_option(handle, CURLOPT_PROTOCOLS_STR, "http,https");
        set_option(handle, CURLOPT_FOLLOWLOCATION, 0L);
        set_option(handle, CURLOPT_SSL_VERIFYPEER, 1L);
        set_option(handle, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!settings_.ca_file.empty()) {
            set_option(handle, CURLOPT_CAINFO, settings_.ca_file.c_str());
        }
        if (!settings_.pinned_public_key.empty()) {
            set_option(handle, CURLOPT_PINNEDPUBLICKEY, settings_.pinned_public_key.c_str());
        }
        // An explicit empty proxy also stops libcurl from reading http_proxy from the
        // environment: the configuration file is the only source.
        set_option(handle, CURLOPT_PROXY, settings_.proxy.c_str());
        set_option(handle, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(settings_.connect_timeout_seconds));
        set_option(handle, CURLOPT_TIMEOUT, static_cast<long>(settings_.total_timeout_seconds));
        set_option(handle, CURLOPT_LOW_SPEED_LIMIT,
                   static_cast<long>(settings_.low_speed_bytes_per_second));
        set_option(handle, CURLOPT_LOW_SPEED_TIME, static_cast<long>(settings_.low_speed_seconds));
        // gzip only: a server offered "br" may answer with brotli at its slowest setting.
        set_option(handle, CURLOPT_ACCEPT_ENCODING, "gzip");
        set_option(handle, CURLOPT_WRITEFUNCTION, on_body);
        set_option(handle, CURLOPT_XFERINFOFUNCTION, on_progress);
        set_option(handle, CURLOPT_NOPROGRESS, 0L);
        set_option(handle, CURLOPT_DEBUGFUNCTION, on_debug);
        set_option(handle, CURLOPT_VERBOSE, 1L);
    } catch (...) {
        curl_easy_cleanup(handle);
        throw;
    }
}

HttpClient::~HttpClient() {
    curl_easy_cleanup(static_cast<CURL*>(handle_));
}

HttpResult HttpClient::post(const std::string& url, const std::vector<std::string>& headers,
                            const std::string& body) {
    HttpResult result;
    if (const auto problem = url_problem(url, settings_.allow_plain_http)) {
        result.error = *problem;
        result.curl_code = CURLE_URL_MALFORMAT;
        return result;
    }
    CURL* handle = static_cast<CURL*>(handle_);

    curl_slist* header_list = nullptr;
    // libcurl would wait up to a second for "100 Continue" before sending a large body.
    header_list = curl_slist_append(header_list, "Expect:");
    for (const std::string& header : headers) {
        header_list = curl_slist_append(header_list, header.c_str());
    }
    const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(
        header_list, curl_slist_free_all);

    Transfer transfer{&result.body, false, cancel_, 0, 0};
    char error_text[CURL_ERROR_SIZE] = {};
    set_option(handle, CURLOPT_URL, url.c_str());
    set_option(handle, CURLOPT_HTTPHEADER, header_list);
    set_option(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    set_option(handle, CURLOPT_POSTFIELDS, body.data());
    set_option(handle, CURLOPT_WRITEDATA, &transfer);
    set_option(handle, CURLOPT_XFERINFODATA, &transfer);
    set_option(handle, CURLOPT_DEBUGDATA, &transfer);
    set_option(handle, CURLOPT_ERRORBUFFER, error_text);

    const CURLcode code = curl_easy_perform(handle);
    set_option(handle, CURLOPT_ERRORBUFFER, static_cast<char*>(nullptr));
    set_option(handle, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));

    result.request_bytes = transfer.bytes_out;
    result.response_bytes = transfer.bytes_in;

    result.curl_code = code;
    if (code != CURLE_OK) {
        result.cancelled = code == CURLE_ABORTED_BY_CALLBACK;
        result.error = curl_easy_strerror(code);
        if (transfer.too_large) {
            result.error = "the answer is larger than " + std::to_string(kMaxResponseBytes) +
                           " bytes: not a motcua server";
        } else if (error_text[0] != '\0') {
            result.error += std::string(" (") + error_text + ")";
        }
        return result;
    }
    result.transport_ok = true;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &result.status);
    char* content_type = nullptr;
    curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &content_type);
    if (content_type != nullptr) {
        result.content_type = content_type;
    }
    curl_off_t retry_after = 0;
    if (curl_easy_getinfo(handle, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK &&
        retry_after > 0) {
        result.retry_after_seconds = retry_after;
    }
    return result;
}

}  // namespace motcua
