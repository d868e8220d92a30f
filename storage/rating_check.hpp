#pragma once
// The checks rating_from_json makes, applied to a Rating in memory: a save checks the rating
// directly instead of a JSON round trip, and accepts exactly what the canonical JSON reader
// (and so the server) accepts.

#include <optional>
#include <string>

#include "core/rating.hpp"

namespace motcua::storage_detail {

// nullopt when rating_from_json(rating_to_json(rating)) would give back `rating` unchanged;
// otherwise the same "rating.<field>: <problem>" sentence rating_from_json throws.
std::optional<std::string> rating_problem(const Rating& rating);

}  // namespace motcua::storage_detail
