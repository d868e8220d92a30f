// The province-wide table: means per unit over its ratings, agency scores for their period,
// units grouped and ranked, and the three renderings.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "server/report.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::server;
using motcua::test::TempDir;

namespace {

Rating rating_with(const std::string& unit, const std::string& kiosk, int index,
                   const std::string& official, std::map<std::string, int> points) {
    Rating rating;
    const std::string hex = std::to_string(100000000000 + index);
    rating.id = "3f1c1d3e-8a4b-4c5d-9e6f-" + hex;
    rating.dossier_code = unit + "-221228-" + std::to_string(1000 + index);
    rating.form_id = "dienbien-phieu4";
    rating.form_version = 1;
    rating.official_id = official;
    rating.created_utc = 1672189200000 + index * 60000;
    rating.utc_offset_minutes = 420;
    rating.local_date = local_date(rating.created_utc, 420);
    rating.kiosk_id = kiosk;
    rating.unit_code = unit;
    for (const auto& [indicator, value] : points) {
        rating.answers.push_back(
            Answer{"q_" + indicator, "o" + std::to_string(value), indicator, value, {}});
    }
    return rating;
}

struct Province {
    Province() : store(open_sqlite_server_store(dir / "server.db")) {
        profile = load_scoring_file(assets_dir() / "scoring" / "dienbien-2022.json");
        for (const auto& [kiosk, unit] :
             {std::pair{"k-tuphap", "SO.TUPHAP"}, std::pair{"k-ngoaivu", "SO.NGOAIVU"},
              std::pair{"k-tuachua", "UB.TUACHUA"}}) {
            store->add_kiosk(KioskRecord{kiosk, unit, "hash", 1, {}, {}, {}, ""});
        }
        store->set_unit({"SO.TUPHAP", "Sở Tư pháp", "I. Sở, ban, ngành"});
        store->set_unit({"SO.NGOAIVU", "Sở Ngoại vụ", "I. Sở, ban, ngành"});
        store->set_unit({"UB.TUACHUA", "UBND huyện Tủa Chùa", "II. UBND cấp huyện"});
    }

    void add(const std::vector<Rating>& ratings) {
        std::vector<IncomingItem> items;
        for (const Rating& rating : ratings) {
            IncomingItem item;
            item.seq = static_cast<std::int64_t>(items.size());
            item.rating = IncomingRating{rating, rating_to_json(rating).dump()};
            items.push_back(std::move(item));
        }
        for (const ItemOutcome& outcome : store->store_batch(ratings.front().kiosk_id, items, 1)) {
            REQUIRE(outcome.status == protocol::ItemStatus::accepted);
        }
    }

    void agency(const std::string& unit, std::map<std::string, double> scores) {
        for (const auto& [indicator, score] : scores) {
            store->set_unit_score({unit, "2022-01-01", "2022-12-31", indicator, score});
        }
    }

    TempDir dir;
    std::unique_ptr<ServerStore> store;
    ScoringProfile profile;
};

// What citizens rate on the form; CS2, CS5, CS8 and CS9 come from the agency.
const std::map<std::string, int> kAllGood = {
    {"CS1", 2}, {"CS3", 2}, {"CS4", 2}, {"CS6", 2}, {"CS7", 2}};

const UnitRow& row_of(const ProvinceReport& report, const std::string& unit) {
    for (const UnitGroup& group : report.groups) {
        for (const UnitRow& row : group.rows) {
            if (row.unit.unit_code == unit) {
                return row;
            }
        }
    }
    FAIL("no row for " << unit);
    throw std::logic_error("unreachable");
}

std::optional<double> figure(const UnitRow& row, const std::string& indicator) {
    for (const IndicatorFigure& f : row.score.figures) {
        if (f.indicator == indicator) {
            return f.value;
        }
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("periods are years, quarters, months or explicit ranges") {
    CHECK(parse_period("2022").from == "2022-01-01");
    CHECK(parse_period("2022").to == "2022-12-31");
    CHECK(parse_period("2024-Q1").to == "2024-03-31");
    CHECK(parse_period("2024-02").to == "2024-02-29");
    CHECK(parse_period("2023-02").to == "2023-02-28");
    CHECK(parse_period("2022-06-01..2022-12-31").from == "2022-06-01");
    CHECK_THROWS_AS(parse_period("2022-Q5"), std::invalid_argument);
    CHECK_THROWS_AS(parse_period("2022-13"), std::invalid_argument);
    CHECK_THROWS_AS(parse_period("2022-12-31..2022-01-01"), std::invalid_argument);
    CHECK_THROWS_AS(parse_period("last year"), std::invalid_argument);
}

TEST_CASE("units are grouped, ranked by total, with means, agency scores and bands") {
    Province province;
    // Sở Tư pháp: CS7 2,2,1,1 -> 1.5; everything else 2.
    std::vector<Rating> tuphap;
    for (int i = 0; i < 4; ++i) {
        std::map<std::string, int> points = kAllGood;
        points["CS7"] = i < 2 ? 2 : 1;
        tuphap.push_back(rating_with("SO.TUPHAP", "k-tuphap", i, i % 2 ? "cb01" : "cb02", points));
    }
    province.add(tuphap);
    // Sở Ngoại vụ: CS7 1, the rest 2, with one rating (CS1 0) voided later: it must leave the
    // figures.
    std::vector<Rating> ngoaivu;
    for (int i = 10; i < 13; ++i) {
        std::map<std::string, int> points = kAllGood;
        points["CS1"] = i == 12 ? 0 : 2;
        points["CS7"] = 1;
        ngoaivu.push_back(rating_with("SO.NGOAIVU", "k-ngoaivu", i, "cb03", points));
    }
    province.add(ngoaivu);
    IncomingItem void_item;
    void_item.seq = 99;
    void_item.void_record = IncomingVoid{ngoaivu[2].id, "test", "sup", 5, R"({"v":1})"};
    province.store->store_batch("k-ngoaivu", {void_item}, 2);
    // Tủa Chùa: only ratings, no agency scores: an incomplete row.
    province.add({rating_with("UB.TUACHUA", "k-tuachua", 20, "", kAllGood)});

    province.agency("SO.TUPHAP", {{"CS2", 2}, {"CS5", 2}, {"CS8", 2}, {"CS9", 2}});
    province.agency("SO.NGOAIVU", {{"CS2", 1.64}, {"CS5", 1.65}, {"CS8", 2}, {"CS9", 0}});
    province.store->set_unit_score({"SO.NGOAIVU", "2022-10-01", "2022-12-31", "CS9", 2});

    const ProvinceReport report = build_province_report(*province.store, province.profile,
                                                        make_period("2022-01-01", "2022-12-31"));
    REQUIRE(report.groups.size() == 2);
    CHECK(report.groups[0].name == "I. Sở, ban, ngành");
    REQUIRE(report.groups[0].rows.size() == 2);

    const UnitRow& tuphap_row = row_of(report, "SO.TUPHAP");
    CHECK(tuphap_row.rank == 1);
    CHECK(figure(tuphap_row, "CS7") == Approx(1.5));
    CHECK(tuphap_row.score.total == Approx(17.5));
    CHECK(tuphap_row.score.complete);
    CHECK(tuphap_row.score.band == "xuat_sac");
    CHECK(tuphap_row.score.ratings == 4);
    REQUIRE(tuphap_row.officials_average);

    const UnitRow& ngoaivu_row = row_of(report, "SO.NGOAIVU");
    CHECK(ngoaivu_row.rank == 2);
    CHECK(ngoaivu_row.score.ratings == 2);  // the voided one is out
    CHECK(figure(ngoaivu_row, "CS1") == Approx(2));
    CHECK(figure(ngoaivu_row, "CS9") == Approx(0));  // the quarter's score is another period
    CHECK(ngoaivu_row.score.total == Approx(2 + 1.64 + 2 + 2 + 1.65 + 2 + 1 + 2 + 0));
    CHECK(ngoaivu_row.score.band == "tot");

    const UnitRow& tuachua_row = row_of(report, "UB.TUACHUA");
    CHECK_FALSE(tuachua_row.score.complete);
    CHECK_FALSE(tuachua_row.score.band);
    CHECK_FALSE(tuachua_row.officials_average);  // nobody was signed in

    const std::string table = render_province_report(report, ReportFormat::table);
    CHECK_THAT(table, Catch::Contains("Sở Tư pháp") && Catch::Contains("17.50") &&
                          Catch::Contains("Xuất sắc") && Catch::Contains("II. UBND cấp huyện") &&
                          Catch::Contains("CS5=agency"));
    const std::string csv = render_province_report(report, ReportFormat::csv);
    CHECK_THAT(csv, Catch::StartsWith("group,rank,unit_code,unit_name,ratings,CS1,CS1_source"));
    CHECK_THAT(csv, Catch::Contains("SO.NGOAIVU,Sở Ngoại vụ,2,2,system,1.64,agency"));
    const auto json = nlohmann::json::parse(render_province_report(report, ReportFormat::json));
    CHECK(json["groups"][0]["units"][0]["unit_code"] == "SO.TUPHAP");
    CHECK(json["groups"][1]["units"][0]["score"]["band"].is_null());
}
