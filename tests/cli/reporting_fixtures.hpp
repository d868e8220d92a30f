#pragma once
// A small hand-made form and scoring profile for the reporting library's unit tests, so they do
// not depend on the shipped assets.

#include "core/form.hpp"
#include "core/scoring.hpp"

namespace motcua::test {

// Questions: q_time (CS1, with a "no result yet" option without points), q_attitude (CS7),
// q_overall (extra "overall"), q_pay (flag, extra "extra_payment"). Stages: intake and return.
Form small_form();

// Indicators CS1, CS7 (citizen) and CS5 (agency), 2 points each; bands tot >= 5, kha >= 3,
// yeu; per-official formula CS1 + CS7 scaled to 10. With `all_citizen`, CS5 is left out and
// the bands become tot >= 3, kha >= 2, yeu.
ScoringProfile small_profile(bool all_citizen = false);

}  // namespace motcua::test
