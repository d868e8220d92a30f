#include "server/request_parsing.hpp"

#include <limits>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/uuid.hpp"
#include "server/canonical_batch.hpp"

// [SECTION] Helpers
// [SECTION] Items
// [SECTION] Batches
// [SECTION] Heartbeats

namespace motcua::server {

using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxActorBytes = 64;
constexpr std::size_t kMaxHeartbeatText = 2000;

[[noreturn]] void invalid(const std::string& code, const std::string& message) {
    throw ApiError(400, code, message);
}

json parse_object(std::string_view body, std::string_view what) {
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        invalid("malformed_json", "the " + std::string(what) + " body is not valid JSON");
    }
    if (!parsed.is_object()) {
        invalid("malformed_json", "the " + std::string(what) + " body is not a JSON object");
    }
    return parsed;
}

// The names of the keys of `object` that are not in `allowed`, or that are missing from it.
std::string key_problem(const json& object, std::initializer_list<std::string_view> allowed) {
    for (const auto& item : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
            return "unknown field '" + item.key() + "'";
        }
    }
    for (std::string_view key : allowed) {
        if (!object.contains(key)) {
            return "missing field '" + std::string(key) + "'";
        }
    }
    return {};
}

bool is_clean_text(const json& value, std::size_t max_bytes, bool may_be_empty) {
    if (!value.is_string()) {
        return false;
    }
    const auto& text = value.get_ref<const std::string&>();
    if ((text.empty() && !may_be_empty) || text.size() > max_bytes || !is_valid_utf8(text)) {
        return false;
    }
    return std::none_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
    });
}

bool is_utc_time(const json& value, UtcMillis& out) {
    return value.is_string() && parse_utc_iso8601(value.get<std::string>(), out);
}

bool is_count(const json& value) {
    return value.is_number_unsigned() ||
           (value.is_number_integer() && value.get<std::int64_t>() >= 0);
}

void check_kiosk(const json& value, const KioskRecord& kiosk, std::string_view what) {
    if (!value.is_string() || value.get<std::string>() != kiosk.kiosk_id) {
        throw ApiError(403, "kiosk_mismatch",
                       "the " + std::string(what) + " names another kiosk than the token's");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Items
//-----------------------------------------------------------------------------

// The rating of an item, or a rejection in `rejection`.
void read_rating(const json& record, const KioskRecord& kiosk, IncomingItem& item) {
    Rating rating;
    try {
        rating = rating_from_json(record);
    } catch (const std::invalid_argument& error) {
        item.rejection = error.what();
        return;
    }
    if (rating.kiosk_id != kiosk.kiosk_id) {
        item.rejection = "rating.kiosk_id: '" + rating.kiosk_id + "' is not the sending kiosk '" +
                         kiosk.kiosk_id + "'";
        return;
    }
    if (rating.unit_code != kiosk.unit_code) {
        item.rejection = "rating.unit_code: '" + rating.unit_code + "' is not kiosk " +
                         kiosk.kiosk_id + "'s unit '" + kiosk.unit_code + "'";
        return;
    }
    // The stored content must be canonical (rating_to_json) so that a resent rating compares
    // equal. rating_from_json accepted exactly the canonical keys and types, and the DOM keeps
    // keys sorted, so the record already serialises canonically unless its time was written
    // without milliseconds; re-serialising the record skips rebuilding it.
    const bool canonical_time = record["created_utc"] == format_utc_iso8601(rating.created_utc);
    std::string content = canonical_time ? record.dump() : rating_to_json(rating).dump();
    item.rating = IncomingRating{std::move(rating), std::move(content)};
}

void read_void(const json& record, IncomingItem& item) {
    if (!record.is_object()) {
        item.rejection = "void: expected an object";
        return;
    }
    if (const std::string problem =
            key_problem(record, {"rating_id", "reason", "actor", "voided_utc"});
        !problem.empty()) {
        item.rejection = "void: " + problem;
        return;
    }
    IncomingVoid incoming;
    if (!record["rating_id"].is_string() || !is_uuid(record["rating_id"].get<std::string>())) {
        item.rejection = "void.rating_id: not a lower-case UUID";
        return;
    }
    if (!is_clean_text(record["reason"], protocol::kMaxReasonBytes, false)) {
        item.rejection = "void.reason: must be 1.." + std::to_string(protocol::kMaxReasonBytes) +
                         " bytes of UTF-8 text without control characters";
        return;
    }
    if (!is_clean_text(record["actor"], kMaxActorBytes, false)) {
        item.rejection = "void.actor: must be 1.." + std::to_string(kMaxActorBytes) +
                         " bytes of UTF-8 text without control characters";
        return;
    }
    if (!is_utc_time(record["voided_utc"], incoming.voided_utc)) {
        item.rejection = "void.voided_utc: not a UTC time like 2022-12-28T02:15:00.000Z";
        return;
    }
    incoming.rating_id = record["rating_id"].get<std::string>();
    incoming.reason = record["reason"].get<std::string>();
    incoming.actor = record["actor"].get<std::string>();
    incoming.content = json{{"rating_id", incoming.rating_id},
                            {"reason", incoming.reason},
                            {"actor", incoming.actor},
                            {"voided_utc", format_utc_iso8601(incoming.voided_utc)}}
                           .dump();
    item.void_record = std::move(incoming);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Batches
//-----------------------------------------------------------------------------

std::vector<IncomingItem> parse_batch(std::string_view body, const KioskRecord& kiosk) {
    if (std::optional<std::vector<IncomingItem>> items = parse_canonical_batch(body, kiosk)) {
        return std::move(*items);
    }
    return parse_batch_general(body, kiosk);
}

std::vector<IncomingItem> parse_batch_general(std::string_view body, const KioskRecord& kiosk) {
    const json batch = parse_object(body, "batch");
    if (const std::string problem = key_problem(batch, {"kiosk_id", "sent_at", "items"});
        !problem.empty()) {
        invalid("invalid_batch", "batch: " + problem);
    }
    check_kiosk(batch["kiosk_id"], kiosk, "batch");
    UtcMillis sent_at = 0;
    if (!is_utc_time(batch["sent_at"], sent_at)) {
        invalid("invalid_batch", "batch.sent_at: not a UTC time like 2022-12-28T02:15:00.000Z");
    }
    const json& items = batch["items"];
    if (!items.is_array()) {
        invalid("invalid_batch", "batch.items: expected an array");
    }
    if (items.size() > protocol::kMaxItemsPerBatch) {
        throw ApiError(413, "too_large",
                       "a batch may hold at most " + std::to_string(protocol::kMaxItemsPerBatch) +
                           " items, not " + std::to_string(items.size()));
    }
    std::vector<IncomingItem> incoming;
    incoming.reserve(items.size());
    std::set<std::int64_t> seqs;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const json& entry = items[i];
        const std::string where = "batch.items[" + std::to_string(i) + "]";
        if (!entry.is_object() || !entry.contains("seq") || !is_count(entry["seq"]) ||
            entry["seq"].get<std::uint64_t>() >
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            invalid("invalid_batch", where + ": needs a non-negative integer seq");
        }
        IncomingItem item;
        item.seq = entry["seq"].get<std::int64_t>();
        if (!seqs.insert(item.seq).second) {
            invalid("invalid_batch", where + ": seq " + std::to_string(item.seq) + " repeats");
        }
        const auto kind = entry.find("kind");
        if (kind == entry.end() || !kind->is_string()) {
            item.rejection = "item: missing kind";
        } else if (*kind == protocol::kKindRating) {
            item.rejection = key_problem(entry, {"seq", "kind", "rating"});
            if (item.rejection.empty()) {
                read_rating(entry["rating"], kiosk, item);
            }
        } else if (*kind == protocol::kKindVoid) {
            item.rejection = key_problem(entry, {"seq", "kind", "void"});
            if (item.rejection.empty()) {
                read_void(entry["void"], item);
            }
        } else {
            item.rejection = "item: unknown kind '" + kind->get<std::string>() + "'";
        }
        incoming.push_back(std::move(item));
    }
    return incoming;
}

//-----------------------------------------------------------------------------
// [SECTION] Heartbeats
//-----------------------------------------------------------------------------

std::string parse_heartbeat(std::string_view body, const KioskRecord& kiosk) {
    const json heartbeat = parse_object(body, "heartbeat");
    if (const std::string problem =
            key_problem(heartbeat, {"kiosk_id", "sent_at", "app_version", "form_id", "form_version",
                                    "pending", "quarantined", "oldest_pending_age_s", "db_bytes",
                                    "clock_drift_ms", "last_error"});
        !problem.empty()) {
        invalid("invalid_heartbeat", "heartbeat: " + problem);
    }
    check_kiosk(heartbeat["kiosk_id"], kiosk, "heartbeat");
    UtcMillis sent_at = 0;
    const auto fail = [](const std::string& field, const std::string& expected) {
        invalid("invalid_heartbeat", "heartbeat." + field + ": expected " + expected);
    };
    if (!is_utc_time(heartbeat["sent_at"], sent_at)) {
        fail("sent_at", "a UTC time");
    }
    for (const char* field : {"app_version", "form_id"}) {
        if (!is_clean_text(heartbeat[field], 256, true)) {
            fail(field, "text of at most 256 bytes");
        }
    }
    if (!heartbeat["last_error"].is_string() ||
        heartbeat["last_error"].get_ref<const std::string&>().size() > kMaxHeartbeatText ||
        !is_valid_utf8(heartbeat["last_error"].get_ref<const std::string&>())) {
        fail("last_error", "UTF-8 text of at most " + std::to_string(kMaxHeartbeatText) + " bytes");
    }
    for (const char* field : {"form_version", "pending", "quarantined", "db_bytes"}) {
        if (!is_count(heartbeat[field])) {
            fail(field, "a non-negative integer");
        }
    }
    if (!heartbeat["oldest_pending_age_s"].is_null() &&
        !is_count(heartbeat["oldest_pending_age_s"])) {
        fail("oldest_pending_age_s", "a non-negative integer or null");
    }
    if (!heartbeat["clock_drift_ms"].is_null() &&
        !heartbeat["clock_drift_ms"].is_number_integer()) {
        fail("clock_drift_ms", "an integer or null");
    }
    return heartbeat.dump();
}

}  // namespace motcua::server
