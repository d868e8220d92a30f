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
    json["band"] = nullptr;
    if (row.band) {
        nlohmann::ordered_json band;
        band["id"] = *row.band;
        band["name"] = localized_to_json(LocalizedText{*row.band, *row.band});
        for (const auto& definition : profile.bands) {
            if (definition.id == *row.band) {
                band["name"] = localized_to_json(definition.name);
            }
        }
        json["band"] = band;
    }
    return json;
}

std::string band_name(const ScoreRow& row, const ScoringProfile& profile, Language language) {
    if (!row.band) {
        return "";
    }
    for (const auto& definition : profile.bands) {
        if (definition.id == *row.band) {
            return definition.name.in(language);
        }
    }
    return *row.band;
}

std::string figure_text(const IndicatorFigure& figure) {
    return figure.value ? format_fixed(*figure.value, 2) : "-";
}

}  // namespace motcua
