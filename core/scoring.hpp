#pragma once
// The province's scoring rules as data (assets/scoring/*.json, documented in docs/scoring.md)
// and the arithmetic of domain.md section 3: a unit's score on an indicator is the unrounded
// mean of its dossiers' points; the total is the sum of the nine means; the band follows from
// the total with inclusive lower bounds.

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "text.hpp"

namespace motcua {

// Who can know an indicator: rated by citizens on the form, derived from the handling system's
// dates, or entered by the agency per unit and period.
enum class IndicatorSource { citizen, system, agency };
std::string_view to_string(IndicatorSource source);

struct IndicatorDef {
    std::string id;  // "CS1".."CS9"
    LocalizedText name;
    IndicatorSource source = IndicatorSource::citizen;
    int max_points = 2;
};

struct Band {
    std::string id;  // "xuat_sac", "tot", "kha", "trung_binh", "yeu"
    LocalizedText name;
    double min_total = 0;  // inclusive lower bound
};

// The per-official score ("ĐTB CCVC"): the mean points of the listed indicators over the
// official's dossiers, as a share of their maximum, times `scale` (10).
struct OfficialFormula {
    std::vector<std::string> indicators;
    double scale = 10;
    LocalizedText description;
};

struct ScoringProfile {
    std::string id;
    int version = 0;
    std::vector<IndicatorDef> indicators;  // in table order, CS1..CS9
    std::vector<Band> bands;               // sorted by min_total, highest first
    OfficialFormula official;

    const IndicatorDef* find_indicator(std::string_view id) const;
    double max_total() const;  // sum of max_points (18)
    // The band of a total (inclusive lower bounds); the lowest band when below all bounds.
    const Band& band_for(double total) const;
};

class ScoringError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Validates: 1..n indicators with unique ids, bands with unique ids and strictly decreasing
// bounds ending in one with min_total 0 or below, formula indicators that exist, vi and en text.
// Messages name the file and the JSON pointer, like the form loader's.
ScoringProfile parse_scoring_profile(const std::string& json_text, const std::string& source_name);
ScoringProfile load_scoring_file(const std::filesystem::path& path);

// Sum and count of points given for one indicator over a set of dossiers.
struct PointsTally {
    double sum = 0;
    std::int64_t count = 0;
    void add(double points) {
        sum += points;
        ++count;
    }
};

// One figure of the table, with what stands behind it.
struct IndicatorFigure {
    std::string indicator;
    IndicatorSource source = IndicatorSource::citizen;
    std::optional<double> value;  // nullopt: no data (missing, never zero)
    std::int64_t count = 0;       // dossiers behind a citizen/system value; 0 for agency values
    bool agency_entered = false;
};

struct ScoreRow {
    std::vector<IndicatorFigure> figures;  // one per profile indicator, in profile order
    double total = 0;                      // sum of present values
    double max_present = 0;                // sum of max_points of present values
    bool complete = false;                 // every indicator present
    std::optional<std::string> band;       // band id, only when complete
    std::int64_t ratings = 0;              // dossiers behind the row
    // The band for what was rated (docs/scoring.md, "Partial rows"): for an incomplete row with
    // at least one value, the total scaled to the full range (total / max_present * the
    // profile's max_total) and the band of that. Never the official band: show it labelled as
    // projected. Both nullopt for a complete row and for a row with no value at all.
    std::optional<double> projected_total;
    std::optional<std::string> projected_band;
};

// Builds a row from citizen/system tallies (by indicator id) and agency-entered values (by
// indicator id). A tally with count 0 and no agency value leaves the indicator missing.
// An agency value wins over a tally for indicators whose source is `agency`.
ScoreRow score_row(const ScoringProfile& profile, const std::map<std::string, PointsTally>& tallies,
                   const std::map<std::string, double>& agency_values, std::int64_t ratings);

// The seed table's case: nine printed means in, total and band out.
ScoreRow score_from_means(const ScoringProfile& profile, const std::vector<double>& means);

// The per-official score from that official's tallies; nullopt when none of the formula's
// indicators has data.
std::optional<double> official_score(const ScoringProfile& profile,
                                     const std::map<std::string, PointsTally>& tallies);

}  // namespace motcua
