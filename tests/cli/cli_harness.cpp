#include "cli_harness.hpp"

#include <stdlib.h>

#include <stdexcept>

#include "core/config.hpp"

namespace motcua::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "motcua-cli-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

ProcessResult run_motcua(const std::vector<std::string>& args, const std::filesystem::path& db,
                         const std::string& input) {
    std::vector<std::string> all = args;
    if (!db.empty()) {
        all.push_back("--db");
        all.push_back(db.string());
    }
    return run_process(MOTCUA_EXE, all, input);
}

Form default_form() {
    return load_form_file(default_config("unused.db").form_profile);
}

ScoringProfile default_scoring() {
    return load_scoring_file(default_config("unused.db").scoring_profile);
}

std::vector<std::string> answer_args(const Form& form, Stage stage, std::size_t seed,
                                     bool skip_skippable) {
    std::vector<std::string> args;
    std::size_t index = 0;
    for (const Question* question : form.questions_for(stage)) {
        ++index;
        if (skip_skippable && question->skippable) {
            continue;
        }
        const auto& option = question->options[(seed + index) % question->options.size()];
        args.push_back("--answer");
        args.push_back(question->id + "=" + option.id);
    }
    return args;
}

std::string trim(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace motcua::test
