// The tally and period-report models and their JSON/CSV/text renderings, from hand-made
// aggregates (no database).

#include <catch2/catch.hpp>

#include "reporting/day_tally.hpp"
#include "reporting/period_report.hpp"
#include "reporting/report_render.hpp"
#include "reporting/tally_render.hpp"
#include "reporting_fixtures.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

AnswerCount count_of(const std::string& question, const std::string& option,
                     const std::string& indicator, std::optional<int> points, std::int64_t n) {
    return AnswerCount{question, option, indicator, points, n};
}

// Ten ratings: six at intake on the kiosk, four at return on paper.
Aggregates day_figures() {
    Aggregates day;
    day.ratings = 10;
    day.voided = 2;
    day.by_stage_channel = {{Stage::intake, Channel::kiosk, 6},
                            {Stage::result_return, Channel::paper, 4}};
    day.answers = {
        count_of("q_time", "early", "CS1", 2, 3),
        count_of("q_time", "on_time", "CS1", 1, 2),
        count_of("q_time", "no_result", "CS1", std::nullopt, 5),
        count_of("q_attitude", "very", "CS7", 2, 7),
        count_of("q_attitude", "ok", "CS7", 1, 2),
        count_of("q_attitude", "so_so", "CS7", 1, 1),  // an option of an older form version
        count_of("q_pay", "no", "extra_payment", std::nullopt, 10),
        count_of("q_old", "x", "CS3", 2, 4),  // a question only an older form had
    };
    day.indicators["CS1"] = PointsTally{8, 5};
    day.indicators["CS7"] = PointsTally{17, 10};
    day.indicators["CS3"] = PointsTally{8, 4};
    return day;
}

Aggregates official_figures(std::int64_t ratings, double cs1_sum, double cs7_sum) {
    Aggregates figures;
    figures.ratings = ratings;
    figures.indicators["CS1"] = PointsTally{cs1_sum, ratings};
    figures.indicators["CS7"] = PointsTally{cs7_sum, ratings};
    return figures;
}

std::map<std::string, Aggregates> by_official() {
    return {{"", official_figures(1, 2, 2)},
            {"cb01", official_figures(6, 9, 11)},
            {"cb02", official_figures(3, 6, 6)}};
}

std::vector<Official> officials() {
    return {Official{"cb01", "Nguyễn, Văn An", Role::official, true},
            Official{"cb02", "Trần Thị Bình", Role::official, true}};
}

const OptionShare& option_of(const QuestionDistribution& question, const std::string& id) {
    for (const auto& option : question.options) {
        if (option.option_id == id) {
            return option;
        }
    }
    FAIL("no option " << id);
    return question.options.front();
}

}  // namespace

TEST_CASE("a day's tally: distributions, percentages and stages", "[reporting][tally]") {
    Form form = small_form();
    DayTally tally = make_day_tally("2024-03-01", day_figures(), by_official(), officials(), form,
                                    small_profile(), TallySettings{"k1", "U1", 5});

    CHECK(tally.ratings == 10);
    CHECK(tally.voided == 2);
    CHECK(tally.form_id == "small");
    CHECK(tally.form_version == 3);
    REQUIRE(tally.by_stage_channel.size() == 8);
    CHECK(tally.by_stage_channel[0].stage == Stage::intake);
    CHECK(tally.by_stage_channel[0].channel == Channel::kiosk);
    CHECK(tally.by_stage_channel[0].ratings == 6);
    CHECK(tally.by_stage_channel[7].stage == Stage::result_return);
    CHECK(tally.by_stage_channel[7].channel == Channel::paper);
    CHECK(tally.by_stage_channel[7].ratings == 4);

    // Form order first, then what only older forms asked.
    REQUIRE(tally.questions.size() == 5);
    CHECK(tally.questions[0].question_id == "q_time");
    CHECK(tally.questions[2].question_id == "q_overall");
    CHECK(tally.questions[4].question_id == "q_old");
    CHECK(tally.questions[4].text.en == "q_old");
    CHECK(tally.questions[4].indicator == "CS3");

    const QuestionDistribution& time = tally.questions[0];
    CHECK(time.answered == 10);
    CHECK(time.text.vi == "Câu q_time");
    CHECK(option_of(time, "early").percent == Approx(30.0));
    CHECK(option_of(time, "no_result").percent == Approx(50.0));
    CHECK_FALSE(option_of(time, "no_result").points.has_value());
    CHECK(option_of(time, "late").count == 0);  // every option listed, zeros included

    const QuestionDistribution& attitude = tally.questions[1];
    CHECK(attitude.answered == 10);
    REQUIRE(attitude.options.size() == 4);
    CHECK(attitude.options[3].option_id == "so_so");
    CHECK(attitude.options[3].label.vi == "so_so");
    CHECK(attitude.options[3].percent == Approx(10.0));

    const QuestionDistribution& overall = tally.questions[2];
    CHECK(overall.answered == 0);
    CHECK(option_of(overall, "good").percent == 0.0);
}

TEST_CASE("a day's tally: indicators, extras and officials", "[reporting][tally]") {
    DayTally tally = make_day_tally("2024-03-01", day_figures(), by_official(), officials(),
                                    small_form(), small_profile(), TallySettings{"k1", "U1", 5});

    REQUIRE(tally.scores.figures.size() == 3);
    CHECK(tally.scores.figures[0].indicator == "CS1");
    CHECK(*tally.scores.figures[0].value == Approx(1.6));
    CHECK(tally.scores.figures[0].count == 5);
    CHECK_FALSE(tally.scores.figures[1].value.has_value());  // CS5: nobody rated it
    CHECK(*tally.scores.figures[2].value == Approx(1.7));
    CHECK(tally.scores.total == Approx(3.3));
    CHECK_FALSE(tally.scores.complete);
    CHECK_FALSE(tally.scores.band.has_value());
    // The band for what citizens rated: 3.3 of 4 points scaled to 6 is 4.95, just under Tốt.
    REQUIRE(tally.scores.projected_total.has_value());
    CHECK(*tally.scores.projected_total == Approx(4.95));
    CHECK(tally.scores.projected_band == std::optional<std::string>("kha"));

    REQUIRE(tally.extras.size() == 2);
    CHECK(tally.extras[0].extra_id == "overall");
    REQUIRE(tally.extras[0].questions.size() == 1);
    CHECK(tally.extras[0].questions[0].question_id == "q_overall");
    CHECK(tally.extras[1].questions[0].question_id == "q_pay");
    CHECK(option_of(tally.extras[1].questions[0], "no").percent == Approx(100.0));

    REQUIRE(tally.officials.size() == 1);
    CHECK(tally.officials[0].official_id == "cb01");
    CHECK(tally.officials[0].name == "Nguyễn, Văn An");
    CHECK(tally.officials[0].ratings == 6);
    CHECK(*tally.officials[0].scores.figures[0].value == Approx(1.5));
    CHECK(tally.officials[0].official_score ==
          official_score(small_profile(), by_official()["cb01"].indicators));
    CHECK(tally.officials_hidden == 1);
    CHECK(tally.unattributed_ratings == 1);

    DayTally everyone = make_day_tally("2024-03-01", day_figures(), by_official(), officials(),
                                       small_form(), small_profile(), TallySettings{"k1", "U1", 1});
    CHECK(everyone.officials.size() == 2);
    CHECK(everyone.officials_hidden == 0);
}

TEST_CASE("the tally's JSON is stable and shows missing figures as null", "[reporting][tally]") {
    DayTally tally = make_day_tally("2024-03-01", day_figures(), by_official(), officials(),
                                    small_form(), small_profile(), TallySettings{"k1", "U1", 5});
    nlohmann::ordered_json json = day_tally_to_json(tally);

    std::vector<std::string> keys;
    for (auto item = json.begin(); item != json.end(); ++item) {
        keys.push_back(item.key());
    }
    CHECK(keys == std::vector<std::string>{"date", "kiosk_id", "unit_code", "form",
                                           "scoring_profile", "ratings", "voided",
                                           "by_stage_channel", "questions", "indicators", "extras",
                                           "officials"});
    CHECK(json["indicators"]["figures"][1]["indicator"] == "CS5");
    CHECK(json["indicators"]["figures"][1]["value"].is_null());
    CHECK(json["indicators"]["figures"][1]["source"] == "agency");
    CHECK(json["indicators"]["band"].is_null());
    CHECK(json["indicators"]["projected_total"].get<double>() == Approx(4.95));
    CHECK(json["indicators"]["projected_band"]["id"] == "kha");
    CHECK(json["questions"][0]["options"][3]["points"].is_null());
    CHECK(json["officials"]["shown"][0]["official_id"] == "cb01");
    CHECK(json.dump() == day_tally_to_json(tally).dump());

    std::string text = render_day_tally_text(tally, Language::en);
    CHECK(text.find("Ratings: 10 (voided, not counted: 2)") != std::string::npos);
    CHECK(text.find("Question q_time") != std::string::npos);
    CHECK(text.find("Overall satisfaction") != std::string::npos);
    CHECK(text.find("no data for CS5") != std::string::npos);
    CHECK(text.find("Projected band for what citizens rated: ") != std::string::npos);
    CHECK(text.find("(4.95 of 6 once scaled; not the official band)") != std::string::npos);
    std::string vietnamese = render_day_tally_text(tally, Language::vi);
    CHECK(vietnamese.find("Câu q_time") != std::string::npos);
}

TEST_CASE("a period report by unit gives a band only for a complete row", "[reporting][report]") {
    ReportSettings settings{"k1", "U1", LocalizedText{"Sở Ngoại vụ", "Foreign Affairs"}, 5};
    PeriodReport partial = make_period_report("2024-01-01", "2024-03-31", ReportGrouping::unit,
                                              day_figures(), {}, {}, small_profile(), settings);
    REQUIRE(partial.rows.size() == 1);
    CHECK(partial.rows[0].key == "U1");
    CHECK(partial.rows[0].name.vi == "Sở Ngoại vụ");
    CHECK_FALSE(partial.rows[0].scores.band.has_value());
    CHECK(partial.rows[0].scores.projected_band == std::optional<std::string>("kha"));
    std::string partial_csv = render_period_report_csv(partial, Language::vi);
    CHECK(partial_csv.find(",false,,,4.9") != std::string::npos);  // no band, then projected
    CHECK(partial_csv.find(",kha,Khá,") != std::string::npos);
    CHECK(render_period_report_text(partial, Language::en).find(" *") != std::string::npos);
    CHECK(partial.ratings == 10);
    CHECK(partial.voided == 2);

    PeriodReport complete =
        make_period_report("2024-01-01", "2024-03-31", ReportGrouping::unit, day_figures(), {}, {},
                           small_profile(true), settings);
    REQUIRE(complete.rows[0].scores.complete);
    CHECK(complete.rows[0].scores.total == Approx(3.3));
    CHECK(complete.rows[0].scores.band == std::optional<std::string>("tot"));
    CHECK_FALSE(complete.rows[0].scores.projected_band.has_value());

    nlohmann::ordered_json json = period_report_to_json(complete);
    CHECK(json["rows"][0]["band"]["id"] == "tot");
    CHECK(json["rows"][0]["band"]["name"]["vi"] == "Tốt");
    CHECK(json["rows"][0]["key"] == "U1");
    CHECK(json["indicators"].size() == 2);
    CHECK(json["bands"][0]["min_total"] == 3.0);

    std::string text = render_period_report_text(complete, Language::vi);
    CHECK(text.find("Sở Ngoại vụ") != std::string::npos);
    CHECK(text.find("Tốt") != std::string::npos);
    CHECK(text.find("3.30") != std::string::npos);
}

TEST_CASE("a period report by official: rows, hidden officials, CSV", "[reporting][report]") {
    ReportSettings settings{"k1", "U1", LocalizedText{"Đơn vị", "Unit"}, 5};
    PeriodReport report =
        make_period_report("2024-01-01", "2024-03-31", ReportGrouping::official, day_figures(),
                           by_official(), officials(), small_profile(), settings);
    REQUIRE(report.rows.size() == 1);
    CHECK(report.rows[0].key == "cb01");
    CHECK(report.officials_hidden == 1);
    CHECK(report.unattributed_ratings == 1);

    std::string csv = render_period_report_csv(report, Language::vi);
    std::string header = csv.substr(0, csv.find("\r\n"));
    CHECK(header ==
          "\xEF\xBB\xBF"  // the UTF-8 byte-order mark, so Excel reads the Vietnamese right
          "official_id,name,ratings,CS1,CS1_count,CS5,CS5_count,CS7,CS7_count,total,max_present,"
          "complete,band,band_name,projected_total,projected_band,projected_band_name,"
          "official_score");
    std::string row = csv.substr(header.size() + 2);
    // The name holds a comma, so it is quoted; CS5 has no data, so its value is empty.
    CHECK(row.rfind("cb01,\"Nguyễn, Văn An\",6,1.5,6,,0,", 0) == 0);
    CHECK(row.size() > 2);
    CHECK(row.substr(row.size() - 2) == "\r\n");
    CHECK(csv.find('\n', header.size() + 2) == csv.size() - 1);  // exactly two records

    CHECK(render_period_report(report, ReportFormat::json, Language::vi).back() == '\n');
    ReportFormat format;
    CHECK(parse_report_format("csv", format));
    CHECK(format == ReportFormat::csv);
    CHECK_FALSE(parse_report_format("xls", format));
}
