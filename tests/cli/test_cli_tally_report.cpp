// motcua tally and report: the numbers equal what was recorded (tally, computed here from the
// answers given) and the scoring functions applied to the store's aggregates (report).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "cli_harness.hpp"
#include "storage/store.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

std::vector<Stage> stages_of(const Form& form) {
    std::vector<Stage> stages;
    for (Stage stage : kAllStages) {
        if (form.applies_to(stage)) {
            stages.push_back(stage);
        }
    }
    return stages;
}

struct Sums {
    double sum = 0;
    std::int64_t count = 0;
};

// What one group of recorded ratings must add up to.
struct Expected {
    std::int64_t ratings = 0;
    std::map<std::string, std::map<std::string, std::int64_t>> answers;  // question -> option
    std::map<std::string, Sums> indicators;
    std::map<std::pair<std::string, std::string>, std::int64_t> stage_channel;

    void add(const Form& form, Stage stage, const std::string& channel,
             const std::vector<std::string>& answer_args) {
        ++ratings;
        ++stage_channel[{std::string(to_string(stage)), channel}];
        for (std::size_t i = 1; i < answer_args.size(); i += 2) {
            const std::string& pair = answer_args[i];
            std::string question_id = pair.substr(0, pair.find('='));
            std::string option_id = pair.substr(pair.find('=') + 1);
            ++answers[question_id][option_id];
            const Question* question = form.find_question(question_id);
            const AnswerOption* option = question->find_option(option_id);
            if (question->kind == QuestionKind::points && option->points) {
                indicators[question->indicator].sum += *option->points;
                ++indicators[question->indicator].count;
            }
        }
    }
};

void check_indicators(const nlohmann::json& json, const Expected& expected,
                      const ScoringProfile& profile) {
    CHECK(json["ratings"] == expected.ratings);
    REQUIRE(json["figures"].size() == profile.indicators.size());
    double total = 0;
    for (const auto& figure : json["figures"]) {
        std::string indicator = figure["indicator"];
        INFO(indicator);
        auto found = expected.indicators.find(indicator);
        if (found == expected.indicators.end()) {
            CHECK(figure["value"].is_null());  // missing, never zero
            CHECK(figure["count"] == 0);
        } else {
            double mean = found->second.sum / static_cast<double>(found->second.count);
            CHECK(figure["value"].get<double>() == Approx(mean).epsilon(1e-12));
            CHECK(figure["count"] == found->second.count);
            total += mean;
        }
    }
    CHECK(json["total"].get<double>() == Approx(total).epsilon(1e-12));
}

// A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF records. Every CSV document
// the product writes starts with the UTF-8 byte-order mark, so Excel reads Vietnamese right.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 3; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(field);
            field.clear();
            records.push_back(record);
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    REQUIRE(field.empty());
    REQUIRE(record.empty());  // every record ends with CRLF
    return records;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream content;
    content << file.rdbuf();
    return content.str();
}

// One file of a workbook (a zip archive), through unzip.
std::string unzip_entry(const std::filesystem::path& archive, const std::string& entry) {
    ProcessResult result = run_process("/usr/bin/unzip", {"-p", archive.string(), entry});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

std::string unescape_xml(std::string text) {
    const std::vector<std::pair<std::string, std::string>> entities = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}};
    for (const auto& [entity, character] : entities) {
        for (std::size_t at = text.find(entity); at != std::string::npos;
             at = text.find(entity, at + 1)) {
            text.replace(at, entity.size(), character);
        }
    }
    return text;
}

// The first sheet's cells by reference ("C7"): numbers as written, strings resolved through
// the shared strings table.
std::map<std::string, std::string> xlsx_cells(const std::filesystem::path& workbook) {
    std::vector<std::string> shared;
    const std::string strings = unzip_entry(workbook, "xl/sharedStrings.xml");
    const std::regex item("<si><t[^>]*>([^<]*)</t></si>");
    for (auto it = std::sregex_iterator(strings.begin(), strings.end(), item);
         it != std::sregex_iterator(); ++it) {
        shared.push_back(unescape_xml((*it)[1]));
    }
    std::map<std::string, std::string> cells;
    const std::string sheet = unzip_entry(workbook, "xl/worksheets/sheet1.xml");
    const std::regex cell("<c r=\"([A-Z]+[0-9]+)\"([^>]*)><v>([^<]*)</v></c>");
    for (auto it = std::sregex_iterator(sheet.begin(), sheet.end(), cell);
         it != std::sregex_iterator(); ++it) {
        const bool is_shared = (*it)[2].str().find("t=\"s\"") != std::string::npos;
        cells[(*it)[1]] = is_shared ? shared.at(std::stoul((*it)[3])) : (*it)[3].str();
    }
    return cells;
}

// "A".."Z" for columns 0..25, then the row number.
std::string cell_name(int column, int row) {
    return std::string(1, static_cast<char>('A' + column)) + std::to_string(row);
}

}  // namespace

TEST_CASE("tally --json adds up exactly what was recorded", "[cli][tally]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    REQUIRE(run_motcua({"init"}, db).exit_code == 0);
    REQUIRE(run_motcua({"officer", "add", "--id", "cb01", "--name", "Phạm Thị Dung"}, db, "1234\n")
                .exit_code == 0);
    REQUIRE(run_motcua({"officer", "add", "--id", "cb02", "--name", "Vũ Quang Minh"}, db, "1234\n")
                .exit_code == 0);
    Form form = default_form();
    ScoringProfile profile = default_scoring();
    std::vector<Stage> stages = stages_of(form);

    Expected day;
    Expected cb01;
    std::int64_t cb02_ratings = 0;
    std::int64_t unattributed = 0;
    for (std::size_t i = 0; i < 13; ++i) {
        Stage stage = stages[i % stages.size()];
        std::string channel = i % 4 == 0 ? "kiosk" : "paper";
        std::string officer = i < 8 ? "cb01" : (i < 10 ? "cb02" : "");
        std::vector<std::string> answers = answer_args(form, stage, i, i % 3 == 2);
        char code[64];
        std::snprintf(code, sizeof code, "000.00.24.H18-240610-%04zu", i + 1);
        std::vector<std::string> args = {
            "record",    "--dossier", code,     "--stage",    std::string(to_string(stage)),
            "--channel", channel,     "--date", "2024-06-10", "--time",
            "10:15"};
        if (!officer.empty()) {
            args.insert(args.end(), {"--officer", officer});
        }
        args.insert(args.end(), answers.begin(), answers.end());
        ProcessResult result = run_motcua(args, db);
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        day.add(form, stage, channel, answers);
        if (officer == "cb01") {
            cb01.add(form, stage, channel, answers);
        } else if (officer == "cb02") {
            ++cb02_ratings;
        } else {
            ++unattributed;
        }
    }
    // The next day's rating belongs to the next day's tally only.
    std::vector<std::string> next_day = {"record",
                                         "--dossier",
                                         "000.00.24.H18-240611-0001",
                                         "--stage",
                                         std::string(to_string(stages[0])),
                                         "--date",
                                         "2024-06-11"};
    for (const auto& arg : answer_args(form, stages[0], 5)) {
        next_day.push_back(arg);
    }
    REQUIRE(run_motcua(next_day, db).exit_code == 0);

    ProcessResult result = run_motcua({"tally", "--date", "2024-06-10", "--json"}, db);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    auto json = nlohmann::json::parse(result.out);

    CHECK(json["date"] == "2024-06-10");
    CHECK(json["ratings"] == 13);
    CHECK(json["voided"] == 0);
    CHECK(json["form"]["id"] == form.id);

    REQUIRE(json["by_stage_channel"].size() == 8);
    for (const auto& entry : json["by_stage_channel"]) {
        std::pair<std::string, std::string> key = {entry["stage"], entry["channel"]};
        auto found = day.stage_channel.find(key);
        CHECK(entry["ratings"] == (found == day.stage_channel.end() ? 0 : found->second));
    }

    REQUIRE(json["questions"].size() >= form.questions.size());
    for (const auto& question : json["questions"]) {
        std::string question_id = question["question_id"];
        INFO(question_id);
        std::int64_t answered = 0;
        for (const auto& [option, count] : day.answers[question_id]) {
            answered += count;
        }
        CHECK(question["answered"] == answered);
        for (const auto& option : question["options"]) {
            std::int64_t count = day.answers[question_id][option["option_id"].get<std::string>()];
            CHECK(option["count"] == count);
            double percent = answered == 0 ? 0.0 : 100.0 * count / answered;
            CHECK(option["percent"].get<double>() == Approx(percent).epsilon(1e-12));
        }
    }

    check_indicators(json["indicators"], day, profile);
    CHECK(json["indicators"]["band"].is_null() == !json["indicators"]["complete"].get<bool>());
    // The kiosk form rates five indicators, so the day gets the band for what citizens rated:
    // the total of the rated indicators scaled to the profile's full range.
    const auto& indicators = json["indicators"];
    REQUIRE_FALSE(indicators["complete"].get<bool>());
    const double projected = indicators["total"].get<double>() /
                             indicators["max_present"].get<double>() * profile.max_total();
    CHECK(indicators["projected_total"].get<double>() == Approx(projected).epsilon(1e-12));
    CHECK(indicators["projected_band"]["id"] == profile.band_for(projected).id);

    CHECK(json["extras"].size() == form.extras.size());
    auto officials = json["officials"];
    CHECK(officials["min_ratings"] == 5);
    REQUIRE(officials["shown"].size() == 1);  // cb02 has 2 ratings: below the minimum
    CHECK(officials["shown"][0]["official_id"] == "cb01");
    CHECK(officials["shown"][0]["name"] == "Phạm Thị Dung");
    CHECK(officials["shown"][0]["ratings"] == 8);
    check_indicators(officials["shown"][0]["indicators"], cb01, profile);
    CHECK(officials["hidden"] == 1);
    CHECK(officials["unattributed_ratings"] == unattributed);
    CHECK(cb02_ratings == 2);

    ProcessResult text = run_motcua({"tally", "--date", "2024-06-10"}, db);
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("Ratings: 13") != std::string::npos);

    // The CSV form carries the same figures as the JSON, one record per figure.
    ProcessResult csv = run_motcua({"tally", "--date", "2024-06-10", "--format", "csv"}, db);
    REQUIRE(csv.exit_code == 0);
    auto records = parse_csv(csv.out);
    REQUIRE(records.size() > 1);
    CHECK(records[0] == std::vector<std::string>{"section", "key", "subkey", "label", "count",
                                                 "percent", "value"});
    std::map<std::string, std::vector<std::string>> first_of;  // section -> first record
    std::map<std::pair<std::string, std::string>, std::int64_t> answer_counts;
    for (const auto& record : records) {
        REQUIRE(record.size() == 7);
        first_of.emplace(record[0], record);
        if (record[0] == "answer") {
            answer_counts[{record[1], record[2]}] = std::stoll(record[4]);
        } else if (record[0] == "indicator") {
            for (const auto& figure : json["indicators"]["figures"]) {
                if (figure["indicator"] == record[2]) {
                    CHECK(std::stoll(record[4]) == figure["count"].get<std::int64_t>());
                    CHECK(record[6].empty() == figure["value"].is_null());
                    if (!record[6].empty()) {
                        CHECK(std::strtod(record[6].c_str(), nullptr) ==
                              figure["value"].get<double>());
                    }
                }
            }
        }
    }
    CHECK(first_of.at("ratings")[4] == "13");
    CHECK(first_of.at("official")[1] == "cb01");
    CHECK(first_of.at("official")[3] == "Phạm Thị Dung");
    CHECK(first_of.at("projected_band")[2] ==
          json["indicators"]["projected_band"]["id"].get<std::string>());
    for (const auto& question : json["questions"]) {
        for (const auto& option : question["options"]) {
            CHECK(answer_counts[{question["question_id"], option["option_id"]}] ==
                  option["count"].get<std::int64_t>());
        }
    }

    auto other =
        nlohmann::json::parse(run_motcua({"tally", "--date", "2024-06-11", "--json"}, db).out);
    CHECK(other["ratings"] == 1);
}

TEST_CASE("report json and csv equal the scoring functions applied to Store::aggregate",
          "[cli][report]") {
    TempDir dir;
    auto db = dir / "kiosk.db";
    ProcessResult demo = run_motcua({"demo-data", "--ratings", "3000", "--days", "20", "--seed",
                                     "7", "--officials", "4", "--end-date", "2024-05-31"},
                                    db);
    INFO(demo.err);
    REQUIRE(demo.exit_code == 0);
    ScoringProfile profile = default_scoring();

    SECTION("by unit, JSON") {
        ProcessResult result = run_motcua(
            {"report", "--from", "2024-05-12", "--to", "2024-05-31", "--format", "json"}, db);
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        auto json = nlohmann::json::parse(result.out);

        Store store(db);
        Aggregates all = store.aggregate(RatingFilter{"2024-05-12", "2024-05-31", std::nullopt});
        ScoreRow row = score_row(profile, all.indicators, {}, all.ratings);
        std::optional<double> officials_score = official_score(profile, all.indicators);

        CHECK(json["by"] == "unit");
        CHECK(json["ratings"] == 3000);
        REQUIRE(json["rows"].size() == 1);
        auto unit = json["rows"][0];
        CHECK(unit["ratings"] == row.ratings);
        REQUIRE(unit["figures"].size() == row.figures.size());
        for (std::size_t i = 0; i < row.figures.size(); ++i) {
            INFO(row.figures[i].indicator);
            auto figure = unit["figures"][i];
            CHECK(figure["indicator"] == row.figures[i].indicator);
            CHECK(figure["count"] == row.figures[i].count);
            CHECK(figure["source"] == std::string(to_string(row.figures[i].source)));
            if (row.figures[i].value) {
                CHECK(figure["value"].get<double>() == *row.figures[i].value);
            } else {
                CHECK(figure["value"].is_null());
            }
        }
        CHECK(unit["total"].get<double>() == row.total);
        CHECK(unit["complete"] == row.complete);
        CHECK(unit["band"].is_null() == !row.band.has_value());
        if (officials_score) {
            CHECK(unit["official_score"].get<double>() == *officials_score);
        } else {
            CHECK(unit["official_score"].is_null());
        }
    }

    SECTION("by official, CSV, into a file") {
        auto out = dir / "report.csv";
        ProcessResult result =
            run_motcua({"report", "--from", "2024-05-20", "--to", "2024-05-25", "--by", "official",
                        "--format", "csv", "--out", out.string()},
                       db);
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        auto records = parse_csv(read_file(out));

        Store store(db);
        auto by_official =
            store.aggregate_by_official(RatingFilter{"2024-05-20", "2024-05-25", std::nullopt});
        std::size_t expected_rows = 0;
        for (const auto& [id, figures] : by_official) {
            expected_rows += !id.empty() && figures.ratings >= 5 ? 1 : 0;
        }
        REQUIRE(expected_rows > 0);
        REQUIRE(records.size() == expected_rows + 1);

        const auto& header = records[0];
        CHECK(header[0] == "official_id");
        auto column = [&](const std::string& name) {
            auto found = std::find(header.begin(), header.end(), name);
            REQUIRE(found != header.end());
            return static_cast<std::size_t>(found - header.begin());
        };
        for (std::size_t r = 1; r < records.size(); ++r) {
            const auto& record = records[r];
            REQUIRE(record.size() == header.size());
            INFO(record[0]);
            const Aggregates& figures = by_official.at(record[0]);
            ScoreRow row = score_row(profile, figures.indicators, {}, figures.ratings);
            CHECK(std::stoll(record[column("ratings")]) == figures.ratings);
            for (const auto& figure : row.figures) {
                const std::string& cell = record[column(figure.indicator)];
                if (figure.value) {
                    CHECK(std::strtod(cell.c_str(), nullptr) == *figure.value);
                } else {
                    CHECK(cell.empty());
                }
                CHECK(std::stoll(record[column(figure.indicator + "_count")]) == figure.count);
            }
            CHECK(std::strtod(record[column("total")].c_str(), nullptr) == row.total);
            CHECK(record[column("band")].empty());  // the kiosk form never completes a row
            REQUIRE(row.projected_total.has_value());
            CHECK(std::strtod(record[column("projected_total")].c_str(), nullptr) ==
                  *row.projected_total);
            CHECK(record[column("projected_band")] == *row.projected_band);
            std::optional<double> score = official_score(profile, figures.indicators);
            const std::string& score_cell = record[column("official_score")];
            if (score) {
                CHECK(std::strtod(score_cell.c_str(), nullptr) == *score);
            } else {
                CHECK(score_cell.empty());
            }
        }

        ProcessResult to_stdout = run_motcua({"report", "--from", "2024-05-20", "--to",
                                              "2024-05-25", "--by", "official", "--format", "csv"},
                                             db);
        CHECK(to_stdout.out == read_file(out));
    }

    SECTION("by official, XLSX: the same figures, Vietnamese intact") {
        auto out = dir / "report.xlsx";
        ProcessResult result =
            run_motcua({"report", "--from", "2024-05-20", "--to", "2024-05-25", "--by", "official",
                        "--format", "xlsx", "--out", out.string()},
                       db);
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        CHECK_FALSE(std::filesystem::exists(dir / "report.xlsx.part"));
        auto cells = xlsx_cells(out);
        CHECK(cells.at("A1") == "KẾT QUẢ ĐÁNH GIÁ SỰ HÀI LÒNG VỀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH");
        CHECK(cells.at("B5") == "TÊN CƠ QUAN, ĐƠN VỊ / CÁN BỘ");
        CHECK(cells.at("C5") == "Tiêu chí 1");
        CHECK(cells.at("A6") == "II. Theo cán bộ");

        // Row by row, the workbook holds what the CSV holds (the same report).
        auto records = parse_csv(run_motcua({"report", "--from", "2024-05-20", "--to", "2024-05-25",
                                             "--by", "official", "--format", "csv"},
                                            db)
                                     .out);
        const auto& header = records[0];
        auto column = [&](const std::string& name) {
            auto found = std::find(header.begin(), header.end(), name);
            REQUIRE(found != header.end());
            return static_cast<std::size_t>(found - header.begin());
        };
        REQUIRE(records.size() > 1);
        Store store(db);
        for (std::size_t r = 1; r < records.size(); ++r) {
            const auto& record = records[r];
            const int row = static_cast<int>(6 + r);
            INFO("row " << row << " " << record[0]);
            std::optional<Official> official = store.find_official(record[0]);
            REQUIRE(official.has_value());
            CHECK(cells.at(cell_name(1, row)) == official->name);  // NFC Vietnamese, intact
            for (std::size_t i = 0; i < profile.indicators.size(); ++i) {
                const std::string& value = record[column(profile.indicators[i].id)];
                const std::string& cell = cells.at(cell_name(static_cast<int>(2 + i), row));
                if (value.empty()) {
                    CHECK(cell == "—");  // missing, never 0
                } else {
                    CHECK(std::strtod(cell.c_str(), nullptr) ==
                          Approx(std::strtod(value.c_str(), nullptr)).epsilon(1e-14));
                }
            }
            const int after = static_cast<int>(2 + profile.indicators.size());
            CHECK(std::strtod(cells.at(cell_name(after, row)).c_str(), nullptr) ==
                  Approx(std::strtod(record[column("total")].c_str(), nullptr)).epsilon(1e-14));
            CHECK(cells.at(cell_name(after + 2, row)) ==
                  record[column("projected_band_name")] + " (ước tính)");
            CHECK(cells.at(cell_name(after + 3, row)) == record[column("ratings")]);
        }

        ProcessResult no_file = run_motcua(
            {"report", "--from", "2024-05-20", "--to", "2024-05-25", "--format", "xlsx"}, db);
        CHECK(no_file.exit_code != 0);
        CHECK(no_file.err.find("--out") != std::string::npos);
    }

    SECTION("as a table") {
        ProcessResult result =
            run_motcua({"report", "--from", "2024-05-01", "--to", "2024-05-31"}, db);
        REQUIRE(result.exit_code == 0);
        for (const auto& indicator : profile.indicators) {
            CHECK(result.out.find(indicator.id) != std::string::npos);
        }
        CHECK(result.out.find("Ratings: 3000") != std::string::npos);
        CHECK(result.out.find("Sources:") != std::string::npos);
    }

    SECTION("a period that ends before it starts") {
        ProcessResult result =
            run_motcua({"report", "--from", "2024-05-31", "--to", "2024-05-01"}, db);
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("after it ends") != std::string::npos);
    }

    SECTION("an unknown format") {
        ProcessResult result = run_motcua(
            {"report", "--from", "2024-05-01", "--to", "2024-05-31", "--format", "pdf"}, db);
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("csv") != std::string::npos);
    }
}
