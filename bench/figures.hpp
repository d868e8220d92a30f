#pragma once
// The benchmark figures contract (issue #6, docs/PERFORMANCE.md): every bench executable takes
// `--json FILE` and writes one object {"bench", "machine", "figures": [...]}; without it, it
// prints a readable table. Shared by the benches in bench/ so they all write the same shape.

#include <optional>
#include <string>
#include <vector>

namespace motcua::bench {

struct Figure {
    std::string id;  // stable key, e.g. "upload_ratings_per_s"
    std::string label;
    double value = 0;
    std::string unit;
    std::string reference_label;  // empty: no physical reference for this figure
    std::optional<double> reference;
    std::string target;       // e.g. ">= 20000", "<= 1.5x reference"; empty: none
    std::optional<bool> met;  // nullopt when there is no target
    int runs = 1;             // timings are medians over this many runs
    std::string note;
};

// The median of `values` (the mean of the two middle values for an even count); 0 when empty.
double median(std::vector<double> values);

// The command line of the floor benches: [--json FILE] [--frames N] [--runs N].
struct FrameRuns {
    std::string json;
    int frames = 60;
    int runs = 5;
};
// Throws std::runtime_error naming the option when a count is not a positive number.
FrameRuns frame_runs(int argc, char** argv);

// This process's peak resident memory (VmHWM of /proc/self/status), in MB; 0 when unknown.
double peak_resident_mb();

// "x86_64, <cpu model>, <n> cores, load <1-min load average>" from uname and /proc.
std::string machine_description();

// The object of the contract, as JSON text.
std::string figures_json(const std::string& bench, const std::vector<Figure>& figures);

// Prints the figures as a table on stdout, and writes the JSON to `json_path` when not empty
// (throws std::runtime_error when the file cannot be written).
void publish(const std::string& bench, const std::vector<Figure>& figures,
             const std::string& json_path);

}  // namespace motcua::bench
