#pragma once
// Version 1 of the kiosk-to-province upload protocol (docs/sync-protocol.md): the paths,
// headers, limits and item answers that the uploader and the reference server share.

#include <cstddef>
#include <string_view>

namespace motcua::protocol {

inline constexpr std::string_view kBatchesPath = "/api/v1/batches";
inline constexpr std::string_view kHeartbeatPath = "/api/v1/heartbeat";

// The kiosk names itself in this header; the token travels as "Authorization: Bearer <token>".
inline constexpr std::string_view kKioskHeader = "X-Motcua-Kiosk";

inline constexpr std::size_t kMaxItemsPerBatch = 1000;
inline constexpr std::size_t kMaxCompressedBodyBytes = 2 * 1024 * 1024;  // as sent
inline constexpr std::size_t kMaxBodyBytes = 8 * 1024 * 1024;            // after gunzip
inline constexpr std::size_t kMaxReasonBytes = 1000;  // a void's reason, a server's reason

inline constexpr std::string_view kKindRating = "rating";
inline constexpr std::string_view kKindVoid = "void";

// The server's answer for one item of a batch.
enum class ItemStatus {
    accepted,   // stored now: delivered
    duplicate,  // the same id with identical content was already stored: delivered
    conflict,   // same id with other content, or the dossier/stage is rated already: quarantine
    rejected,   // invalid, with a reason: quarantine
};

inline std::string_view to_string(ItemStatus status) {
    switch (status) {
        case ItemStatus::accepted:
            return "accepted";
        case ItemStatus::duplicate:
            return "duplicate";
        case ItemStatus::conflict:
            return "conflict";
        case ItemStatus::rejected:
            return "rejected";
    }
    return "rejected";
}

inline bool parse_item_status(std::string_view text, ItemStatus& out) {
    for (ItemStatus status : {ItemStatus::accepted, ItemStatus::duplicate, ItemStatus::conflict,
                              ItemStatus::rejected}) {
        if (text == to_string(status)) {
            out = status;
            return true;
        }
    }
    return false;
}

// An item counts as delivered only on one of these two answers.
inline bool is_delivered(ItemStatus status) {
    return status == ItemStatus::accepted || status == ItemStatus::duplicate;
}

}  // namespace motcua::protocol
