#include "storage/rating_check.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <stdexcept>

#include "core/text.hpp"
#include "core/uuid.hpp"

namespace motcua::storage_detail {

namespace {

// The limits of core/rating.cpp's reader.
constexpr std::size_t kMaxTextBytes = 256;
constexpr int kMinOffsetMinutes = -12 * 60;
constexpr int kMaxOffsetMinutes = 14 * 60;
constexpr int kMaxPoints = 100;

// Thrown inside this file only, to stop at the first problem like the reader does.
struct Problem {
    std::string message;
};

[[noreturn]] void reject(const std::string& field, const std::string& problem) {
    throw Problem{"rating." + field + ": " + problem};
}

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
    });
}

// What is wrong with a text field, or nullopt. Field names are built only for a rejection:
// a save checks a few dozen fields, and naming each one up front would cost more than the
// checks.
std::optional<std::string> text_problem(const std::string& text, bool may_be_empty) {
    if (text.empty() && !may_be_empty) {
        return "must not be empty";
    }
    if (text.size() > kMaxTextBytes) {
        return "longer than " + std::to_string(kMaxTextBytes) + " bytes";
    }
    if (!is_valid_utf8(text)) {
        return "not valid UTF-8";
    }
    if (has_control_character(text)) {
        return "contains a control character";
    }
    return std::nullopt;
}

template <typename FieldName>
void check_text(const std::string& text, bool may_be_empty, FieldName&& field) {
    if (const std::optional<std::string> problem = text_problem(text, may_be_empty)) {
        reject(field(), *problem);
    }
}

auto named(const char* field) {
    return [field] { return std::string(field); };
}

void check_text_list(const std::vector<std::string>& list, const std::string& field) {
    // Item by item, like the reader: each item's text, then whether it repeats an earlier one
    // (lists are a handful of items; only long ones, which a bad caller makes, need a set).
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto item_field = [&] { return field + "[" + std::to_string(i) + "]"; };
        check_text(list[i], false, item_field);
        const auto earlier_end = list.begin() + static_cast<std::ptrdiff_t>(i);
        const bool repeated = list.size() <= 16
                                  ? std::find(list.begin(), earlier_end, list[i]) != earlier_end
                                  : !seen.insert(list[i]).second;
        if (repeated) {
            reject(item_field(), "duplicate '" + list[i] + "'");
        }
    }
}

void check_range(std::int64_t number, const char* field, std::int64_t min, std::int64_t max) {
    if (number < min || number > max) {
        reject(field, std::to_string(number) + " is outside " + std::to_string(min) + ".." +
                          std::to_string(max));
    }
}

void check_answers(const std::vector<Answer>& answers) {
    std::set<std::string_view> answered;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const Answer& answer = answers[i];
        const auto field = [&](const char* part) {
            return [i, part] { return "answers[" + std::to_string(i) + "]." + part; };
        };
        check_text(answer.question_id, false, field("question_id"));
        check_text(answer.option_id, false, field("option_id"));
        check_text(answer.indicator, false, field("indicator"));
        if (answer.points && (*answer.points < 0 || *answer.points > kMaxPoints)) {
            reject(field("points")(),
                   std::to_string(*answer.points) + " is outside 0.." + std::to_string(kMaxPoints));
        }
        if (!answer.follow_ups.empty()) {
            check_text_list(answer.follow_ups, field("follow_ups")());
        }
        bool repeated = false;
        if (answers.size() <= 16) {
            for (std::size_t j = 0; j < i && !repeated; ++j) {
                repeated = answers[j].question_id == answer.question_id;
            }
        } else {
            repeated = !answered.insert(answer.question_id).second;
        }
        if (repeated) {
            reject(field("question_id")(), "question '" + answer.question_id + "' answered twice");
        }
    }
}

constexpr std::int64_t kMillisPerDay = 86'400'000;

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return quotient * divisor > value ? quotient - 1 : quotient;
}

// The reader reads created_utc back from its ISO 8601 text, which exists for years 0000..9999.
// Compared as numbers: formatting the dates of every saved rating would cost more than the
// rest of the check.
void check_times(const Rating& rating) {
    static const std::int64_t kFirstMillis = days_from_civil("0000-01-01") * kMillisPerDay;
    static const std::int64_t kLastMillis = (days_from_civil("9999-12-31") + 1) * kMillisPerDay - 1;
    if (rating.created_utc < kFirstMillis || rating.created_utc > kLastMillis) {
        reject("created_utc", "outside the years 0000..9999");
    }
    check_range(rating.utc_offset_minutes, "utc_offset_minutes", kMinOffsetMinutes,
                kMaxOffsetMinutes);
    check_text(rating.local_date, false, named("local_date"));
    if (!is_valid_date(rating.local_date)) {
        reject("local_date", "not a calendar date YYYY-MM-DD: '" + rating.local_date + "'");
    }
    const std::int64_t local_day = floor_div(
        rating.created_utc + std::int64_t{rating.utc_offset_minutes} * 60'000, kMillisPerDay);
    if (days_from_civil(rating.local_date) != local_day) {
        const std::string expected = local_date(rating.created_utc, rating.utc_offset_minutes);
        reject("local_date", "'" + rating.local_date + "' does not match created_utc and " +
                                 "utc_offset_minutes (" + expected + ")");
    }
}

}  // namespace

std::optional<std::string> rating_problem(const Rating& rating) {
    try {
        check_text(rating.id, false, named("id"));
        if (!is_uuid(rating.id)) {
            reject("id", "not a lower-case UUID: '" + rating.id + "'");
        }
        check_text(rating.dossier_code, false, named("dossier_code"));
        check_text(rating.official_id, true, named("official_id"));
        check_text(rating.form_id, false, named("form_id"));
        check_range(rating.form_version, "form_version", 1, std::numeric_limits<int>::max());
        check_answers(rating.answers);
        if (!rating.flags.empty()) {
            check_text_list(rating.flags, "flags");
        }
        check_times(rating);
        check_range(rating.sequence, "sequence", 0, std::numeric_limits<std::int64_t>::max());
        check_text(rating.kiosk_id, false, named("kiosk_id"));
        check_text(rating.unit_code, false, named("unit_code"));
    } catch (const Problem& problem) {
        return problem.message;
    } catch (const std::exception& error) {  // a local date past the year 9999
        return std::string("rating: ") + error.what();
    }
    return std::nullopt;
}

}  // namespace motcua::storage_detail
