// Tallies read only the rollups, never the ratings: whole calendar months of the asked range
// come from the month rows of `rollups` (day kMonthRow), the days around them from its day rows.
// A year costs twelve months of rollup rows, a day one day's, whatever the database holds.
//
// [SECTION] Splitting a range into months and days
// [SECTION] Reading and merging rollups

#include <optional>
#include <tuple>

#include "storage/store_impl.hpp"

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Splitting a range into months and days
//-----------------------------------------------------------------------------

namespace {

constexpr std::string_view kDoing = "computing a tally";

// Inclusive bounds as stored in `rollups`: months (year * 12 + month - 1) and days 1-31.
struct Segment {
    bool months = false;  // whole months: their month rows; otherwise the day rows
    std::int64_t from_month = 0;
    int from_day = 1;
    std::int64_t to_month = 0;
    int to_day = 31;
};

// "0000-01" is month 0, "9999-12" the last one a date can name.
constexpr std::int64_t kLastMonth = 9999 * 12 + 11;

int days_in_month(std::int64_t number) {
    const std::int64_t year = number / 12;
    const std::int64_t month = number % 12 + 1;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// `from` and `to` are valid dates or "" for an open end.
std::vector<Segment> split_by_month(const std::string& from, const std::string& to) {
    const std::int64_t from_month = from.empty() ? 0 : sqlite::rollup_month(from);
    const std::int64_t to_month = to.empty() ? kLastMonth : sqlite::rollup_month(to);
    const int from_day = from.empty() ? 1 : sqlite::rollup_day(from);
    const int to_day = to.empty() ? 31 : sqlite::rollup_day(to);
    // The whole months inside the range.
    const std::int64_t first_full = from_day == 1 ? from_month : from_month + 1;
    const std::int64_t last_full =
        to.empty() || to_day == days_in_month(to_month) ? to_month : to_month - 1;
    if (first_full > last_full) {
        return {Segment{false, from_month, from_day, to_month, to_day}};
    }
    std::vector<Segment> segments;
    if (first_full != from_month) {
        segments.push_back(Segment{false, from_month, from_day, from_month, 31});
    }
    segments.push_back(Segment{true, first_full, 0, last_full, 0});
    if (last_full != to_month) {
        segments.push_back(Segment{false, to_month, 1, to_month, to_day});
    }
    return segments;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading and merging rollups
//-----------------------------------------------------------------------------

// The counts per official label id, or under kEveryone when not per official.
using Partials = std::map<std::int64_t, sqlite::RollupCounts>;
constexpr std::int64_t kEveryone = -1;

void add_rows(sqlite::Connection& db, sqlite::Statement& rows, bool per_official,
              Partials& partials) {
    while (rows.step()) {
        partials[per_official ? rows.int64(0) : kEveryone].merge(
            sqlite::decode_rollup_counts(db, rows.blob(1), kDoing));
    }
}

// `official`: a label id, or nullopt for everyone.
void read_segment(sqlite::Connection& db, const Segment& segment,
                  std::optional<std::int64_t> official, bool per_official, Partials& partials) {
    auto bind_official = [&](sqlite::Statement& rows, int index) {
        if (official) {
            rows.bind(index, *official);
        } else {
            rows.bind_null(index);
        }
    };
    if (segment.months) {
        sqlite::Statement rows(db,
                               "SELECT official, counts FROM rollups WHERE month BETWEEN ?1 AND "
                               "?2 AND day = " +
                                   std::to_string(sqlite::kMonthRow) +
                                   " AND (?3 IS NULL OR official = ?3)",
                               kDoing);
        rows.bind(1, segment.from_month).bind(2, segment.to_month);
        bind_official(rows, 3);
        add_rows(db, rows, per_official, partials);
        return;
    }
    // A range of days lies in at most two months (a longer one holds a whole month).
    sqlite::Statement rows(db,
                           "SELECT official, counts FROM rollups WHERE month = ?1 AND day "
                           "BETWEEN ?2 AND ?3 AND (?4 IS NULL OR official = ?4)",
                           kDoing);
    for (std::int64_t month = segment.from_month; month <= segment.to_month; ++month) {
        rows.bind(1, month);
        rows.bind(2, month == segment.from_month ? segment.from_day : 1);
        rows.bind(3, month == segment.to_month ? segment.to_day : 31);
        bind_official(rows, 4);
        add_rows(db, rows, per_official, partials);
    }
}

using AnswerKey = std::tuple<std::string, std::string, std::string, std::optional<int>>;

Aggregates to_aggregates(const sqlite::RollupCounts& counts,
                         storage_detail::Dictionary& dictionary) {
    Aggregates figures;
    std::map<std::pair<Stage, Channel>, std::int64_t> by_stage_channel;
    for (int stage = 0; stage < sqlite::RollupCounts::kStages; ++stage) {
        for (int channel = 0; channel < sqlite::RollupCounts::kChannels; ++channel) {
            const std::int64_t ratings = counts.ratings[stage][channel];
            figures.ratings += ratings;
            figures.voided += counts.voided[stage][channel];
            if (ratings > 0) {
                by_stage_channel[{kAllStages[stage],
                                  channel == 1 ? Channel::paper : Channel::kiosk}] += ratings;
            }
        }
    }
    for (const auto& [stage_channel, ratings] : by_stage_channel) {
        figures.by_stage_channel.push_back(
            StageChannelCount{stage_channel.first, stage_channel.second, ratings});
    }
    std::map<AnswerKey, std::int64_t> answers;
    for (std::size_t choice_id = 0; choice_id < counts.answers.size(); ++choice_id) {
        if (counts.answers[choice_id] > 0) {
            const storage_detail::StoredChoice& choice =
                dictionary.choice(static_cast<std::int64_t>(choice_id));
            answers[AnswerKey{choice.question_id, choice.option_id, choice.indicator,
                              choice.points}] += counts.answers[choice_id];
        }
    }
    for (const auto& [key, count] : answers) {
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
std::map<std::string, Aggregates> read_rollups(sqlite::Connection& db,
                                               storage_detail::Dictionary& dictionary,
                                               const RatingFilter& filter, bool per_official) {
    storage_detail::checked_range(db, filter, kDoing);
    Partials partials;
    {
        sqlite::ReadTransaction snapshot(db, kDoing);
        std::optional<std::int64_t> official;
        if (filter.official_id) {
            official = dictionary.find_label(*filter.official_id);
            if (!official) {
                return {};  // nobody by that id ever rated
            }
        }
        for (const Segment& segment : split_by_month(filter.from_date, filter.to_date)) {
            read_segment(db, segment, official, per_official, partials);
        }
    }
    std::map<std::string, Aggregates> result;
    for (const auto& [official, counts] : partials) {
        result.emplace(per_official ? dictionary.label(official) : std::string(),
                       to_aggregates(counts, dictionary));
    }
    return result;
}

}  // namespace

Aggregates Store::aggregate(const RatingFilter& filter) {
    std::map<std::string, Aggregates> all =
        read_rollups(impl_->db, impl_->dictionary, filter, false);
    return all.empty() ? Aggregates{} : std::move(all.begin()->second);
}

std::map<std::string, Aggregates> Store::aggregate_by_official(const RatingFilter& filter) {
    return read_rollups(impl_->db, impl_->dictionary, filter, true);
}

}  // namespace motcua
