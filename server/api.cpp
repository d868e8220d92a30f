#include "server/api.hpp"

#include <cstdio>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/log_redact.hpp"
#include "server/request_parsing.hpp"
#include "server/tokens.hpp"
#include "sync/protocol.hpp"

// [SECTION] Answers
// [SECTION] Reading a request
// [SECTION] Endpoints
// [SECTION] Installation

namespace motcua::server {

using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Answers
//-----------------------------------------------------------------------------

namespace {

constexpr const char* kJson = "application/json";
// When the database fails (disk full, locked beyond the timeout) kiosks come back later.
constexpr int kStoreRetryAfterSeconds = 30;

void answer_json(httplib::Response& response, int status, const json& body) {
    response.status = status;
    response.set_content(body.dump(), kJson);
}

void answer_error(httplib::Response& response, int status, const std::string& code,
                  const std::string& message, UtcMillis now) {
    answer_json(response, status,
                {{"error", {{"code", code}, {"message", message}}},
                 {"server_time", format_utc_iso8601(now)}});
}

// No detail: an unauthenticated caller learns nothing about which part was wrong.
void answer_unauthorized(httplib::Response& response) {
    response.set_header("WWW-Authenticate", "Bearer");
    answer_json(response, 401,
                {{"error", {{"code", "unauthorized"}, {"message", "unauthorized"}}}});
}

//-----------------------------------------------------------------------------
// [SECTION] Reading a request
//-----------------------------------------------------------------------------

// "application/json", optionally with parameters ("; charset=utf-8"), in any letter case.
bool is_json_media_type(const std::string& content_type) {
    std::string media;
    for (char c : content_type.substr(0, content_type.find(';'))) {
        if (c != ' ' && c != '\t') {
            media += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return media == kJson;
}

// The request body, decompressed by httplib, refused past the protocol's limits. A refusal
// leaves part of the body unread, so the answer asks the client to close the connection.
std::string read_body(const httplib::ContentReader& reader, httplib::Response& response) {
    std::string body;
    bool too_large = false;
    const bool complete = reader([&](const char* data, std::size_t size) {
        if (body.size() + size > protocol::kMaxBodyBytes) {
            too_large = true;
            return false;
        }
        body.append(data, size);
        return true;
    });
    if (complete) {
        return body;
    }
    response.set_header("Connection", "close");
    if (too_large || response.status == 413) {
        throw ApiError(413, "too_large",
                       "the body may be at most " +
                           std::to_string(protocol::kMaxCompressedBodyBytes) +
                           " bytes as sent and " + std::to_string(protocol::kMaxBodyBytes) +
                           " bytes decompressed");
    }
    throw ApiError(400, "unreadable_body",
                   "the body could not be read completely (bad gzip data or a cut connection)");
}

// Reads and forgets the body of a request that is refused anyway, so the refusal reaches the
// client before the connection closes (closing with unread data would reset it).
void discard_body(const httplib::ContentReader& reader, httplib::Response& response) {
    std::size_t seen = 0;
    const bool complete = reader([&](const char*, std::size_t size) {
        seen += size;
        return seen <= protocol::kMaxBodyBytes;
    });
    if (!complete) {
        response.set_header("Connection", "close");
    }
}

void check_media(const httplib::Request& request) {
    const std::string encoding = request.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "gzip" && encoding != "identity") {
        throw ApiError(415, "unsupported_encoding",
                       "Content-Encoding must be gzip or identity, not '" + encoding + "'");
    }
    if (!is_json_media_type(request.get_header_value("Content-Type"))) {
        throw ApiError(415, "unsupported_media_type", "Content-Type must be application/json");
    }
}

// The 200 answer to a batch, written directly (one small object per item; building them as
// nlohmann trees cost more than the rest of the answer). Same bytes as nlohmann's dump() of
// {"results": [{"reason"?, "seq", "status"}...], "server_time"}.
std::string batch_answer(const std::vector<ItemOutcome>& outcomes, UtcMillis now) {
    std::string body = "{\"results\":[";
    body.reserve(outcomes.size() * 40 + 64);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const ItemOutcome& outcome = outcomes[i];
        body += i == 0 ? "{" : ",{";
        if (!outcome.reason.empty()) {
            std::string reason = outcome.reason;
            if (reason.size() > protocol::kMaxReasonBytes) {
                std::size_t end = protocol::kMaxReasonBytes;
                while (end > 0 && (static_cast<unsigned char>(reason[end]) & 0xC0) == 0x80) {
                    --end;
                }
                reason.resize(end);
            }
            body += "\"reason\":";
            body += json(reason).dump();
            body += ',';
        }
        body += "\"seq\":";
        body += std::to_string(outcome.seq);
        body += ",\"status\":\"";
        body += protocol::to_string(outcome.status);
        body += "\"}";
    }
    body += "],\"server_time\":\"";
    body += format_utc_iso8601(now);
    body += "\"}";
    return body;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Endpoints
//-----------------------------------------------------------------------------

Api::Api(ServerStore& store, FaultInjector& faults, const Clock& clock)
    : store_(store), faults_(faults), clock_(clock) {}

std::optional<KioskRecord> Api::authenticate(const httplib::Request& request) {
    const std::string authorization = request.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    const std::string kiosk_id = request.get_header_value(std::string(protocol::kKioskHeader));
    if (authorization.rfind(prefix, 0) != 0 || kiosk_id.empty()) {
        return std::nullopt;
    }
    std::optional<KioskRecord> kiosk = store_.find_kiosk(kiosk_id);
    if (!kiosk || kiosk->revoked_utc ||
        !token_matches(std::string_view(authorization).substr(prefix.size()), kiosk->token_hash)) {
        return std::nullopt;
    }
    return kiosk;
}

// The common path of both endpoints: faults, authentication, media checks, the body, then
// `process(body, kiosk)` which stores what it must and returns the 200 answer's JSON text.
template <typename Process>
void Api::handle(const httplib::Request& request, httplib::Response& response,
                 const httplib::ContentReader& reader, Process process) {
    const FaultDraw fault = faults_.draw();
    if (fault.fault == Fault::drop_before_body) {
        std::fprintf(stderr, "fault injection: dropping a connection before its body\n");
        drop_connection(request);
        return;
    }
    try {
        const std::optional<KioskRecord> kiosk = authenticate(request);
        if (!kiosk) {
            discard_body(reader, response);
            answer_unauthorized(response);
            return;
        }
        try {
            check_media(request);
        } catch (const ApiError&) {
            discard_body(reader, response);
            throw;
        }
        const std::string body = read_body(reader, response);
        if (fault.fault == Fault::server_error) {
            std::this_thread::sleep_for(fault.delay);
            if (fault.status == 503) {
                response.set_header("Retry-After",
                                    std::to_string(faults_.settings().retry_after_seconds));
            }
            answer_error(response, fault.status, "injected_fault",
                         "fault injection: this request failed on purpose", clock_.now_utc());
            return;
        }
        const std::string answer = process(body, *kiosk);
        if (fault.fault == Fault::drop_after_commit) {
            std::fprintf(stderr, "fault injection: dropping a connection after its commit\n");
            drop_connection(request);
            return;
        }
        std::this_thread::sleep_for(fault.delay);
        response.status = 200;
        response.set_content(answer, kJson);
    } catch (const ApiError& error) {
        answer_error(response, error.status(), error.code(), error.what(), clock_.now_utc());
    } catch (const ServerStoreError& error) {
        std::fprintf(stderr, "motcua-server: %s\n", redact_log_line(error.what()).c_str());
        response.set_header("Retry-After", std::to_string(kStoreRetryAfterSeconds));
        answer_error(response, 503, "unavailable", "the server's database is unavailable",
                     clock_.now_utc());
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Installation
//-----------------------------------------------------------------------------

void Api::install(httplib::Server& server) {
    server.set_payload_max_length(protocol::kMaxCompressedBodyBytes);
    server.Post(std::string(protocol::kBatchesPath), [this](const httplib::Request& request,
                                                            httplib::Response& response,
                                                            const httplib::ContentReader& reader) {
        handle(request, response, reader,
               [this](const std::string& body, const KioskRecord& kiosk) {
                   const std::vector<IncomingItem> items = parse_batch(body, kiosk);
                   const UtcMillis now = clock_.now_utc();
                   return batch_answer(store_.store_batch(kiosk.kiosk_id, items, now), now);
               });
    });
    server.Post(std::string(protocol::kHeartbeatPath), [this](
                                                           const httplib::Request& request,
                                                           httplib::Response& response,
                                                           const httplib::ContentReader& reader) {
        handle(request, response, reader,
               [this](const std::string& body, const KioskRecord& kiosk) {
                   const std::string heartbeat = parse_heartbeat(body, kiosk);
                   const UtcMillis now = clock_.now_utc();
                   store_.record_heartbeat(kiosk.kiosk_id, heartbeat, now);
                   return json{{"status", "ok"}, {"server_time", format_utc_iso8601(now)}}.dump();
               });
    });
    // Fills in a JSON body for refusals httplib makes itself (unknown path, oversized body).
    const httplib::Server::HandlerWithResponse on_error = [this](const httplib::Request&,
                                                                 httplib::Response& response) {
        if (!response.body.empty()) {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        const int status = response.status;
        const std::string code = status == 404   ? "not_found"
                                 : status == 413 ? "too_large"
                                                 : "bad_request";
        answer_error(response, status, code,
                     status == 404
                         ? "no such endpoint (see docs/sync-protocol.md)"
                         : "the request was refused (HTTP " + std::to_string(status) + ")",
                     clock_.now_utc());
        return httplib::Server::HandlerResponse::Handled;
    };
    server.set_error_handler(on_error);
    server.set_exception_handler(
        [this](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& exception) {
                std::fprintf(stderr, "motcua-server: internal error: %s\n",
                             redact_log_line(exception.what()).c_str());
            } catch (...) {
                std::fprintf(stderr, "motcua-server: internal error\n");
            }
            answer_error(response, 500, "internal", "internal server error", clock_.now_utc());
        });
    server.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
        const std::string kiosk = request.get_header_value(std::string(protocol::kKioskHeader));
        std::fprintf(stderr, "%s %s %s %s %d kiosk=%s\n",
                     format_utc_iso8601(clock_.now_utc()).c_str(), request.remote_addr.c_str(),
                     request.method.c_str(), request.path.c_str(), response.status,
                     kiosk.empty() ? "-" : kiosk.c_str());
    });
}

}  // namespace motcua::server
