#include "reporting/number_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace motcua {

std::string format_fixed(double value, int decimals) {
    char buffer[64];
    int written = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    if (written < 0 || written >= static_cast<int>(sizeof buffer)) {
        throw std::invalid_argument("format_fixed: value does not fit");
    }
    std::string text(buffer, static_cast<std::size_t>(written));
    // A tiny negative value rounds to "-0.00"; a report must not show a negative zero.
    if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) {
        text.erase(0, 1);
    }
    return text;
}

std::string format_exact(double value) {
    if (!std::isfinite(value)) {
        throw std::invalid_argument("format_exact: not a finite number");
    }
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

}  // namespace motcua
