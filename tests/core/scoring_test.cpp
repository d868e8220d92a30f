#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/scoring.hpp"

using namespace motcua;
using nlohmann::json;

namespace {

const std::string kProfilePath = std::string(MOTCUA_TEST_ASSETS) + "/scoring/dienbien-2022.json";

const ScoringProfile& profile() {
    static const ScoringProfile loaded = load_scoring_file(kProfilePath);
    return loaded;
}

std::string band_name(const std::string& id) {
    for (const Band& band : profile().bands) {
        if (band.id == id) {
            return band.name.vi;
        }
    }
    return "(no band " + id + ")";
}

double round2(double value) {
    return std::round(value * 100) / 100;
}

// Phụ lục of Báo cáo 401/BC-UBND (Điện Biên, 28/12/2022), transcribed from
// ../shared/seed/000_ab5d464e53ea1072.txt: nine indicator values, printed total, printed band.
struct SeedRow {
    const char* unit;
    std::vector<double> values;
    double total;
    const char* band;
};

const std::vector<SeedRow> kAppendix = {
    {"Sở Tư pháp", {2, 2, 2, 2, 2, 2, 2, 2, 2}, 18, "Xuất sắc"},
    {"Sở Thông tin và Truyền thông", {2, 2, 2, 2, 2, 2, 2, 2, 2}, 18, "Xuất sắc"},
    {"Sở Văn hóa, Thể thao và Du lịch", {2, 2, 2, 2, 2, 2, 2, 2, 2}, 18, "Xuất sắc"},
    {"Sở Công Thương", {2, 2, 2, 2, 2, 2, 2, 2, 2}, 18, "Xuất sắc"},
    {"Sở Y tế", {2, 2, 2, 2, 2, 2, 2, 2, 2}, 18, "Xuất sắc"},
    {"Sở Lao động, TB và XH", {2, 2, 2, 2, 2, 2, 2, 2, 2}, 18, "Xuất sắc"},
    {"Sở Nội vụ", {1.92, 1.92, 2, 2, 2, 2, 2, 2, 2}, 17.84, "Xuất sắc"},
    {"Sở Khoa học và Công nghệ", {1.9, 1.9, 2, 2, 1.9, 2, 2, 2, 2}, 17.7, "Xuất sắc"},
    {"Sở Kế hoạch và Đầu tư", {1.8, 1.8, 2, 2, 1.8, 2, 2, 2, 2}, 17.4, "Xuất sắc"},
    {"Sở Xây dựng", {1.93, 1.53, 1.93, 2, 1.93, 2, 2, 2, 2}, 17.32, "Xuất sắc"},
    {"Sở Tài chính", {2, 2, 2, 2, 2, 2, 2, 2, 1}, 17, "Xuất sắc"},
    {"Sở Tài nguyên và Môi trường", {2, 2, 2, 2, 2, 2, 2, 2, 1}, 17, "Xuất sắc"},
    {"Sở Nông nghiệp và PTNT", {1.98, 2, 2, 2, 2, 2, 1, 2, 2}, 16.98, "Xuất sắc"},
    {"Sở Giáo dục và Đào tạo", {2, 2, 2, 2, 2, 2, 2, 0, 2}, 16, "Xuất sắc"},
    {"Sở Giao thông vận tải", {1.99, 1.99, 2, 2, 1.99, 2, 2, 2, 0}, 15.98, "Xuất sắc"},
    {"Thanh tra tỉnh", {1.9, 2, 2, 2, 1.9, 2, 2, 2, 0}, 15.8, "Xuất sắc"},
    {"Ban Dân tộc", {2, 2, 2, 2, 2, 1, 2, 2, 0}, 15, "Xuất sắc"},
    {"Sở Ngoại vụ", {1.64, 1.64, 2, 2, 1.65, 2, 1, 2, 0}, 13.93, "Tốt"},
    {"UBND huyện Tủa Chùa", {1.99, 1.99, 2, 2, 1.99, 2, 2, 2, 2}, 17.97, "Xuất sắc"},
    {"UBND huyện Tuần Giáo", {1.98, 1.98, 2, 2, 1.98, 2, 2, 2, 1}, 16.94, "Xuất sắc"},
    {"UBND thị xã Mường Lay", {1.96, 1.96, 2, 2, 1.96, 2, 2, 2, 1}, 16.88, "Xuất sắc"},
    {"UBND huyện Điện Biên", {1.98, 1.98, 2, 2, 1.98, 2, 2, 1.5, 1}, 16.44, "Xuất sắc"},
    {"UBND huyện Nậm Pồ", {2, 2, 2, 2, 2, 2, 2, 2, 0}, 16, "Xuất sắc"},
    {"UBND huyện Mường Nhé", {2, 2, 2, 2, 2, 2, 2, 2, 0}, 16, "Xuất sắc"},
    {"UBND huyện Mường Ảng", {1.98, 1.98, 2, 2, 1.98, 2, 2, 2, 0}, 15.94, "Xuất sắc"},
    {"UBND thành phố Điện Biên Phủ", {1.95, 1.95, 2, 2, 2, 2, 2, 2, 0}, 15.9, "Xuất sắc"},
    {"UBND huyện Điện Biên Đông", {1.92, 1.92, 2, 2, 2, 2, 1, 2, 0}, 14.84, "Tốt"},
    {"UBND huyện Mường Chà", {1.79, 1.79, 1.98, 1.98, 1.79, 2, 1, 2, 0}, 14.33, "Tốt"},
};

std::map<std::string, PointsTally> tallies_of(
    std::initializer_list<std::pair<const char*, std::vector<int>>> points) {
    std::map<std::string, PointsTally> out;
    for (const auto& [indicator, values] : points) {
        PointsTally& tally = out[indicator];
        for (int value : values) {
            tally.add(value);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("the shipped scoring profile declares nine indicators and five bands", "[scoring]") {
    const ScoringProfile& p = profile();
    REQUIRE(p.indicators.size() == 9);
    CHECK(p.indicators[0].id == "CS1");
    CHECK(p.indicators[8].id == "CS9");
    CHECK(p.max_total() == 18);
    CHECK(p.find_indicator("CS7")->source == IndicatorSource::citizen);
    CHECK(p.find_indicator("CS5")->source == IndicatorSource::agency);
    CHECK(p.find_indicator("CS2")->source == IndicatorSource::system);
    CHECK(p.find_indicator("CS10") == nullptr);
    REQUIRE(p.bands.size() == 5);
    CHECK(p.bands.front().id == "xuat_sac");
    CHECK(p.bands.back().id == "yeu");
    CHECK(p.official.indicators == std::vector<std::string>{"CS1", "CS3", "CS4", "CS7"});
    CHECK(to_string(IndicatorSource::agency) == "agency");
}

TEST_CASE("all 28 rows of the seed appendix: printed total and band from the nine values",
          "[scoring][seed]") {
    REQUIRE(kAppendix.size() == 28);
    std::vector<std::string> differing;
    for (const SeedRow& row : kAppendix) {
        INFO(row.unit);
        const ScoreRow scored = score_from_means(profile(), row.values);
        CHECK(scored.complete);
        CHECK_FALSE(scored.projected_total.has_value());  // complete: the official band only
        CHECK_FALSE(scored.projected_band.has_value());
        REQUIRE(scored.band.has_value());
        CHECK(band_name(*scored.band) == row.band);
        // The printed values are means rounded to 2 decimals and the printed total was summed
        // before rounding, so the two can differ by at most half a hundredth per value.
        CHECK(std::abs(scored.total - row.total) <= 9 * 0.005 + 1e-9);
        if (round2(scored.total) != row.total) {
            differing.push_back(row.unit);
        }
    }
    // Only one row shows that rounding: 1.99 + 1.99 + 2 + 2 + 1.99 + 2 + 2 + 2 + 0 = 15.97 from
    // the printed values, 15.98 printed (means of about 1.993 reproduce it).
    CHECK(differing == std::vector<std::string>{"Sở Giao thông vận tải"});
    const ScoreRow transport =
        score_from_means(profile(), {1.9933, 1.9933, 2, 2, 1.9933, 2, 2, 2, 0});
    CHECK(round2(transport.total) == 15.98);
}

TEST_CASE("band bounds are inclusive", "[scoring]") {
    const ScoringProfile& p = profile();
    CHECK(p.band_for(18).id == "xuat_sac");
    CHECK(p.band_for(15.00).id == "xuat_sac");
    CHECK(p.band_for(14.84).id == "tot");
    CHECK(p.band_for(14.999).id == "tot");
    CHECK(p.band_for(12).id == "tot");
    CHECK(p.band_for(11.99).id == "kha");
    CHECK(p.band_for(9).id == "kha");
    CHECK(p.band_for(8.99).id == "trung_binh");
    CHECK(p.band_for(6).id == "trung_binh");
    CHECK(p.band_for(5.99).id == "yeu");
    CHECK(p.band_for(0).id == "yeu");
    CHECK(p.band_for(-1).id == "yeu");
    // 0.1 + 0.2 style sums that are 15 on paper still reach the bound.
    CHECK(p.band_for(14.999999999999998).id == "xuat_sac");
}

TEST_CASE("score_row: unrounded means, counts, missing never zero", "[scoring]") {
    const auto tallies = tallies_of({{"CS1", {2, 2, 1}}, {"CS3", {2, 1, 0, 2}}, {"CS7", {}}});
    const ScoreRow row = score_row(profile(), tallies, {}, 4);
    REQUIRE(row.figures.size() == 9);
    CHECK(row.figures[0].indicator == "CS1");
    CHECK(row.figures[0].value == Approx(5.0 / 3.0));
    CHECK(row.figures[0].count == 3);
    CHECK(row.figures[2].value == Approx(1.25));
    CHECK(row.figures[2].count == 4);
    CHECK_FALSE(row.figures[6].value.has_value());  // a tally with no data is missing
    CHECK_FALSE(row.figures[1].value.has_value());
    CHECK(row.total == Approx(5.0 / 3.0 + 1.25));
    CHECK(row.max_present == 4);
    CHECK_FALSE(row.complete);
    CHECK_FALSE(row.band.has_value());
    CHECK(row.ratings == 4);

    const auto zeros = tallies_of({{"CS7", {0, 0}}});
    const ScoreRow zero_row = score_row(profile(), zeros, {}, 2);
    REQUIRE(zero_row.figures[6].value.has_value());  // a real zero is a value
    CHECK(*zero_row.figures[6].value == 0);
}

TEST_CASE("score_row: the projected band for what was rated, never the official one", "[scoring]") {
    // CS1 1.5, CS3 2, CS7 1: 4.5 of 6 points, scaled to 18 is 13.5, which is Tốt.
    const auto tallies = tallies_of({{"CS1", {2, 1}}, {"CS3", {2, 2}}, {"CS7", {1, 1}}});
    const ScoreRow row = score_row(profile(), tallies, {}, 2);
    CHECK_FALSE(row.complete);
    CHECK_FALSE(row.band.has_value());
    REQUIRE(row.projected_total.has_value());
    CHECK(*row.projected_total == Approx(13.5));
    CHECK(row.projected_band == std::optional<std::string>("tot"));

    // One indicator at 5/3 is 15 of 18 once scaled: the inclusive bound holds after scaling.
    const ScoreRow bound = score_row(profile(), tallies_of({{"CS4", {2, 2, 1}}}), {}, 3);
    CHECK(*bound.projected_total == Approx(15));
    CHECK(bound.projected_band == std::optional<std::string>("xuat_sac"));

    // Every answer the worst one: a projected 0 is still a band (Yếu), not missing.
    const ScoreRow worst = score_row(profile(), tallies_of({{"CS7", {0, 0}}}), {}, 2);
    CHECK(worst.projected_total == std::optional<double>(0));
    CHECK(worst.projected_band == std::optional<std::string>("yeu"));

    // Agency-entered values are part of what the row has, so they are in the projection too.
    const ScoreRow with_agency = score_row(profile(), tallies_of({{"CS7", {2}}}), {{"CS5", 1}}, 1);
    CHECK(*with_agency.projected_total == Approx(3.0 / 4.0 * 18));

    // Nothing rated: no total to scale, so no band of any kind.
    const ScoreRow empty = score_row(profile(), {}, {}, 0);
    CHECK_FALSE(empty.projected_total.has_value());
    CHECK_FALSE(empty.projected_band.has_value());
    CHECK_FALSE(empty.band.has_value());
}

TEST_CASE("score_row: agency values, system indicators rated at the kiosk", "[scoring]") {
    const auto tallies = tallies_of(
        {{"CS1", {2, 1}}, {"CS3", {2}}, {"CS4", {2}}, {"CS6", {1}}, {"CS7", {2}}, {"CS5", {0}}});
    const std::map<std::string, double> agency = {
        {"CS2", 2}, {"CS5", 1.5}, {"CS6", 2}, {"CS8", 2}, {"CS9", 1}};
    const ScoreRow row = score_row(profile(), tallies, agency, 2);
    // CS1's source is "system", but the kiosk's perceived answers count.
    CHECK(row.figures[0].value == Approx(1.5));
    CHECK(row.figures[0].count == 2);
    CHECK_FALSE(row.figures[0].agency_entered);
    // CS2 has no tally: the agency value fills the gap.
    CHECK(row.figures[1].value == 2);
    CHECK(row.figures[1].agency_entered);
    // CS5 is an agency indicator: its entered value wins over a tally.
    CHECK(row.figures[4].value == 1.5);
    CHECK(row.figures[4].agency_entered);
    CHECK(row.figures[4].count == 0);
    // CS6 is a citizen indicator: the tally wins over the agency value.
    CHECK(row.figures[5].value == 1);
    CHECK_FALSE(row.figures[5].agency_entered);
    CHECK(row.complete);
    CHECK(row.total == Approx(1.5 + 2 + 2 + 2 + 1.5 + 1 + 2 + 2 + 1));
    CHECK(row.band == std::optional<std::string>("xuat_sac"));
    CHECK_FALSE(row.projected_band.has_value());

    CHECK_THROWS_AS(score_row(profile(), {}, {{"CS5", 3}}, 0), ScoringError);
    CHECK_THROWS_AS(score_from_means(profile(), {2, 2}), ScoringError);
    CHECK_THROWS_AS(score_from_means(profile(), {2, 2, 2, 2, 2, 2, 2, 2, 2.5}), ScoringError);
}

TEST_CASE("official_score: mean share of the formula's indicators, scaled to 10", "[scoring]") {
    CHECK_FALSE(official_score(profile(), {}).has_value());
    CHECK_FALSE(official_score(profile(), tallies_of({{"CS2", {2}}, {"CS7", {}}})).has_value());
    const auto all_best = tallies_of({{"CS1", {2}}, {"CS3", {2}}, {"CS4", {2}}, {"CS7", {2, 2}}});
    CHECK(*official_score(profile(), all_best) == Approx(10));
    // CS1 1.5, CS3 2, CS4 1, CS7 0.5 -> 5 of 8 -> 6.25.
    const auto mixed =
        tallies_of({{"CS1", {2, 1}}, {"CS3", {2}}, {"CS4", {1}}, {"CS7", {1, 0}}, {"CS9", {0}}});
    CHECK(*official_score(profile(), mixed) == Approx(6.25));
    // Missing CS1 (every answer "no result yet") is left out, not counted as zero: 5 of 6.
    const auto no_cs1 = tallies_of({{"CS3", {2}}, {"CS4", {2}}, {"CS7", {1}}});
    CHECK(*official_score(profile(), no_cs1) == Approx(50.0 / 6.0));
}

TEST_CASE("a broken scoring profile is rejected with the place and the problem", "[scoring]") {
    struct Case {
        const char* name;
        std::function<void(json&)> breakage;
        const char* expected;
    };
    const std::vector<Case> cases = {
        {"duplicate indicator", [](json& p) { p["indicators"][1]["id"] = "CS1"; },
         "t.json: /indicators/1/id: duplicate indicator id 'CS1'"},
        {"no indicators", [](json& p) { p["indicators"] = json::array(); },
         "t.json: /indicators: needs at least one indicator"},
        {"unknown source", [](json& p) { p["indicators"][0]["source"] = "citizens"; },
         "t.json: /indicators/0/source: unknown source 'citizens'"},
        {"bounds not decreasing", [](json& p) { p["bands"][2]["min_total"] = 13; },
         "t.json: /bands/2/min_total: bounds must decrease strictly"},
        {"last band above zero", [](json& p) { p["bands"][4]["min_total"] = 3; },
         "t.json: /bands/4/min_total: the last band must start at 0 or below"},
        {"duplicate band", [](json& p) { p["bands"][1]["id"] = "xuat_sac"; },
         "t.json: /bands/1/id: duplicate band id 'xuat_sac'"},
        {"formula indicator unknown", [](json& p) { p["official"]["indicators"][0] = "CS10"; },
         "t.json: /official/indicators/0: unknown indicator 'CS10'"},
        {"missing English", [](json& p) { p["bands"][0]["name"].erase("en"); },
         "t.json: /bands/0/name/en: missing"},
        {"unknown key", [](json& p) { p["indicators"][0]["weight"] = 1; },
         "t.json: /indicators/0/weight: unknown key"},
        {"scale zero", [](json& p) { p["official"]["scale"] = 0; },
         "t.json: /official/scale: must be greater than 0"},
    };
    std::ifstream in(kProfilePath);
    const json good = json::parse(in);
    for (const Case& c : cases) {
        INFO(c.name);
        json broken = good;
        c.breakage(broken);
        std::string message = "(accepted)";
        try {
            parse_scoring_profile(broken.dump(), "t.json");
        } catch (const ScoringError& error) {
            message = error.what();
        }
        INFO(message);
        CHECK(message.rfind(c.expected, 0) == 0);
    }
    CHECK_THROWS_AS(parse_scoring_profile("{", "t.json"), ScoringError);
}
