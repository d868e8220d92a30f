#include "bench/figures.hpp"

#include <sys/utsname.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

namespace motcua::bench {

double median(std::vector<double> values) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

FrameRuns frame_runs(int argc, char** argv) {
    FrameRuns options;
    auto count = [](const std::string& name, const std::string& value) {
        std::size_t used = 0;
        int parsed = 0;
        try {
            parsed = std::stoi(value, &used);
        } catch (const std::logic_error&) {
            used = 0;
        }
        if (used != value.size() || parsed < 1) {
            throw std::runtime_error(name + ": expected a positive number, got '" + value + "'");
        }
        return parsed;
    };
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        if (name == "--json") {
            options.json = argv[i + 1];
        } else if (name == "--frames" || name == "--runs") {
            (name == "--frames" ? options.frames : options.runs) = count(name, argv[i + 1]);
        }
    }
    return options;
}

double peak_resident_mb() {
    std::ifstream status("/proc/self/status");
    std::string field;
    while (status >> field) {
        if (field == "VmHWM:") {
            double kb = 0;
            status >> kb;
            return kb / 1024.0;
        }
    }
    return 0;
}

std::string machine_description() {
    utsname names{};
    std::string machine = uname(&names) == 0 ? names.machine : "unknown";
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    std::string model = "unknown cpu";
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    }
    std::string load = "?";
    std::ifstream loadavg("/proc/loadavg");
    loadavg >> load;
    return machine + ", " + model + ", " + std::to_string(std::thread::hardware_concurrency()) +
           " cores, load " + load;
}

std::string figures_json(const std::string& bench, const std::vector<Figure>& figures) {
    nlohmann::json list = nlohmann::json::array();
    for (const Figure& figure : figures) {
        nlohmann::json entry = {{"id", figure.id},       {"label", figure.label},
                                {"value", figure.value}, {"unit", figure.unit},
                                {"runs", figure.runs},   {"note", figure.note}};
        entry["reference_label"] = figure.reference_label;
        entry["reference"] = figure.reference ? nlohmann::json(*figure.reference) : nullptr;
        entry["target"] = figure.target;
        entry["met"] = figure.met ? nlohmann::json(*figure.met) : nullptr;
        list.push_back(std::move(entry));
    }
    return nlohmann::json{{"bench", bench}, {"machine", machine_description()}, {"figures", list}}
        .dump(2);
}

void publish(const std::string& bench, const std::vector<Figure>& figures,
             const std::string& json_path) {
    std::printf("%s (%s)\n", bench.c_str(), machine_description().c_str());
    std::printf("  %-44s %12s %-10s %12s  %-18s %s\n", "figure", "value", "unit", "reference",
                "target", "met");
    for (const Figure& figure : figures) {
        const std::string reference =
            figure.reference ? std::to_string(*figure.reference).substr(0, 12) : "-";
        const char* met = !figure.met ? "-" : (*figure.met ? "yes" : "NO");
        std::printf("  %-44s %12.3f %-10s %12s  %-18s %s\n", figure.label.c_str(), figure.value,
                    figure.unit.c_str(), reference.c_str(),
                    figure.target.empty() ? "-" : figure.target.c_str(), met);
    }
    if (json_path.empty()) {
        return;
    }
    std::ofstream out(json_path);
    out << figures_json(bench, figures) << "\n";
    if (!out) {
        throw std::runtime_error("cannot write " + json_path);
    }
}

}  // namespace motcua::bench
