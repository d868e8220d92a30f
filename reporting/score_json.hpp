#pragma once
// JSON and text pieces shared by the tally and the report renderers: a ScoreRow with the names
// and sources of its indicators, translated texts, band names.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/scoring.hpp"
#include "core/text.hpp"

namespace motcua {

// {"vi": ..., "en": ...}
nlohmann::ordered_json localized_to_json(const LocalizedText& text);

// {"ratings", "figures": [{"indicator", "name", "source", "value"|null, "count",
// "agency_entered"}], "total", "max_present", "complete", "band": null|{"id", "name"},
// "projected_total": null|number, "projected_band": null|{"id", "name"}}
nlohmann::ordered_json score_row_to_json(const ScoreRow& row, const ScoringProfile& profile);

// null, or {"id", "name": {"vi", "en"}}.
nlohmann::ordered_json band_to_json(const std::optional<std::string>& band_id,
                                    const ScoringProfile& profile);

// The band's names from the profile (the id itself when the profile has no such band).
LocalizedText band_text(const std::string& band_id, const ScoringProfile& profile);

// The band's name in `language`, or "" when the row has no band.
std::string band_name(const ScoreRow& row, const ScoringProfile& profile, Language language);

// The projected band's name (docs/scoring.md, "Partial rows"), or "" when there is none.
std::string projected_band_name(const ScoreRow& row, const ScoringProfile& profile,
                                Language language);

// "2.00" for a present figure, "-" for a missing one.
std::string figure_text(const IndicatorFigure& figure);

}  // namespace motcua
