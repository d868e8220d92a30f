// Rollups (storage/rollups.hpp): the counts blob, the changes a transaction sums in memory, and
// their read-modify-write into `rollups` before COMMIT.
//
// [SECTION] Counts and their blob
// [SECTION] Changes of one transaction
// [SECTION] Reading

#include "storage/rollups.hpp"

#include <limits>

namespace motcua::sqlite {

//-----------------------------------------------------------------------------
// [SECTION] Counts and their blob
//-----------------------------------------------------------------------------

void RollupCounts::merge(const RollupCounts& other) {
    for (int stage = 0; stage < kStages; ++stage) {
        for (int channel = 0; channel < kChannels; ++channel) {
            ratings[stage][channel] += other.ratings[stage][channel];
            voided[stage][channel] += other.voided[stage][channel];
        }
    }
    if (answers.size() < other.answers.size()) {
        answers.resize(other.answers.size());
    }
    for (std::size_t choice = 0; choice < other.answers.size(); ++choice) {
        answers[choice] += other.answers[choice];
    }
}

void RollupCounts::add_answer(std::size_t choice, std::int64_t count) {
    if (answers.size() <= choice) {
        answers.resize(choice + 1);
    }
    answers[choice] += count;
}

bool RollupCounts::has_negative() const {
    for (int stage = 0; stage < kStages; ++stage) {
        for (int channel = 0; channel < kChannels; ++channel) {
            if (ratings[stage][channel] < 0 || voided[stage][channel] < 0) {
                return true;
            }
        }
    }
    for (const std::int64_t count : answers) {
        if (count < 0) {
            return true;
        }
    }
    return false;
}

namespace {

void put_number(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

// Reads one number at `at`, advancing it; false when the blob ends inside it or it is too long.
bool take_number(std::string_view blob, std::size_t& at, std::uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 63; shift += 7) {
        if (at >= blob.size()) {
            return false;
        }
        const auto byte = static_cast<unsigned char>(blob[at++]);
        value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            return true;
        }
    }
    return false;
}

// Choice ids and counts far beyond anything a kiosk can store: a blob naming one was not
// written by encode_rollup_counts.
constexpr std::uint64_t kMaxChoiceId = 1'000'000;
constexpr std::uint64_t kMaxCount = std::numeric_limits<std::int64_t>::max() / 4;

}  // namespace

std::string encode_rollup_counts(const RollupCounts& counts) {
    std::string out;
    for (const auto* table : {&counts.ratings, &counts.voided}) {
        for (const auto& by_channel : *table) {
            for (const std::int64_t count : by_channel) {
                put_number(out, static_cast<std::uint64_t>(count));
            }
        }
    }
    for (std::size_t choice = 0; choice < counts.answers.size(); ++choice) {
        if (counts.answers[choice] != 0) {
            put_number(out, choice);
            put_number(out, static_cast<std::uint64_t>(counts.answers[choice]));
        }
    }
    return out;
}

RollupCounts decode_rollup_counts(const Connection& db, std::string_view blob,
                                  std::string_view doing) {
    RollupCounts counts;
    std::size_t at = 0;
    std::uint64_t value = 0;
    auto corrupt = [&] {
        db.fail(StoreErrorKind::corrupt, doing, "a rollup row's counts cannot be read");
    };
    for (auto* table : {&counts.ratings, &counts.voided}) {
        for (auto& by_channel : *table) {
            for (std::int64_t& count : by_channel) {
                if (!take_number(blob, at, value) || value > kMaxCount) {
                    corrupt();
                }
                count = static_cast<std::int64_t>(value);
            }
        }
    }
    std::uint64_t previous_choice = 0;
    while (at < blob.size()) {
        std::uint64_t choice = 0;
        if (!take_number(blob, at, choice) || choice > kMaxChoiceId ||
            (!counts.answers.empty() && choice <= previous_choice) ||
            !take_number(blob, at, value) || value > kMaxCount) {
            corrupt();
        }
        counts.add_answer(static_cast<std::size_t>(choice), static_cast<std::int64_t>(value));
        previous_choice = choice;
    }
    return counts;
}

std::int64_t rollup_month(const std::string& date) {
    return std::stoll(date.substr(0, 4)) * 12 + std::stoll(date.substr(5, 2)) - 1;
}

int rollup_day(const std::string& date) {
    return std::stoi(date.substr(8, 2));
}

//-----------------------------------------------------------------------------
// [SECTION] Changes of one transaction
//-----------------------------------------------------------------------------

void RollupDelta::add_saved(const Rating& rating, std::span<const std::int64_t> choice_ids) {
    add(rating, choice_ids, +1, 0);
}

void RollupDelta::add_voided(const Rating& rating, std::span<const std::int64_t> choice_ids) {
    add(rating, choice_ids, -1, +1);
}

void RollupDelta::add(const Rating& rating, std::span<const std::int64_t> choice_ids,
                      std::int64_t sign, std::int64_t voided) {
    RollupCounts& counts = days_[DayKey{rollup_month(rating.local_date),
                                        rollup_day(rating.local_date), rating.official_id}];
    const int stage = storage_detail::stage_number(rating.stage);
    const int channel = storage_detail::channel_number(rating.channel);
    counts.ratings[stage][channel] += sign;
    counts.voided[stage][channel] += voided;
    for (const std::int64_t choice : choice_ids) {
        counts.add_answer(static_cast<std::size_t>(choice), sign);
    }
}

namespace {

constexpr std::string_view kWriting = "updating the rollups";

}  // namespace

RollupWriter::RollupWriter(Connection& db)
    : db_(db),
      read_(db, "SELECT counts FROM rollups WHERE month = ?1 AND official = ?2 AND day = ?3",
            kWriting),
      write_(db,
             "INSERT INTO rollups (month, official, day, counts) VALUES (?1, ?2, ?3, ?4) "
             "ON CONFLICT (month, official, day) DO UPDATE SET counts = excluded.counts",
             kWriting) {}

void RollupWriter::apply(const RollupDelta& delta, storage_detail::Dictionary& dictionary) {
    // Key order: each official's day rows, then its month row.
    std::map<RollupKey, RollupCounts> rows;
    for (const auto& [key, change] : delta.days_) {
        const auto& [month, day, official] = key;
        const std::int64_t label = dictionary.label_id(official);
        rows[RollupKey{month, label, kMonthRow}].merge(change);
        rows[RollupKey{month, label, day}].merge(change);
    }
    for (const auto& [key, change] : rows) {
        write(key, change);
    }
}

void RollupWriter::write(const RollupKey& key, const RollupCounts& change) {
    const auto& [month, official, day] = key;
    RollupCounts counts;
    if (read_.bind(1, month).bind(2, official).bind(3, day).step()) {
        counts = decode_rollup_counts(db_, read_.blob(0), kWriting);
        read_.reset();
    }
    counts.merge(change);
    if (counts.has_negative()) {
        db_.fail(StoreErrorKind::corrupt, kWriting,
                 "a count would go below zero: the rollups no longer match the ratings "
                 "(run 'motcua check')");
    }
    write_.bind(1, month).bind(2, official).bind(3, day);
    write_.bind_blob(4, encode_rollup_counts(counts)).run();
}

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------

RollupTotals read_rollup_totals(Connection& db, std::string_view doing) {
    Statement days(db, "SELECT counts FROM rollups WHERE day < " + std::to_string(kMonthRow),
                   doing);
    RollupTotals totals;
    while (days.step()) {
        const RollupCounts counts = decode_rollup_counts(db, days.blob(0), doing);
        for (int stage = 0; stage < RollupCounts::kStages; ++stage) {
            for (int channel = 0; channel < RollupCounts::kChannels; ++channel) {
                totals.ratings += counts.ratings[stage][channel] + counts.voided[stage][channel];
                totals.voided += counts.voided[stage][channel];
            }
        }
    }
    return totals;
}

}  // namespace motcua::sqlite
