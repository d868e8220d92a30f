#include "reporting/demo_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace motcua {

namespace {

// Office hours of a Vietnamese one-stop counter, local time: 07:30-11:30 and 13:30-17:00, in
// milliseconds after midnight.
constexpr std::int64_t kMorningStart = (7 * 3600 + 30 * 60) * 1000LL;
constexpr std::int64_t kMorningMillis = 4 * 3600 * 1000LL;
constexpr std::int64_t kAfternoonStart = (13 * 3600 + 30 * 60) * 1000LL;
constexpr std::int64_t kAfternoonMillis = (3 * 3600 + 30 * 60) * 1000LL;

constexpr double kUnattributedShare = 0.05;   // ratings with nobody signed in at the desk
constexpr double kPaperShare = 0.08;          // paper forms typed in later
constexpr double kSkipShare = 0.05;           // skippable questions left out
constexpr double kFlagShare = 0.03;           // "asked to pay extra?" answered yes
constexpr double kFollowUpShare = 0.6;        // a low answer followed by a reason
constexpr double kNotApplicableShare = 0.06;  // "I don't know" and other answers without points
// CS1 (handling time against the appointment) can only be judged once the result is returned;
// before that most citizens answer "no result yet".
constexpr const char* kResultTimeIndicator = "CS1";
constexpr double kNoResultYetShare = 0.9;

const char* const kFamilyNames[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng",
                                    "Vũ",     "Đặng", "Bùi", "Đỗ",   "Lò"};
const char* const kMiddleNames[] = {"Văn", "Thị", "Đức", "Thị Thu", "Quang", "Thị Hồng"};
const char* const kGivenNames[] = {"An",   "Bình", "Cường", "Dung", "Giang", "Hạnh", "Khánh",
                                   "Lan",  "Minh", "Nga",   "Phúc", "Quyên", "Sơn",  "Thảo",
                                   "Tuấn", "Uyên", "Việt",  "Xuân", "Yến",   "Hùng"};

// Relative number of dossiers on a weekday (0 = Sunday): counters open Monday to Friday, some
// on Saturday morning.
double weekday_weight(std::int64_t days_since_epoch) {
    std::int64_t weekday = ((days_since_epoch + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
    if (weekday == 0) {
        return 0.05;
    }
    if (weekday == 6) {
        return 0.3;
    }
    return 1.0;
}

// How often citizens come for each stage.
double stage_weight(Stage stage) {
    switch (stage) {
        case Stage::intake:
            return 0.5;
        case Stage::supplement:
            return 0.1;
        case Stage::refusal:
            return 0.05;
        case Stage::result_return:
            return 0.35;
    }
    return 0;
}

// "cb01", "cb02", ... for the 1-based `number`.
std::string demo_official_id(std::size_t number) {
    return (number < 10 ? "cb0" : "cb") + std::to_string(number);
}

std::string yymmdd(const std::string& date) {
    return date.substr(2, 2) + date.substr(5, 2) + date.substr(8, 2);
}

}  // namespace

std::string demo_dossier_code(const std::string& unit_code, const std::string& date,
                              std::int64_t sequence) {
    char number[24];
    std::snprintf(number, sizeof number, "%04lld", static_cast<long long>(sequence));
    return unit_code + "-" + yymmdd(date) + "-" + number;
}

void check_demo_options(const DemoDataOptions& options) {
    if (options.ratings < 0) {
        throw std::invalid_argument("--ratings must be 0 or more");
    }
    if (options.days < 1 || options.days > 3660) {
        throw std::invalid_argument("--days must be between 1 and 3660");
    }
    if (options.officials < 1 || options.officials > 99) {
        throw std::invalid_argument("--officials must be between 1 and 99");
    }
    if (!is_valid_date(options.end_date)) {
        throw std::invalid_argument("the end date must be a real date YYYY-MM-DD (got '" +
                                    options.end_date + "')");
    }
    if (options.utc_offset_minutes < -14 * 60 || options.utc_offset_minutes > 14 * 60) {
        throw std::invalid_argument("the UTC offset must be within 14 hours");
    }
    if (options.chunk_size == 0) {
        throw std::invalid_argument("the chunk size must be at least 1");
    }
    if (options.ratings_per_commit < 1) {
        throw std::invalid_argument("the ratings per commit must be at least 1");
    }
    if (options.unit_code.empty() || options.kiosk_id.empty()) {
        throw std::invalid_argument("demo data needs a unit code and a kiosk id");
    }
}

std::vector<DemoOfficial> demo_officials(int count) {
    std::vector<DemoOfficial> officials;
    constexpr std::size_t kFamilies = std::size(kFamilyNames);
    constexpr std::size_t kMiddles = std::size(kMiddleNames);
    constexpr std::size_t kGivens = std::size(kGivenNames);
    for (int i = 0; i < count; ++i) {
        auto n = static_cast<std::size_t>(i);
        std::string name = std::string(kFamilyNames[n % kFamilies]) + " " +
                           kMiddleNames[(n * 7 + n / kFamilies) % kMiddles] + " " +
                           kGivenNames[(n * 3 + n / kGivens) % kGivens];
        DemoOfficial official;
        official.official.id = demo_official_id(n + 1);
        official.official.name = to_nfc(name);
        official.official.role = i == 0 ? Role::supervisor : Role::official;
        official.official.active = true;
        official.pin = kDemoPin;
        officials.push_back(official);
    }
    return officials;
}

//-----------------------------------------------------------------------------
// Generator
//-----------------------------------------------------------------------------

DemoRatingGenerator::DemoRatingGenerator(const Form& form, DemoDataOptions options)
    : form_(form), options_(std::move(options)), state_(options_.seed) {
    check_demo_options(options_);
    if (std::none_of(std::begin(kAllStages), std::end(kAllStages),
                     [&](Stage stage) { return form_.applies_to(stage); })) {
        throw std::invalid_argument("the form " + form_.id + " applies to no stage");
    }
    first_day_ = days_from_civil(options_.end_date) - (options_.days - 1);

    // Share the ratings among the days by weekday, with some day-to-day variation; the
    // remainder goes to the days with the largest fractional shares (earliest first on ties).
    std::vector<double> weights;
    double weight_sum = 0;
    for (int d = 0; d < options_.days; ++d) {
        double weight = weekday_weight(first_day_ + d) * (0.8 + 0.4 * next_unit());
        weights.push_back(weight);
        weight_sum += weight;
    }
    std::vector<std::pair<double, int>> remainders;
    std::int64_t planned = 0;
    for (int d = 0; d < options_.days; ++d) {
        double exact = static_cast<double>(options_.ratings) * weights[d] / weight_sum;
        auto whole = static_cast<std::int64_t>(std::floor(exact));
        per_day_.push_back(whole);
        planned += whole;
        remainders.emplace_back(exact - static_cast<double>(whole), d);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; planned < options_.ratings; ++i, ++planned) {
        ++per_day_[static_cast<std::size_t>(remainders[i % remainders.size()].second)];
    }

    for (int i = 0; i < options_.officials; ++i) {
        official_quality_.push_back(0.6 + 0.35 * next_unit());
    }
    for (Stage stage : kAllStages) {
        for (const Question* question : form_.questions_for(stage)) {
            AskedQuestion asked;
            asked.question = question;
            for (const auto& option : question->options) {
                if (option.points) {
                    asked.scored.push_back(&option);
                } else if (asked.not_applicable == nullptr) {
                    asked.not_applicable = &option;
                }
                if (option.raises_flag && asked.raises_flag == nullptr) {
                    asked.raises_flag = &option;
                } else if (!option.raises_flag && asked.clears_flag == nullptr) {
                    asked.clears_flag = &option;
                }
            }
            std::stable_sort(asked.scored.begin(), asked.scored.end(),
                             [](const AnswerOption* a, const AnswerOption* b) {
                                 return *a->points > *b->points;
                             });
            asked_[static_cast<std::size_t>(stage)].push_back(asked);
        }
    }
    plan_day();
}

std::string DemoRatingGenerator::first_date() const {
    return civil_from_days(first_day_);
}

std::string DemoRatingGenerator::last_date() const {
    return options_.end_date;
}

std::int64_t DemoRatingGenerator::max_per_day() const {
    return per_day_.empty() ? 0 : *std::max_element(per_day_.begin(), per_day_.end());
}

std::uint64_t DemoRatingGenerator::next_random() {
    // splitmix64: small, fast, and the same on every platform.
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double DemoRatingGenerator::next_unit() {
    return static_cast<double>(next_random() >> 11) * 0x1.0p-53;
}

std::uint64_t DemoRatingGenerator::next_below(std::uint64_t bound) {
    return static_cast<std::uint64_t>(next_unit() * static_cast<double>(bound));
}

std::string DemoRatingGenerator::next_uuid() {
    std::uint64_t high = next_random();
    std::uint64_t low = next_random();
    high = (high & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
    low = (low & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;    // variant 10
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text(36, '-');
    std::size_t at = 0;
    for (int nibble = 0; nibble < 32; ++nibble) {
        if (at == 8 || at == 13 || at == 18 || at == 23) {
            ++at;
        }
        std::uint64_t word = nibble < 16 ? high : low;
        text[at++] = kHex[(word >> (60 - 4 * (nibble % 16))) & 0xF];
    }
    return text;
}

void DemoRatingGenerator::plan_day() {
    day_millis_.clear();
    next_in_day_ = 0;
    if (day_index_ >= per_day_.size()) {
        return;
    }
    day_date_ = civil_from_days(first_day_ + static_cast<std::int64_t>(day_index_));
    for (std::int64_t i = 0; i < per_day_[day_index_]; ++i) {
        auto millis = static_cast<std::int64_t>(
            next_below(static_cast<std::uint64_t>(kMorningMillis + kAfternoonMillis)));
        day_millis_.push_back(millis < kMorningMillis
                                  ? kMorningStart + millis
                                  : kAfternoonStart + (millis - kMorningMillis));
    }
    std::sort(day_millis_.begin(), day_millis_.end());
}

Stage DemoRatingGenerator::pick_stage() {
    double total = 0;
    for (Stage stage : kAllStages) {
        total += form_.applies_to(stage) ? stage_weight(stage) : 0;
    }
    double point = next_unit() * total;
    Stage chosen = Stage::intake;
    for (Stage stage : kAllStages) {
        if (!form_.applies_to(stage)) {
            continue;
        }
        chosen = stage;
        point -= stage_weight(stage);
        if (point < 0) {
            break;
        }
    }
    return chosen;
}

std::vector<Choice> DemoRatingGenerator::make_choices(Stage stage, double quality) {
    std::vector<Choice> choices;
    const auto& asked_at_stage = asked_[static_cast<std::size_t>(stage)];
    choices.reserve(asked_at_stage.size());
    for (const AskedQuestion& asked : asked_at_stage) {
        const Question& question = *asked.question;
        if (question.skippable && next_unit() < kSkipShare) {
            continue;
        }
        const AnswerOption* chosen = nullptr;
        if (question.kind == QuestionKind::flag) {
            chosen = next_unit() < kFlagShare ? asked.raises_flag : asked.clears_flag;
        } else {
            double not_applicable_share =
                question.indicator == kResultTimeIndicator && stage != Stage::result_return
                    ? kNoResultYetShare
                    : kNotApplicableShare;
            if (asked.not_applicable != nullptr &&
                (asked.scored.empty() || next_unit() < not_applicable_share)) {
                chosen = asked.not_applicable;
            } else if (!asked.scored.empty()) {
                // The best answer with the official's quality, then each next one 0.7 times
                // as likely as the one before.
                double point = next_unit();
                double weight = quality;
                double rest = 1 - quality;
                chosen = asked.scored.back();
                for (std::size_t i = 0; i < asked.scored.size(); ++i) {
                    if (point < weight) {
                        chosen = asked.scored[i];
                        break;
                    }
                    point -= weight;
                    weight = i + 2 == asked.scored.size() ? rest : rest * 0.7;
                    rest -= weight;
                }
            }
        }
        if (chosen == nullptr) {
            chosen = &question.options.front();
        }

        Choice& choice = choices.emplace_back(Choice{question.id, chosen->id, {}});
        const auto& follow_up = question.follow_up;
        if (follow_up && !follow_up->choices.empty() && chosen->points &&
            *chosen->points <= follow_up->when_points_at_most && next_unit() < kFollowUpShare) {
            std::size_t first = next_below(follow_up->choices.size());
            choice.follow_ups.push_back(follow_up->choices[first].id);
            std::size_t second = next_below(follow_up->choices.size());
            if (follow_up->multiple && second != first && next_unit() < 0.25) {
                choice.follow_ups.push_back(follow_up->choices[second].id);
            }
        }
    }
    return choices;
}

Rating DemoRatingGenerator::make_rating(std::int64_t day, std::int64_t sequence,
                                        std::int64_t local_millis) {
    Rating rating;
    rating.id = next_uuid();
    rating.local_date = day_date_;
    rating.dossier_code = demo_dossier_code(options_.unit_code, rating.local_date, sequence);
    rating.stage = pick_stage();
    rating.channel = next_unit() < kPaperShare ? Channel::paper : Channel::kiosk;
    double quality = 0.8;
    if (next_unit() >= kUnattributedShare) {
        std::size_t official = next_below(official_quality_.size());
        rating.official_id = demo_official_id(official + 1);
        quality = official_quality_[official];
    }
    rating.form_id = form_.id;
    rating.form_version = form_.version;
    fill_answers(form_, rating.stage, make_choices(rating.stage, quality), rating);
    rating.utc_offset_minutes = options_.utc_offset_minutes;
    rating.created_utc = day * 86400000LL + local_millis - options_.utc_offset_minutes * 60000LL;
    rating.kiosk_id = options_.kiosk_id;
    rating.unit_code = options_.unit_code;
    return rating;
}

bool DemoRatingGenerator::next_chunk(std::vector<Rating>& chunk) {
    chunk.clear();
    while (chunk.size() < options_.chunk_size && day_index_ < per_day_.size()) {
        if (next_in_day_ >= day_millis_.size()) {
            ++day_index_;
            plan_day();
            continue;
        }
        auto sequence = static_cast<std::int64_t>(next_in_day_) + 1;
        chunk.push_back(make_rating(first_day_ + static_cast<std::int64_t>(day_index_), sequence,
                                    day_millis_[next_in_day_]));
        ++next_in_day_;
    }
    return !chunk.empty();
}

//-----------------------------------------------------------------------------
// Saving
//-----------------------------------------------------------------------------

namespace {

void check_code(const DossierCodeValidator& validator, const std::string& code) {
    DossierCodeResult result = validator.check(code);
    if (!result.ok() || result.code != code) {
        throw std::invalid_argument(
            "demo data makes dossier codes shaped {unit}-{yyMMdd}-{NNNN}, but the configured "
            "dossier code rules refuse '" +
            code + "': " + result.message_en);
    }
}

}  // namespace

DemoDataResult write_demo_data(Store& store, const Form& form,
                               const DossierCodeValidator& validator,
                               const DemoDataOptions& options,
                               const std::function<void(std::int64_t)>& progress) {
    DemoRatingGenerator generator(form, options);
    DemoDataResult result;
    result.first_date = generator.first_date();
    result.last_date = generator.last_date();

    Aggregates existing = store.aggregate(RatingFilter{result.first_date, result.last_date, {}});
    if (existing.ratings + existing.voided > 0) {
        throw std::invalid_argument(
            "the database already has ratings between " + result.first_date + " and " +
            result.last_date +
            "; demo dossier codes would collide. Use a new database or another end date.");
    }

    // Codes differ only in their date and sequence: the shortest and the longest one made
    // stand for all of them.
    check_code(validator, demo_dossier_code(options.unit_code, result.first_date, 1));
    check_code(validator, demo_dossier_code(options.unit_code, result.last_date,
                                            std::max<std::int64_t>(1, generator.max_per_day())));

    for (const auto& demo : demo_officials(options.officials)) {
        if (!store.find_official(demo.official.id)) {
            store.add_official(demo.official, demo.pin);
            ++result.officials_added;
        }
    }

    // The kiosk's own rules and stored bytes (RatingBulkSave), with one commit per
    // ratings_per_commit ratings instead of one per rating.
    RatingBulkSave save(store);
    std::vector<Rating> chunk;
    while (generator.next_chunk(chunk)) {
        for (Rating& rating : chunk) {
            save.add(rating);
            if (save.uncommitted() >= options.ratings_per_commit) {
                save.commit();
            }
        }
        result.ratings += static_cast<std::int64_t>(chunk.size());
        if (progress) {
            progress(result.ratings);
        }
    }
    save.commit();
    return result;
}

}  // namespace motcua
