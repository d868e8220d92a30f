#include "reporting/score_json.hpp"

#include "reporting/number_format.hpp"

namespace motcua {

nlohmann::ordered_json localized_to_json(const LocalizedText& text) {
    nlohmann::ordered_json json;
    json["vi"] = text.vi;
    json["en"] = text.en;
    return json;
}

nlohmann::ordered_json score_row_to_json(const ScoreRow& row, const ScoringProfile& profile) {
    nlohmann::ordered_json figures = nlohmann::ordered_json::array();
    for (const auto& figure : row.figures) {
        const IndicatorDef* definition = profile.find_indicator(figure.indicator);
        nlohmann::ordered_json item;
        item["indicator"] = figure.indicator;
        item["name"] = localized_to_json(definition != nullptr
                                             ? definition->name
                                             : LocalizedText{figure.indicator, figure.indicator});
        item["source"] = std::string(to_string(figure.source));
        item["value"] = figure.value ? nlohmann::ordered_json(*figure.value) : nullptr;
        item["count"] = figure.count;
        item["agency_entered"] = figure.agency_entered;
        figures.push_back(item);
    }

    nlohmann::ordered_json json;
    json["ratings"] = row.ratings;
    json["figures"] = figures;
    json["total"] = row.total;
    json["max_present"] = row.max_present;
    json["complete"] = row.complete;
    json["band"] = band_to_json(row.band, profile);
    json["projected_total"] =
        row.projected_total ? nlohmann::ordered_json(*row.projected_total) : nullptr;
    json["projected_band"] = band_to_json(row.projected_band, profile);
    return json;
}

nlohmann::ordered_json band_to_json(const std::optional<std::string>& band_id,
                                    const ScoringProfile& profile) {
    if (!band_id) {
        return nullptr;
    }
    nlohmann::ordered_json band;
    band["id"] = *band_id;
    band["name"] = localized_to_json(band_text(*band_id, profile));
    return band;
}

LocalizedText band_text(const std::string& band_id, const ScoringProfile& profile) {
    for (const auto& definition : profile.bands) {
        if (definition.id == band_id) {
            return definition.name;
        }
    }
    return {band_id, band_id};
}

std::string band_name(const ScoreRow& row, const ScoringProfile& profile, Language language) {
    return row.band ? band_text(*row.band, profile).in(language) : "";
}

std::string projected_band_name(const ScoreRow& row, const ScoringProfile& profile,
                                Language language) {
    return row.projected_band ? band_text(*row.projected_band, profile).in(language) : "";
}

std::string figure_text(const IndicatorFigure& figure) {
    return figure.value ? format_fixed(*figure.value, 2) : "-";
}

}  // namespace motcua
