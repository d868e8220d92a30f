#include "core/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

// [SECTION] Names and lookups
// [SECTION] Reading a profile
// [SECTION] Arithmetic

namespace motcua {

using nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Names and lookups
//-----------------------------------------------------------------------------

namespace {

// Sums of unrounded means that are equal on paper may differ in the last bits (a total of
// 15 computed as 14.999999999999998); a bound is reached within this tolerance.
constexpr double kBoundTolerance = 1e-9;

}  // namespace

std::string_view to_string(IndicatorSource source) {
    switch (source) {
        case IndicatorSource::citizen:
            return "citizen";
        case IndicatorSource::system:
            return "system";
        case IndicatorSource::agency:
            return "agency";
    }
    return "citizen";
}

const IndicatorDef* ScoringProfile::find_indicator(std::string_view id) const {
    for (const IndicatorDef& indicator : indicators) {
        if (indicator.id == id) {
            return &indicator;
        }
    }
    return nullptr;
}

double ScoringProfile::max_total() const {
    double total = 0;
    for (const IndicatorDef& indicator : indicators) {
        total += indicator.max_points;
    }
    return total;
}

const Band& ScoringProfile::band_for(double total) const {
    for (const Band& band : bands) {
        if (total >= band.min_total - kBoundTolerance) {
            return band;
        }
    }
    return bands.back();
}

//-----------------------------------------------------------------------------
// [SECTION] Reading a profile
//-----------------------------------------------------------------------------

namespace {

class Reader {
  public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& pointer, const std::string& problem) const {
        throw ScoringError(source_ + ": " + (pointer.empty() ? "/" : pointer) + ": " + problem);
    }

    void object(const json& value, const std::string& pointer,
                std::initializer_list<std::string_view> keys) const {
        if (!value.is_object()) {
            fail(pointer, std::string("expected an object, got ") + value.type_name());
        }
        for (const auto& item : value.items()) {
            if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) {
                fail(pointer + "/" + item.key(), "unknown key");
            }
        }
        for (std::string_view key : keys) {
            if (!value.contains(key)) {
                fail(pointer + "/" + std::string(key), "missing");
            }
        }
    }

    const json& array(const json& value, const std::string& pointer) const {
        if (!value.is_array()) {
            fail(pointer, std::string("expected an array, got ") + value.type_name());
        }
        return value;
    }

    std::string string(const json& value, const std::string& pointer) const {
        if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
            fail(pointer, std::string("expected a non-empty string, got ") +
                              (value.is_string() ? "an empty one" : value.type_name()));
        }
        return to_nfc(value.get<std::string>());
    }

    int integer(const json& value, const std::string& pointer, int min, int max) const {
        if (!value.is_number_integer()) {
            fail(pointer, std::string("expected an integer, got ") + value.type_name());
        }
        const auto number = value.get<std::int64_t>();
        if (number < min || number > max) {
            fail(pointer, std::to_string(number) + " is outside " + std::to_string(min) + ".." +
                              std::to_string(max));
        }
        return static_cast<int>(number);
    }

    double number(const json& value, const std::string& pointer) const {
        if (!value.is_number()) {
            fail(pointer, std::string("expected a number, got ") + value.type_name());
        }
        return value.get<double>();
    }

    LocalizedText text(const json& value, const std::string& pointer) const {
        object(value, pointer, {"vi", "en"});
        return {string(value["vi"], pointer + "/vi"), string(value["en"], pointer + "/en")};
    }

  private:
    std::string source_;
};

bool parse_source(std::string_view text, IndicatorSource& out) {
    for (IndicatorSource source :
         {IndicatorSource::citizen, IndicatorSource::system, IndicatorSource::agency}) {
        if (text == to_string(source)) {
            out = source;
            return true;
        }
    }
    return false;
}

std::vector<IndicatorDef> read_indicators(const Reader& reader, const json& value) {
    reader.array(value, "/indicators");
    if (value.empty()) {
        reader.fail("/indicators", "needs at least one indicator");
    }
    std::vector<IndicatorDef> indicators;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string pointer = "/indicators/" + std::to_string(i);
        const json& entry = value[i];
        reader.object(entry, pointer, {"id", "name", "source", "max_points"});
        IndicatorDef indicator;
        indicator.id = reader.string(entry["id"], pointer + "/id");
        if (!ids.insert(indicator.id).second) {
            reader.fail(pointer + "/id", "duplicate indicator id '" + indicator.id + "'");
        }
        indicator.name = reader.text(entry["name"], pointer + "/name");
        const std::string source = reader.string(entry["source"], pointer + "/source");
        if (!parse_source(source, indicator.source)) {
            reader.fail(pointer + "/source",
                        "unknown source '" + source + "' (citizen, system or agency)");
        }
        indicator.max_points = reader.integer(entry["max_points"], pointer + "/max_points", 1, 100);
        indicators.push_back(std::move(indicator));
    }
    return indicators;
}

std::vector<Band> read_bands(const Reader& reader, const json& value) {
    reader.array(value, "/bands");
    if (value.empty()) {
        reader.fail("/bands", "needs at least one band");
    }
    std::vector<Band> bands;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string pointer = "/bands/" + std::to_string(i);
        const json& entry = value[i];
        reader.object(entry, pointer, {"id", "name", "min_total"});
        Band band;
        band.id = reader.string(entry["id"], pointer + "/id");
        if (!ids.insert(band.id).second) {
            reader.fail(pointer + "/id", "duplicate band id '" + band.id + "'");
        }
        band.name = reader.text(entry["name"], pointer + "/name");
        band.min_total = reader.number(entry["min_total"], pointer + "/min_total");
        if (!bands.empty() && band.min_total >= bands.back().min_total) {
            reader.fail(pointer + "/min_total",
                        "bounds must decrease strictly, highest band first");
        }
        bands.push_back(std::move(band));
    }
    if (bands.back().min_total > 0) {
        reader.fail("/bands/" + std::to_string(bands.size() - 1) + "/min_total",
                    "the last band must start at 0 or below so every total has a band");
    }
    return bands;
}

OfficialFormula read_official(const Reader& reader, const json& value,
                              const std::vector<IndicatorDef>& indicators) {
    reader.object(value, "/official", {"indicators", "scale", "description"});
    OfficialFormula formula;
    const json& ids = reader.array(value["indicators"], "/official/indicators");
    if (ids.empty()) {
        reader.fail("/official/indicators", "needs at least one indicator");
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const std::string pointer = "/official/indicators/" + std::to_string(i);
        const std::string id = reader.string(ids[i], pointer);
        const bool known = std::any_of(indicators.begin(), indicators.end(),
                                       [&](const IndicatorDef& d) { return d.id == id; });
        if (!known) {
            reader.fail(pointer, "unknown indicator '" + id + "'");
        }
        if (std::find(formula.indicators.begin(), formula.indicators.end(), id) !=
            formula.indicators.end()) {
            reader.fail(pointer, "indicator '" + id + "' listed twice");
        }
        formula.indicators.push_back(id);
    }
    formula.scale = reader.number(value["scale"], "/official/scale");
    if (!(formula.scale > 0)) {
        reader.fail("/official/scale", "must be greater than 0");
    }
    formula.description = reader.text(value["description"], "/official/description");
    return formula;
}

}  // namespace

ScoringProfile parse_scoring_profile(const std::string& json_text, const std::string& source_name) {
    json document;
    try {
        document = json::parse(json_text);
    } catch (const json::parse_error& error) {
        throw ScoringError(source_name + ": invalid JSON: " + error.what());
    } catch (const json::out_of_range&) {
        // A number beyond a double's range (1e999) (found by fuzz/fuzz_scoring_profile).
        throw ScoringError(source_name + ": invalid JSON: a number is too large");
    }
    const Reader reader(source_name);
    reader.object(document, "", {"id", "version", "indicators", "bands", "official"});
    ScoringProfile profile;
    profile.id = reader.string(document["id"], "/id");
    profile.version = reader.integer(document["version"], "/version", 1, 1'000'000);
    profile.indicators = read_indicators(reader, document["indicators"]);
    profile.bands = read_bands(reader, document["bands"]);
    profile.official = read_official(reader, document["official"], profile.indicators);
    return profile;
}

ScoringProfile load_scoring_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ScoringError(path.string() + ": cannot open the scoring profile");
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        throw ScoringError(path.string() + ": cannot read the scoring profile");
    }
    return parse_scoring_profile(content.str(), path.string());
}

//-----------------------------------------------------------------------------
// [SECTION] Arithmetic
//-----------------------------------------------------------------------------

namespace {

void check_value(const IndicatorDef& indicator, double value, const char* what) {
    if (!std::isfinite(value) || value < 0 || value > indicator.max_points) {
        throw ScoringError(std::string(what) + " for " + indicator.id + " is " +
                           std::to_string(value) + ", outside 0.." +
                           std::to_string(indicator.max_points));
    }
}

void finish_row(const ScoringProfile& profile, ScoreRow& row) {
    row.total = 0;
    row.max_present = 0;
    row.complete = true;
    for (std::size_t i = 0; i < row.figures.size(); ++i) {
        const IndicatorFigure& figure = row.figures[i];
        if (figure.value) {
            row.total += *figure.value;
            row.max_present += profile.indicators[i].max_points;
        } else {
            row.complete = false;
        }
    }
    row.band.reset();
    row.projected_total.reset();
    row.projected_band.reset();
    if (row.complete) {
        row.band = profile.band_for(row.total).id;
    } else if (row.max_present > 0) {
        row.projected_total = row.total / row.max_present * profile.max_total();
        row.projected_band = profile.band_for(*row.projected_total).id;
    }
}

}  // namespace

ScoreRow score_row(const ScoringProfile& profile, const std::map<std::string, PointsTally>& tallies,
                   const std::map<std::string, double>& agency_values, std::int64_t ratings) {
    ScoreRow row;
    row.ratings = ratings;
    for (const IndicatorDef& indicator : profile.indicators) {
        IndicatorFigure figure;
        figure.indicator = indicator.id;
        figure.source = indicator.source;
        const auto tally = tallies.find(indicator.id);
        const auto agency = agency_values.find(indicator.id);
        const bool has_tally = tally != tallies.end() && tally->second.count > 0;
        const bool has_agency = agency != agency_values.end();
        // The agency's figure is authoritative for its own indicators; elsewhere it only fills a
        // gap. A tally counts whatever the declared source: the kiosk lets citizens rate CS1 as
        // they perceive it even though the profile says the system knows it.
        const bool use_agency =
            has_agency && (indicator.source == IndicatorSource::agency || !has_tally);
        if (use_agency) {
            check_value(indicator, agency->second, "the agency's value");
            figure.value = agency->second;
            figure.agency_entered = true;
        } else if (has_tally) {
            const double mean = tally->second.sum / static_cast<double>(tally->second.count);
            check_value(indicator, mean, "the mean of the tally");
            figure.value = mean;
            figure.count = tally->second.count;
        }
        row.figures.push_back(std::move(figure));
    }
    finish_row(profile, row);
    return row;
}

ScoreRow score_from_means(const ScoringProfile& profile, const std::vector<double>& means) {
    if (means.size() != profile.indicators.size()) {
        throw ScoringError("expected " + std::to_string(profile.indicators.size()) +
                           " indicator values, got " + std::to_string(means.size()));
    }
    ScoreRow row;
    for (std::size_t i = 0; i < means.size(); ++i) {
        const IndicatorDef& indicator = profile.indicators[i];
        check_value(indicator, means[i], "the value");
        IndicatorFigure figure;
        figure.indicator = indicator.id;
        figure.source = indicator.source;
        figure.value = means[i];
        row.figures.push_back(std::move(figure));
    }
    finish_row(profile, row);
    return row;
}

std::optional<double> official_score(const ScoringProfile& profile,
                                     const std::map<std::string, PointsTally>& tallies) {
    double points = 0;
    double maximum = 0;
    for (const std::string& id : profile.official.indicators) {
        const auto tally = tallies.find(id);
        if (tally == tallies.end() || tally->second.count == 0) {
            continue;  // missing: left out of both the points and the maximum
        }
        const IndicatorDef* indicator = profile.find_indicator(id);
        points += tally->second.sum / static_cast<double>(tally->second.count);
        maximum += indicator->max_points;
    }
    if (maximum == 0) {
        return std::nullopt;
    }
    return points / maximum * profile.official.scale;
}

}  // namespace motcua
