// Tallies read only the rollups, never the ratings: whole calendar months of the asked range
// come from month_ratings/month_answers, the days around them from day_ratings/day_answers.
// A year costs twelve months of rollup rows, a day one day's, whatever the database holds.
//
// [SECTION] Splitting a range into months and days
// [SECTION] Reading and merging rollups

#include <cstdio>
#include <tuple>

#include "storage/store_impl.hpp"

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Splitting a range into months and days
//-----------------------------------------------------------------------------

namespace {

constexpr std::string_view kDoing = "computing a tally";

// Inclusive bounds: "YYYY-MM" for months, "YYYY-MM-DD" for days.
struct Segment {
    bool months = false;
    std::string from;
    std::string to;
};

// Calendar months as numbers, year * 12 + (month - 1): "0000-01" is 0, "9999-12" the last one a
// date can name. Counting keeps the arithmetic off the text, so no month after December 9999
// (or before January 0000) is ever formatted.
constexpr int kLastMonth = 9999 * 12 + 11;

int month_number(const std::string& date) {
    return std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1;
}

std::string month_text(int number) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", number / 12, number % 12 + 1);
    return text;
}

std::string first_day_of(int number) {
    return month_text(number) + "-01";
}

std::string last_day_of(int number) {
    const int year = number / 12;
    const int month = number % 12 + 1;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int days = month == 2 && leap ? 29 : kDays[month - 1];
    return month_text(number) + "-" + std::to_string(days);
}

// `from` and `to` are valid dates or "" for an open end.
std::vector<Segment> split_by_month(const std::string& from, const std::string& to) {
    const int from_month = from.empty() ? 0 : month_number(from);
    const int to_month = to.empty() ? kLastMonth : month_number(to);
    // The whole months inside the range.
    const int first_full =
        from.empty() || from == first_day_of(from_month) ? from_month : from_month + 1;
    const int last_full = to.empty() || to == last_day_of(to_month) ? to_month : to_month - 1;
    if (first_full > last_full) {
        return {Segment{false, from.empty() ? "0000-00-00" : from, to.empty() ? "9999-99-99" : to}};
    }
    std::vector<Segment> segments;
    if (first_full != from_month) {
        segments.push_back(Segment{false, from, last_day_of(from_month)});
    }
    segments.push_back(Segment{true, month_text(first_full), month_text(last_full)});
    if (last_full != to_month) {
        segments.push_back(Segment{false, first_day_of(to_month), to});
    }
    return segments;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading and merging rollups
//-----------------------------------------------------------------------------

using AnswerKey = std::tuple<std::string, std::string, std::string, std::optional<int>>;

// One official's (or everyone's) counts summed over the segments.
struct Partial {
    std::int64_t ratings = 0;
    std::int64_t voided = 0;
    std::map<std::pair<Stage, Channel>, std::int64_t> by_stage_channel;
    std::map<AnswerKey, std::int64_t> answers;
};

void read_segment(sqlite::Connection& db, const Segment& segment, const RatingFilter& filter,
                  bool per_official, std::map<std::string, Partial>& partials) {
    const std::string prefix = segment.months ? "month" : "day";
    const std::string period = segment.months ? "month" : "local_date";
    const std::string official = per_official ? "official_id" : "''";
    const std::string where =
        " WHERE " + period + " BETWEEN ?1 AND ?2 AND (?3 IS NULL OR official_id = ?3) ";

    sqlite::Statement counts(db,
                             "SELECT " + official +
                                 ", stage, channel, sum(ratings), sum(voided) FROM " + prefix +
                                 "_ratings" + where + "GROUP BY 1, stage, channel",
                             kDoing);
    counts.bind(1, segment.from).bind(2, segment.to);
    storage_detail::bind_official(counts, 3, filter);
    while (counts.step()) {
        Stage stage = Stage::intake;
        Channel channel = Channel::kiosk;
        if (!parse_stage(counts.text(1), stage) || !parse_channel(counts.text(2), channel)) {
            db.fail(StoreErrorKind::corrupt, kDoing,
                    "the rating counts name an unknown stage or channel ('" + counts.text(1) +
                        "', '" + counts.text(2) + "')");
        }
        Partial& partial = partials[counts.text(0)];
        partial.ratings += counts.int64(3);
        partial.voided += counts.int64(4);
        partial.by_stage_channel[{stage, channel}] += counts.int64(3);
    }

    sqlite::Statement answers(
        db,
        "SELECT " + official +
            ", question_id, option_id, indicator, has_points, points, sum(count) FROM " + prefix +
            "_answers" + where +
            "GROUP BY 1, question_id, option_id, indicator, has_points, points",
        kDoing);
    answers.bind(1, segment.from).bind(2, segment.to);
    storage_detail::bind_official(answers, 3, filter);
    while (answers.step()) {
        const std::optional<int> points =
            answers.int64(4) != 0 ? std::optional<int>(answers.integer(5)) : std::nullopt;
        partials[answers.text(0)]
            .answers[AnswerKey{answers.text(1), answers.text(2), answers.text(3), points}] +=
            answers.int64(6);
    }
}

Aggregates to_aggregates(const Partial& partial) {
    Aggregates figures;
    figures.ratings = partial.ratings;
    figures.voided = partial.voided;
    for (const auto& [stage_channel, ratings] : partial.by_stage_channel) {
        if (ratings > 0) {
            figures.by_stage_channel.push_back(
                StageChannelCount{stage_channel.first, stage_channel.second, ratings});
        }
    }
    for (const auto& [key, count] : partial.answers) {
        if (count <= 0) {
            continue;
        }
        const auto& [question, option, indicator, points] = key;
        figures.answers.push_back(AnswerCount{question, option, indicator, points, count});
        if (points) {
            PointsTally& tally = figures.indicators[indicator];
            tally.sum += static_cast<double>(*points) * static_cast<double>(count);
            tally.count += count;
        }
    }
    return figures;
}

// The figures per official id, or under "" for everything when `per_official` is false.
std::map<std::string, Aggregates> read_rollups(sqlite::Connection& db, const RatingFilter& filter,
                                               bool per_official) {
    storage_detail::checked_range(db, filter, kDoing);
    std::map<std::string, Partial> partials;
    {
        sqlite::ReadTransaction snapshot(db, kDoing);
        for (const Segment& segment : split_by_month(filter.from_date, filter.to_date)) {
            read_segment(db, segment, filter, per_official, partials);
        }
    }
    std::map<std::string, Aggregates> result;
    for (const auto& [official, partial] : partials) {
        result.emplace(official, to_aggregates(partial));
    }
    return result;
}

}  // namespace

Aggregates Store::aggregate(const RatingFilter& filter) {
    std::map<std::string, Aggregates> all = read_rollups(impl_->db, filter, false);
    return all.empty() ? Aggregates{} : std::move(all.begin()->second);
}

std::map<std::string, Aggregates> Store::aggregate_by_official(const RatingFilter& filter) {
    return read_rollups(impl_->db, filter, true);
}

}  // namespace motcua
