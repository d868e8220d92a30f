// Merges the JSON objects of the benches (the figures contract, bench/figures.hpp) into one
// results file, prints every figure in one table, and writes the query-against-size data that
// scripts/bench plots with gnuplot.
//
// Usage: merge_results --out results.json [--plot-data FILE] [--load TEXT] BENCH.json...
// The results file is {"generated_utc", "load", "benches": [<each bench's object>...]}.
// The plot data has one line per database size: size, then the median ms of day_aggregate,
// day_tally, month_report, year_report and staff_refresh (query_tally's figure ids).

#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

using nlohmann::json;

namespace {

const std::vector<std::string> kPlottedQueries = {"day_aggregate", "day_tally", "month_report",
                                                  "year_report", "staff_refresh"};

json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    json parsed = json::parse(in, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("figures") ||
        !parsed["figures"].is_array()) {
        throw std::runtime_error(path + " is not a bench result (see bench/figures.hpp)");
    }
    return parsed;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string number(const json& value) {
    if (!value.is_number()) {
        return "-";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value.get<double>());
    return text;
}

void print_table(const json& benches) {
    std::printf("%-14s %-50s %12s %-12s %12s %-22s %s\n", "bench", "figure", "value", "unit",
                "reference", "target", "met");
    for (const json& bench : benches) {
        for (const json& figure : bench["figures"]) {
            const json& met = figure.value("met", json());
            std::printf(
                "%-14s %-50s %12s %-12s %12s %-22s %s\n", bench.value("bench", "?").c_str(),
                figure.value("label", "?").c_str(), number(figure.value("value", json())).c_str(),
                figure.value("unit", "").c_str(), number(figure.value("reference", json())).c_str(),
                figure.value("target", "").empty() ? "-" : figure.value("target", "").c_str(),
                met.is_boolean() ? (met.get<bool>() ? "yes" : "NO") : "-");
        }
    }
}

// query id -> size -> ms, from figure ids such as "day_tally_ms_1000000".
void write_plot_data(const json& benches, const std::string& path) {
    std::map<long long, std::map<std::string, double>> by_size;
    for (const json& bench : benches) {
        for (const json& figure : bench["figures"]) {
            const std::string id = figure.value("id", "");
            for (const std::string& query : kPlottedQueries) {
                const std::string prefix = query + "_ms_";
                if (id.rfind(prefix, 0) == 0 && figure["value"].is_number()) {
                    by_size[std::stoll(id.substr(prefix.size()))][query] =
                        figure["value"].get<double>();
                }
            }
        }
    }
    std::ofstream out(path);
    out << "# size";
    for (const std::string& query : kPlottedQueries) {
        out << " " << query;
    }
    out << "\n";
    for (const auto& [size, times] : by_size) {
        out << size;
        for (const std::string& query : kPlottedQueries) {
            const auto found = times.find(query);
            out << " " << (found == times.end() ? std::string("NaN") : number(found->second));
        }
        out << "\n";
    }
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string out_path;
    std::string plot_path;
    std::string load;
    std::vector<std::string> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--out" || arg == "--plot-data" || arg == "--load") && i + 1 < argc) {
            (arg == "--out" ? out_path : arg == "--plot-data" ? plot_path : load) = argv[++i];
        } else {
            inputs.push_back(arg);
        }
    }
    if (out_path.empty() || inputs.empty()) {
        std::fprintf(stderr,
                     "usage: merge_results --out results.json [--plot-data FILE] [--load TEXT] "
                     "BENCH.json...\n");
        return 2;
    }
    try {
        json benches = json::array();
        for (const std::string& input : inputs) {
            benches.push_back(read_json(input));
        }
        std::ofstream out(out_path);
        out << json{{"generated_utc", utc_now()}, {"load", load}, {"benches", benches}}.dump(2)
            << "\n";
        if (!out) {
            throw std::runtime_error("cannot write " + out_path);
        }
        print_table(benches);
        if (!plot_path.empty()) {
            write_plot_data(benches, plot_path);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "merge_results: %s\n", error.what());
        return 1;
    }
    return 0;
}
