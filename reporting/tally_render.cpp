#include "reporting/tally_render.hpp"

#include "reporting/csv.hpp"
#include "reporting/number_format.hpp"
#include "reporting/score_json.hpp"
#include "reporting/text_table.hpp"

namespace motcua {

namespace {

//-----------------------------------------------------------------------------
// Text
//-----------------------------------------------------------------------------

std::string stage_channel_text(const DayTally& tally, Language language) {
    TextTable table({"Stage", "Kiosk", "Paper", "Total"},
                    {Align::left, Align::right, Align::right, Align::right});
    std::int64_t kiosk_total = 0;
    std::int64_t paper_total = 0;
    for (Stage stage : kAllStages) {
        std::int64_t kiosk = 0;
        std::int64_t paper = 0;
        for (const auto& figure : tally.by_stage_channel) {
            if (figure.stage == stage) {
                (figure.channel == Channel::kiosk ? kiosk : paper) += figure.ratings;
            }
        }
        kiosk_total += kiosk;
        paper_total += paper;
        table.add_row({stage_label(stage).in(language), std::to_string(kiosk),
                       std::to_string(paper), std::to_string(kiosk + paper)});
    }
    table.add_row({"All stages", std::to_string(kiosk_total), std::to_string(paper_total),
                   std::to_string(kiosk_total + paper_total)});
    return table.render();
}

std::string distribution_text(const QuestionDistribution& distribution, Language language) {
    std::string out = distribution.text.in(language) + " [" + distribution.question_id + ", " +
                      distribution.indicator + "]: " + std::to_string(distribution.answered) +
                      " answers\n";
    TextTable table({"  Answer", "Points", "Count", "%"},
                    {Align::left, Align::right, Align::right, Align::right});
    for (const auto& option : distribution.options) {
        table.add_row({"  " + option.label.in(language),
                       option.points ? std::to_string(*option.points) : "n/a",
                       std::to_string(option.count), format_fixed(option.percent, 1)});
    }
    return out + table.render();
}

std::string scores_text(const ScoreRow& scores, const ScoringProfile& profile, Language language) {
    TextTable table({"Indicator", "Name", "Source", "Mean", "N"},
                    {Align::left, Align::left, Align::left, Align::right, Align::right});
    std::string missing;
    for (const auto& figure : scores.figures) {
        const IndicatorDef* definition = profile.find_indicator(figure.indicator);
        table.add_row({figure.indicator,
                       definition != nullptr ? definition->name.in(language) : figure.indicator,
                       std::string(to_string(figure.source)), figure_text(figure),
                       std::to_string(figure.count)});
        if (!figure.value) {
            missing += (missing.empty() ? "" : ", ") + figure.indicator;
        }
    }
    std::string out = table.render();
    out += "Total of the indicators with data: " + format_fixed(scores.total, 2) + " of " +
           format_fixed(scores.max_present, 2) + "\n";
    if (scores.band) {
        out += "Band: " + band_name(scores, profile, language) + "\n";
    } else {
        out += "Band: none (needs every indicator; no data for " + missing + ")\n";
    }
    if (scores.projected_band) {
        out += "Projected band for what citizens rated: " +
               projected_band_name(scores, profile, language) + " (" +
               format_fixed(*scores.projected_total, 2) + " of " +
               format_fixed(profile.max_total(), 0) + " once scaled; not the official band)\n";
    }
    return out;
}

std::string officials_text(const DayTally& tally) {
    std::string out;
    if (!tally.officials.empty()) {
        std::vector<std::string> headers = {"Official", "Name", "N"};
        std::vector<Align> align = {Align::left, Align::left, Align::right};
        for (const auto& indicator : tally.profile.indicators) {
            headers.push_back(indicator.id);
            align.push_back(Align::right);
        }
        headers.push_back("Score/" + format_fixed(tally.profile.official.scale, 0));
        align.push_back(Align::right);
        TextTable table(headers, align);
        for (const auto& official : tally.officials) {
            std::vector<std::string> cells = {official.official_id, official.name,
                                              std::to_string(official.ratings)};
            for (const auto& figure : official.scores.figures) {
                cells.push_back(figure_text(figure));
            }
            cells.push_back(official.official_score ? format_fixed(*official.official_score, 2)
                                                    : "-");
            table.add_row(cells);
        }
        out += table.render();
    }
    out += "Officials below the minimum of " + std::to_string(tally.min_ratings_per_official) +
           " ratings (not shown): " + std::to_string(tally.officials_hidden) + "\n";
    out += "Ratings with nobody signed in: " + std::to_string(tally.unattributed_ratings) + "\n";
    return out;
}

//-----------------------------------------------------------------------------
// JSON
//-----------------------------------------------------------------------------

nlohmann::ordered_json distribution_to_json(const QuestionDistribution& distribution) {
    nlohmann::ordered_json options = nlohmann::ordered_json::array();
    for (const auto& option : distribution.options) {
        nlohmann::ordered_json item;
        item["option_id"] = option.option_id;
        item["label"] = localized_to_json(option.label);
        item["points"] = option.points ? nlohmann::ordered_json(*option.points) : nullptr;
        item["count"] = option.count;
        item["percent"] = option.percent;
        options.push_back(item);
    }
    nlohmann::ordered_json json;
    json["question_id"] = distribution.question_id;
    json["indicator"] = distribution.indicator;
    json["text"] = localized_to_json(distribution.text);
    json["answered"] = distribution.answered;
    json["options"] = options;
    return json;
}

}  // namespace

std::string render_day_tally_text(const DayTally& tally, Language language) {
    std::string out = "Tally for " + tally.date + ", unit " + tally.unit_code + ", kiosk " +
                      tally.kiosk_id + "\n";
    out += "Ratings: " + std::to_string(tally.ratings) +
           " (voided, not counted: " + std::to_string(tally.voided) + ")\n\n";
    out += "Ratings by stage and channel\n" + stage_channel_text(tally, language) + "\n";

    out += "Answers (form " + tally.form_id + " v" + std::to_string(tally.form_version) + ")\n";
    for (const auto& distribution : tally.questions) {
        out += distribution_text(distribution, language) + "\n";
    }

    out += "Indicators rated by citizens (scoring " + tally.profile.id + " v" +
           std::to_string(tally.profile.version) + ")\n";
    out += scores_text(tally.scores, tally.profile, language) + "\n";

    for (const auto& extra : tally.extras) {
        for (const auto& distribution : extra.questions) {
            out += extra.name.in(language) + ": ";
            std::string shares;
            for (const auto& option : distribution.options) {
                shares += (shares.empty() ? "" : ", ") + option.label.in(language) + " " +
                          format_fixed(option.percent, 1) + "% (" + std::to_string(option.count) +
                          ")";
            }
            out += (shares.empty() ? "no answers" : shares) + "\n";
        }
    }
    if (!tally.extras.empty()) {
        out += "\n";
    }

    out += "Per official\n" + officials_text(tally);
    return out;
}

std::string render_day_tally_csv(const DayTally& tally, Language language) {
    std::string out(kUtf8Bom);
    out += csv_record({"section", "key", "subkey", "label", "count", "percent", "value"});
    auto record = [&out](const std::string& section, const std::string& key,
                         const std::string& subkey, const std::string& label,
                         const std::string& count, const std::string& percent,
                         const std::string& value) {
        out += csv_record({section, key, subkey, label, count, percent, value});
    };
    auto optional_exact = [](const std::optional<double>& value) {
        return value ? format_exact(*value) : std::string();
    };
    record("date", tally.date, "", tally.unit_code, "", "", "");
    record("ratings", "", "", "", std::to_string(tally.ratings), "", "");
    record("voided", "", "", "", std::to_string(tally.voided), "", "");
    for (const auto& figure : tally.by_stage_channel) {
        record("stage_channel", std::string(to_string(figure.stage)),
               std::string(to_string(figure.channel)), stage_label(figure.stage).in(language),
               std::to_string(figure.ratings), "", "");
    }
    for (const auto& distribution : tally.questions) {
        record("question", distribution.question_id, distribution.indicator,
               distribution.text.in(language), std::to_string(distribution.answered), "", "");
        for (const auto& option : distribution.options) {
            record("answer", distribution.question_id, option.option_id, option.label.in(language),
                   std::to_string(option.count), format_exact(option.percent),
                   option.points ? std::to_string(*option.points) : "");
        }
    }
    auto scores_records = [&](const std::string& prefix, const std::string& key,
                              const ScoreRow& scores) {
        for (const auto& figure : scores.figures) {
            const IndicatorDef* definition = tally.profile.find_indicator(figure.indicator);
            record(prefix + "indicator", key, figure.indicator,
                   definition != nullptr ? definition->name.in(language) : figure.indicator,
                   std::to_string(figure.count), "", optional_exact(figure.value));
        }
        record(prefix + "total", key, "", "", "", "", format_exact(scores.total));
        record(prefix + "max_present", key, "", "", "", "", format_exact(scores.max_present));
        record(prefix + "band", key, scores.band.value_or(""),
               band_name(scores, tally.profile, language), "", "", "");
        record(prefix + "projected_total", key, "", "", "", "",
               optional_exact(scores.projected_total));
        record(prefix + "projected_band", key, scores.projected_band.value_or(""),
               projected_band_name(scores, tally.profile, language), "", "", "");
    };
    scores_records("", "", tally.scores);
    for (const auto& official : tally.officials) {
        record("official", official.official_id, "", official.name,
               std::to_string(official.ratings), "", optional_exact(official.official_score));
        scores_records("official_", official.official_id, official.scores);
    }
    record("officials_hidden", "", "", "", std::to_string(tally.officials_hidden), "", "");
    record("unattributed_ratings", "", "", "", std::to_string(tally.unattributed_ratings), "", "");
    return out;
}

nlohmann::ordered_json day_tally_to_json(const DayTally& tally) {
    nlohmann::ordered_json json;
    json["date"] = tally.date;
    json["kiosk_id"] = tally.kiosk_id;
    json["unit_code"] = tally.unit_code;
    json["form"] = {{"id", tally.form_id}, {"version", tally.form_version}};
    json["scoring_profile"] = {{"id", tally.profile.id}, {"version", tally.profile.version}};
    json["ratings"] = tally.ratings;
    json["voided"] = tally.voided;

    nlohmann::ordered_json stage_channel = nlohmann::ordered_json::array();
    for (const auto& figure : tally.by_stage_channel) {
        nlohmann::ordered_json item;
        item["stage"] = std::string(to_string(figure.stage));
        item["channel"] = std::string(to_string(figure.channel));
        item["ratings"] = figure.ratings;
        stage_channel.push_back(item);
    }
    json["by_stage_channel"] = stage_channel;

    nlohmann::ordered_json questions = nlohmann::ordered_json::array();
    for (const auto& distribution : tally.questions) {
        questions.push_back(distribution_to_json(distribution));
    }
    json["questions"] = questions;
    json["indicators"] = score_row_to_json(tally.scores, tally.profile);

    nlohmann::ordered_json extras = nlohmann::ordered_json::array();
    for (const auto& extra : tally.extras) {
        nlohmann::ordered_json item;
        item["extra_id"] = extra.extra_id;
        item["name"] = localized_to_json(extra.name);
        nlohmann::ordered_json extra_questions = nlohmann::ordered_json::array();
        for (const auto& distribution : extra.questions) {
            extra_questions.push_back(distribution_to_json(distribution));
        }
        item["questions"] = extra_questions;
        extras.push_back(item);
    }
    json["extras"] = extras;

    nlohmann::ordered_json shown = nlohmann::ordered_json::array();
    for (const auto& official : tally.officials) {
        nlohmann::ordered_json item;
        item["official_id"] = official.official_id;
        item["name"] = official.name;
        item["ratings"] = official.ratings;
        item["indicators"] = score_row_to_json(official.scores, tally.profile);
        item["official_score"] =
            official.official_score ? nlohmann::ordered_json(*official.official_score) : nullptr;
        shown.push_back(item);
    }
    nlohmann::ordered_json officials;
    officials["min_ratings"] = tally.min_ratings_per_official;
    officials["shown"] = shown;
    officials["hidden"] = tally.officials_hidden;
    officials["unattributed_ratings"] = tally.unattributed_ratings;
    json["officials"] = officials;
    return json;
}

}  // namespace motcua
