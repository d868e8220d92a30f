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

std::string shift_month(const std::string& month, int by) {
    int year = std::stoi(month.substr(0, 4));
    int number = std::stoi(month.substr(5, 2)) + by;
    if (number > 12) {
        number = 1;
        ++year;
    } else if (number < 1) {
        number = 12;
        --year;
    }
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year, number);
    return text;
}

std::string last_day_of(const std::string& month) {
    return civil_from_days(days_from_civil(shift_month(month, +1) + "-01") - 1);
}

// `from` and `to` are valid dates or "" for an open end.
std::vector<Segment> split_by_month(const std::string& from, const std::string& to) {
    const std::string first_month = from.empty()             ? "0000-00"
                                    : from.substr(8) == "01" ? from.substr(0, 7)
                                                             : shift_month(from.substr(0, 7), +1);
    const std::string last_month = to.empty() ? "9999-99"
                                   : to == last_day_of(to.substr(0, 7))
                                       ? to.substr(0, 7)
                                       : shift_month(to.substr(0, 7), -1);
    if (first_month > last_month) {
        return {Segment{false, from.empty() ? "0000-00-00" : from, to.empty() ? "9999-99-99" : to}};
    }
    std::vector<Segment> segments;
    if (!from.empty() && first_month != from.substr(0, 7)) {
        segments.push_back(Segment{false, from, last_day_of(from.substr(0, 7))});
    }
    segments.push_back(Segment{true, first_month, last_month});
    if (!to.empty() && last_month != to.substr(0, 7)) {
        segments.push_back(Segment{false, to.substr(0, 7) + "-01", to});
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
