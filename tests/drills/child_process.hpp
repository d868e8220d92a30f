#pragma once
// A helper program run as a child process for the drills: its standard output is read line by
// line, it can be killed with SIGKILL at any moment, and it dies with the test that started it.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace motcua::drills {

class ChildProcess {
  public:
    // Runs `argv[0]` with `argv`, the test's environment plus `extra_env` ("NAME=value").
    // Its standard error goes to `stderr_file` (appended), or to ours when empty.
    ChildProcess(const std::vector<std::string>& argv,
                 const std::vector<std::string>& extra_env = {},
                 const std::string& stderr_file = "");
    ~ChildProcess();  // SIGKILL and wait, if still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Reads until the output holds `text`; false at the deadline or when the output closed.
    bool wait_for(const std::string& text, std::chrono::milliseconds deadline);
    // SIGKILL, then everything it printed before dying. True when it died of the SIGKILL (not
    // of something else first).
    bool kill_now();
    // Waits for it to exit by itself and reads all it printed; its exit code (128+signal).
    int wait_exit();

    // Complete lines printed so far (a torn last line is left out).
    std::vector<std::string> lines() const;
    const std::string& output() const { return output_; }

  private:
    bool read_some(int timeout_ms);

    pid_t pid_ = -1;
    int pipe_ = -1;
    std::string output_;
};

}  // namespace motcua::drills
