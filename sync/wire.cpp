#include "sync/wire.hpp"

#include <nlohmann/json.hpp>

#include "sync/json_check.hpp"

// [SECTION] Helpers
// [SECTION] Batch request
// [SECTION] Batch answer
// [SECTION] Heartbeat
// [SECTION] Error bodies

namespace motcua {

using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

bool is_json_content_type(std::string_view content_type) {
    const std::string_view media = content_type.substr(0, content_type.find(';'));
    std::string lowered;
    for (char c : media) {
        if (c != ' ' && c != '\t') {
            lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return lowered == "application/json";
}

// The body of an answer the server must have written itself: JSON content type, a complete
// JSON object. Anything else (an HTML login page, a cut-off body) is not our server talking.
json parse_answer_object(std::string_view content_type, std::string_view body) {
    if (!is_json_content_type(content_type)) {
        throw WireError("the answer is not JSON (Content-Type '" + std::string(content_type) +
                        "'): a captive portal or proxy may be in the way");
    }
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        throw WireError("the answer is not complete JSON (" + std::to_string(body.size()) +
                        " bytes): truncated or not from a motcua server");
    }
    if (!parsed.is_object()) {
        throw WireError("the answer is JSON but not an object");
    }
    return parsed;
}

UtcMillis server_time_of(const json& answer) {
    const auto found = answer.find("server_time");
    if (found == answer.end() || !found->is_string()) {
        throw WireError("the answer has no server_time");
    }
    UtcMillis when = 0;
    if (!parse_utc_iso8601(found->get<std::string>(), when)) {
        throw WireError("the answer's server_time is not a UTC time: '" +
                        found->get<std::string>() + "'");
    }
    return when;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Batch request
//-----------------------------------------------------------------------------

EncodedBatch encode_batch(std::string_view kiosk_id, UtcMillis sent_at,
                          std::span<const OutboxItem> items) {
    EncodedBatch batch;
    std::string& body = batch.body;
    body.reserve(items.size() * 700 + 128);
    body += "{\"kiosk_id\":";
    body += json(kiosk_id).dump();
    body += ",\"sent_at\":\"";
    body += format_utc_iso8601(sent_at);
    body += "\",\"items\":[";
    bool first = true;
    for (const OutboxItem& item : items) {
        // The store wrote the payload as canonical JSON (a rating, or a void record with
        // rating_id, reason, actor and voided_utc) and it goes out as it is. Checking that it
        // is a JSON object, without building it, keeps one damaged row from making the whole
        // batch unreadable to the server.
        if (!is_json_object(item.payload)) {
            batch.unsendable.push_back({item.seq, "the stored record is not valid JSON"});
            continue;
        }
        const std::string_view kind =
            item.kind == OutboxKind::rating ? protocol::kKindRating : protocol::kKindVoid;
        if (!first) {
            body += ',';
        }
        first = false;
        body += "{\"seq\":";
        body += std::to_string(item.seq);
        body += ",\"kind\":\"";
        body += kind;
        body += "\",\"";
        body += kind;
        body += "\":";
        body += item.payload;
        body += '}';
        batch.seqs.push_back(item.seq);
    }
    body += "]}";
    return batch;
}

//-----------------------------------------------------------------------------
// [SECTION] Batch answer
//-----------------------------------------------------------------------------

BatchAnswer decode_batch_answer(std::string_view content_type, std::string_view body,
                                std::span<const std::int64_t> sent_seqs) {
    const json answer = parse_answer_object(content_type, body);
    BatchAnswer decoded;
    decoded.server_time = server_time_of(answer);
    const auto results = answer.find("results");
    if (results == answer.end() || !results->is_array()) {
        throw WireError("the answer has no results list");
    }
    if (results->size() != sent_seqs.size()) {
        throw WireError("the answer has " + std::to_string(results->size()) + " results for " +
                        std::to_string(sent_seqs.size()) + " items sent");
    }
    decoded.items.reserve(sent_seqs.size());
    for (std::size_t i = 0; i < sent_seqs.size(); ++i) {
        const json& result = (*results)[i];
        const std::string where = "result " + std::to_string(i);
        if (!result.is_object()) {
            throw WireError(where + " is not an object");
        }
        const auto seq = result.find("seq");
        if (seq == result.end() || !seq->is_number_integer() ||
            seq->get<std::int64_t>() != sent_seqs[i]) {
            throw WireError(where + " does not answer item seq " + std::to_string(sent_seqs[i]));
        }
        const auto status = result.find("status");
        ItemAnswer item;
        item.seq = sent_seqs[i];
        if (status == result.end() || !status->is_string() ||
            !protocol::parse_item_status(status->get<std::string>(), item.status)) {
            throw WireError(where + " has no known status");
        }
        if (!protocol::is_delivered(item.status)) {
            const auto reason = result.find("reason");
            if (reason == result.end() || !reason->is_string() ||
                reason->get<std::string>().empty() ||
                reason->get<std::string>().size() > protocol::kMaxReasonBytes) {
                throw WireError(where + " refuses item seq " + std::to_string(item.seq) +
                                " without a reason of 1.." +
                                std::to_string(protocol::kMaxReasonBytes) + " bytes");
            }
            item.reason = reason->get<std::string>();
        }
        decoded.items.push_back(std::move(item));
    }
    return decoded;
}

//-----------------------------------------------------------------------------
// [SECTION] Heartbeat
//-----------------------------------------------------------------------------

std::string encode_heartbeat(const Heartbeat& heartbeat) {
    const auto optional_number = [](const std::optional<std::int64_t>& value) {
        return value ? json(*value) : json(nullptr);
    };
    const json body = {
        {"kiosk_id", heartbeat.kiosk_id},
        {"sent_at", format_utc_iso8601(heartbeat.sent_at)},
        {"app_version", heartbeat.app_version},
        {"form_id", heartbeat.form_id},
        {"form_version", heartbeat.form_version},
        {"pending", heartbeat.pending},
        {"quarantined", heartbeat.quarantined},
        {"oldest_pending_age_s", optional_number(heartbeat.oldest_pending_age_s)},
        {"db_bytes", heartbeat.db_bytes},
        {"clock_drift_ms", optional_number(heartbeat.clock_drift_ms)},
        {"last_error", heartbeat.last_error},
    };
    return body.dump();
}

UtcMillis decode_heartbeat_answer(std::string_view content_type, std::string_view body) {
    const json answer = parse_answer_object(content_type, body);
    const auto status = answer.find("status");
    if (status == answer.end() || *status != "ok") {
        throw WireError("the heartbeat answer does not say status ok");
    }
    return server_time_of(answer);
}

//-----------------------------------------------------------------------------
// [SECTION] Error bodies
//-----------------------------------------------------------------------------

std::optional<std::string> decode_error_body(std::string_view content_type, std::string_view body) {
    if (!is_json_content_type(content_type)) {
        return std::nullopt;
    }
    const json parsed = json::parse(body, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("error") || !parsed["error"].is_object()) {
        return std::nullopt;
    }
    const json& error = parsed["error"];
    if (!error.contains("code") || !error["code"].is_string() || !error.contains("message") ||
        !error["message"].is_string()) {
        return std::nullopt;
    }
    return error["code"].get<std::string>() + ": " + error["message"].get<std::string>();
}

}  // namespace motcua
