#include "tests/sync/support/rating_factory.hpp"

#include "core/config.hpp"
#include "core/uuid.hpp"

namespace motcua::test {

namespace {

// 2022-12-28T01:00:00Z (08:00 in Vietnam), the seed report's date.
constexpr UtcMillis kFirstRatingUtc = 1672189200000;
constexpr int kVietnamOffset = 420;

std::string two_digits(std::int64_t value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

}  // namespace

RatingFactory::RatingFactory(std::string kiosk_id, std::string unit_code, std::uint64_t seed)
    : form_(load_form_file(assets_dir() / "forms" / "dienbien-phieu4.json")),
      kiosk_id_(std::move(kiosk_id)),
      unit_code_(std::move(unit_code)),
      random_(seed) {}

Rating RatingFactory::next() {
    const std::int64_t index = count_;
    const UtcMillis created = kFirstRatingUtc + index * 60000;
    const std::string date = local_date(created, kVietnamOffset);
    // yyMMdd of the local date plus a number that never repeats in this factory.
    const std::string code = unit_code_ + "-" + date.substr(2, 2) + date.substr(5, 2) +
                             date.substr(8, 2) + "-" + std::to_string(100000 + index);
    const Stage stage = form_.stages[random_() % form_.stages.size()];
    return next_for(code, stage);
}

Rating RatingFactory::next_for(const std::string& dossier_code, Stage stage) {
    const UtcMillis created = kFirstRatingUtc + count_ * 60000;
    ++count_;
    Rating rating;
    rating.id = make_uuid_v4();
    rating.dossier_code = dossier_code;
    rating.channel = random_() % 10 == 0 ? Channel::paper : Channel::kiosk;
    rating.official_id = "cb" + two_digits(static_cast<std::int64_t>(random_() % 5) + 1);
    rating.created_utc = created;
    rating.utc_offset_minutes = kVietnamOffset;
    rating.local_date = local_date(created, kVietnamOffset);
    rating.kiosk_id = kiosk_id_;
    rating.unit_code = unit_code_;
    std::vector<Choice> choices;
    for (const Question* question : form_.questions_for(stage)) {
        const AnswerOption& option = question->options[random_() % question->options.size()];
        choices.push_back(Choice{question->id, option.id, {}});
    }
    fill_answers(form_, stage, choices, rating);
    return rating;
}

std::vector<std::string> save_ratings(Store& store, RatingFactory& factory, std::int64_t count) {
    std::vector<std::string> ids;
    std::vector<Rating> chunk;
    for (std::int64_t made = 0; made < count; ++made) {
        chunk.push_back(factory.next());
        if (chunk.size() == 5000 || made + 1 == count) {
            store.save_ratings(chunk);
            for (const Rating& rating : chunk) {
                ids.push_back(rating.id);
            }
            chunk.clear();
        }
    }
    return ids;
}

}  // namespace motcua::test
