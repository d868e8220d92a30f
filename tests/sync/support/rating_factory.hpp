#pragma once
// Ratings made the way the kiosk makes them, for tests: the province's default form, answers
// picked at random (seeded) through core's fill_answers, UUIDv4 ids, dossier codes in the
// {unit}-{yyMMdd}-{NNNN} shape that never repeat within one factory.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/rating.hpp"
#include "storage/store.hpp"

namespace motcua::test {

class RatingFactory {
  public:
    RatingFactory(std::string kiosk_id, std::string unit_code, std::uint64_t seed = 1);

    // The next rating: stage and answers random, created one minute after the previous one.
    Rating next();
    // The next rating for a given dossier and stage (to provoke a conflict).
    Rating next_for(const std::string& dossier_code, Stage stage);
    const Form& form() const { return form_; }

  private:
    Form form_;
    std::string kiosk_id_;
    std::string unit_code_;
    std::mt19937_64 random_;
    std::int64_t count_ = 0;
};

// Saves `count` ratings from `factory` into `store` (in transactions of 5000); returns their ids.
std::vector<std::string> save_ratings(Store& store, RatingFactory& factory, std::int64_t count);

}  // namespace motcua::test
