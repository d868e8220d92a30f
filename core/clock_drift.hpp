#pragma once
// Whether this kiosk's clock is far enough from the provincial server's to be flagged, and how
// to say so in plain words. Pure: the uploader measures, the store keeps the verdict.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace motcua {

// A kiosk more than this far from the server's clock is flagged (its ratings may land on the
// wrong day or hour, and a report's "today" is not the province's).
inline constexpr std::chrono::milliseconds kClockOffsetLimit{std::chrono::minutes(2)};

// The offset of this kiosk's clock from the server's (kiosk minus server, positive when the
// kiosk is ahead), from the uploader's drift (server minus kiosk).
std::int64_t clock_offset_from_drift(std::int64_t server_minus_kiosk_ms);

// The offset to keep in the store's state "clock.offset_ms": the offset when its size is
// beyond kClockOffsetLimit, nullopt when the clock is close enough (nothing to flag).
std::optional<std::int64_t> flagged_clock_offset(std::int64_t kiosk_minus_server_ms);

// "this kiosk's clock is 1 h 2 min ahead of the server's" (English, for staff and logs).
std::string describe_clock_offset(std::int64_t kiosk_minus_server_ms);

}  // namespace motcua
