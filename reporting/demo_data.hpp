#pragma once
// Realistic synthetic ratings for demos, screenshots and benchmarks: a handful of officials with
// Vietnamese names, every stage the form applies to, office hours on working days, mostly good
// answers with some variation per official, some paper forms, and dossier codes in the
// {unit}-{yyMMdd}-{NNNN} shape with a sequence restarting every day.
//
// Deterministic: the same options (seed included) give the same ratings, ids included, on any
// machine. The generator needs no store (a benchmark can feed ratings anywhere);
// write_demo_data saves them through RatingBulkSave, one transaction per ratings_per_commit.

#include <cstdint>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "core/rating.hpp"
#include "storage/store.hpp"

namespace motcua {

struct DemoDataOptions {
    std::int64_t ratings = 1000;
    int days = 30;  // ending with end_date
    std::uint64_t seed = 1;
    int officials = 5;     // 1..99
    std::string end_date;  // YYYY-MM-DD, the last day with ratings
    int utc_offset_minutes = 420;
    std::string kiosk_id;
    std::string unit_code;                     // also the first part of every dossier code
    std::size_t chunk_size = 10000;            // ratings generated at a time
    std::int64_t ratings_per_commit = 200000;  // ratings per transaction when saving
};

// Throws std::invalid_argument naming the option when one is out of range.
void check_demo_options(const DemoDataOptions& options);

struct DemoOfficial {
    Official official;
    std::string pin;
};

// The demo's officials: ids "cb01", "cb02", ..., NFC Vietnamese names, the first one a
// supervisor, the others officials. Every PIN is kDemoPin.
inline constexpr const char* kDemoPin = "1234";
std::vector<DemoOfficial> demo_officials(int count);

// "{unit_code}-{yyMMdd}-{NNNN}": the sequence zero-padded to at least four digits.
std::string demo_dossier_code(const std::string& unit_code, const std::string& date,
                              std::int64_t sequence);

// Produces the ratings day by day in time order, in chunks.
class DemoRatingGenerator {
  public:
    // Throws std::invalid_argument for bad options or a form that applies to no stage.
    DemoRatingGenerator(const Form& form, DemoDataOptions options);

    // Replaces `chunk` with the next ratings (at most chunk_size); false when all are made.
    bool next_chunk(std::vector<Rating>& chunk);

    // The days with ratings, first and last (YYYY-MM-DD).
    std::string first_date() const;
    std::string last_date() const;
    // The most ratings any one day gets (the longest dossier sequence number).
    std::int64_t max_per_day() const;

  private:
    // A question asked at a stage, with its options sorted out once.
    struct AskedQuestion {
        const Question* question = nullptr;
        std::vector<const AnswerOption*> scored;  // options with points, best first
        const AnswerOption* not_applicable = nullptr;
        const AnswerOption* raises_flag = nullptr;  // flag questions
        const AnswerOption* clears_flag = nullptr;
    };

    Rating make_rating(std::int64_t day, std::int64_t sequence, std::int64_t local_millis);
    std::vector<Choice> make_choices(Stage stage, double quality);
    Stage pick_stage();
    std::uint64_t next_random();
    double next_unit();  // uniform in [0, 1)
    std::uint64_t next_below(std::uint64_t bound);
    std::string next_uuid();
    void plan_day();

    const Form& form_;
    DemoDataOptions options_;
    std::uint64_t state_;
    std::vector<std::int64_t> per_day_;     // ratings planned for each day
    std::vector<double> official_quality_;  // chance of the best answer, per official
    std::int64_t first_day_ = 0;            // days since 1970-01-01
    std::size_t day_index_ = 0;
    std::vector<std::int64_t> day_millis_;  // local times of the current day's ratings
    std::string day_date_;                  // the current day, YYYY-MM-DD
    std::vector<AskedQuestion> asked_[std::size(kAllStages)];  // by stage
    std::size_t next_in_day_ = 0;
};

struct DemoDataResult {
    std::int64_t ratings = 0;
    int officials_added = 0;
    std::string first_date;
    std::string last_date;
};

// Adds the demo officials that do not exist yet, checks the generated dossier codes against
// `validator` (the configured rules), then saves every rating in transactions of
// ratings_per_commit. `progress` is called after each generated chunk with the ratings written
// so far (durable at the next commit). Refuses, with
// std::invalid_argument, a period that already has ratings (demo codes would collide) and
// codes the configured pattern rejects, before writing anything. StoreError from the store; a
// failed transaction leaves the transactions before it saved.
DemoDataResult write_demo_data(Store& store, const Form& form,
                               const DossierCodeValidator& validator,
                               const DemoDataOptions& options,
                               const std::function<void(std::int64_t)>& progress = {});

}  // namespace motcua
