#pragma once
// The day's tally as text for a terminal and as JSON (the `motcua tally --json` document,
// described key by key in docs/cli.md; the kiosk's staff screen is tested against it).

#include <string>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "reporting/day_tally.hpp"

namespace motcua {

// Sections: ratings by stage and channel, answers per question with percentages, indicator
// means with total and band, extras (overall satisfaction...), officials, voided. Form and
// profile texts in `language`; headings in English.
std::string render_day_tally_text(const DayTally& tally, Language language);

// The same figures as CSV (UTF-8 with a byte-order mark, CRLF), one record per figure under
// the header section,key,subkey,label,count,percent,value (described in docs/cli.md). Numbers
// unrounded; missing figures empty.
std::string render_day_tally_csv(const DayTally& tally, Language language);

// Stable document: keys in a fixed order, numbers unrounded, missing figures as null.
nlohmann::ordered_json day_tally_to_json(const DayTally& tally);

}  // namespace motcua
