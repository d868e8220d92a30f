#include "core/clock_drift.hpp"

namespace motcua {

std::int64_t clock_offset_from_drift(std::int64_t server_minus_kiosk_ms) {
    return -server_minus_kiosk_ms;
}

std::optional<std::int64_t> flagged_clock_offset(std::int64_t kiosk_minus_server_ms) {
    const std::int64_t size =
        kiosk_minus_server_ms < 0 ? -kiosk_minus_server_ms : kiosk_minus_server_ms;
    if (size > kClockOffsetLimit.count()) {
        return kiosk_minus_server_ms;
    }
    return std::nullopt;
}

std::string describe_clock_offset(std::int64_t kiosk_minus_server_ms) {
    const bool ahead = kiosk_minus_server_ms > 0;
    std::int64_t seconds = (ahead ? kiosk_minus_server_ms : -kiosk_minus_server_ms) / 1000;
    const std::int64_t days = seconds / 86400;
    seconds %= 86400;
    const std::int64_t hours = seconds / 3600;
    seconds %= 3600;
    const std::int64_t minutes = seconds / 60;
    seconds %= 60;
    std::string amount;
    auto add = [&amount](std::int64_t value, const char* unit) {
        if (value > 0) {
            if (!amount.empty()) {
                amount += ' ';
            }
            amount += std::to_string(value);
            amount += ' ';
            amount += unit;
        }
    };
    add(days, "d");
    add(hours, "h");
    add(minutes, "min");
    if (days == 0 && hours == 0) {
        add(seconds, "s");
    }
    if (amount.empty()) {
        return "this kiosk's clock agrees with the server's";
    }
    return "this kiosk's clock is " + amount + (ahead ? " ahead of" : " behind") + " the server's";
}

}  // namespace motcua
