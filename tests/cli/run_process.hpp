#pragma once
// Runs a program as a child process with some standard input and collects its exit code,
// standard output and standard error (tests run the real `motcua` binary this way).

#include <string>
#include <vector>

namespace motcua::test {

struct ProcessResult {
    int exit_code = -1;  // -1 when killed by a signal
    std::string out;
    std::string err;
};

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& input = "");

}  // namespace motcua::test
