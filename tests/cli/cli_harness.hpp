#pragma once
// Shared by the CLI tests: a temporary folder per test, the real `motcua` binary run as a
// child process, and the default form and scoring profiles the binary uses.

#include <filesystem>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/scoring.hpp"
#include "run_process.hpp"

namespace motcua::test {

// A fresh folder under the system's temp directory, removed with everything in it.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

// Runs motcua with `args` (and --db `db` appended when not empty).
ProcessResult run_motcua(const std::vector<std::string>& args, const std::filesystem::path& db = {},
                         const std::string& input = "");

// The form and scoring profile a configuration-less motcua uses.
Form default_form();
ScoringProfile default_scoring();

// One "--answer QUESTION=OPTION" pair per question asked at `stage`, choosing option
// (seed + question index) % option count; skippable questions are left out when skip is true.
std::vector<std::string> answer_args(const Form& form, Stage stage, std::size_t seed,
                                     bool skip_skippable = false);

std::string trim(const std::string& text);

}  // namespace motcua::test
