#include "tests/drills/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace motcua::drills {

ChildProcess::ChildProcess(const std::vector<std::string>& argv,
                           const std::vector<std::string>& extra_env,
                           const std::string& stderr_file) {
    std::vector<std::string> args = argv;
    std::vector<char*> arg_pointers;
    for (std::string& arg : args) {
        arg_pointers.push_back(arg.data());
    }
    arg_pointers.push_back(nullptr);
    // An extra variable replaces an inherited one of the same name: getenv() returns the first
    // match, so appending would leave e.g. CI's ASAN_OPTIONS in force.
    auto name_of = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        bool replaced = std::any_of(
            extra_env.begin(), extra_env.end(),
            [&](const std::string& extra) { return name_of(extra) == name_of(*entry); });
        if (!replaced) {
            env.emplace_back(*entry);
        }
    }
    env.insert(env.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> env_pointers;
    for (std::string& entry : env) {
        env_pointers.push_back(entry.data());
    }
    env_pointers.push_back(nullptr);

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t parent = getpid();
    const pid_t child = fork();
    if (child == 0) {
        // Only async-signal-safe calls until exec.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent || dup2(fds[1], 1) < 0) {
            _exit(127);
        }
        if (!stderr_file.empty()) {
            const int log = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (log < 0 || dup2(log, 2) < 0) {
                _exit(127);
            }
        }
        execve(arg_pointers[0], arg_pointers.data(), env_pointers.data());
        _exit(127);
    }
    close(fds[1]);
    if (child < 0) {
        close(fds[0]);
        throw std::runtime_error("fork failed");
    }
    pid_ = child;
    pipe_ = fds[0];
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    close(pipe_);
}

bool ChildProcess::read_some(int timeout_ms) {
    pollfd ready{pipe_, POLLIN, 0};
    if (poll(&ready, 1, timeout_ms) <= 0) {
        return true;
    }
    char buffer[4096];
    const ssize_t got = read(pipe_, buffer, sizeof buffer);
    if (got <= 0) {
        return false;
    }
    output_.append(buffer, static_cast<std::size_t>(got));
    return true;
}

bool ChildProcess::wait_for(const std::string& text, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (output_.find(text) == std::string::npos) {
        if (std::chrono::steady_clock::now() > until || !read_some(20)) {
            return output_.find(text) != std::string::npos;
        }
    }
    return true;
}

bool ChildProcess::kill_now() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    while (read_some(-1)) {
    }
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

int ChildProcess::wait_exit() {
    while (read_some(-1)) {
    }
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::string> ChildProcess::lines() const {
    std::vector<std::string> out;
    std::istringstream in(output_.substr(0, output_.rfind('\n') + 1));
    std::string line;
    while (std::getline(in, line)) {
        out.push_back(line);
    }
    return out;
}

}  // namespace motcua::drills
