#include "tests/sync/support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/sync/support/temp_dir.hpp"

extern char** environ;

namespace motcua::test {

namespace {

std::vector<char*> argv_of(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (std::string& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    return argv;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

int wait_for_exit(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::string server_binary() {
    return MOTCUA_SERVER_BINARY;
}

CommandResult run_server_command(const std::vector<std::string>& args) {
    TempDir folder;
    const std::string out_path = (folder / "out").string();
    const std::string err_path = (folder / "err").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT, 0644);
    std::vector<std::string> full = {server_binary()};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv = argv_of(full);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw std::runtime_error("cannot start " + server_binary());
    }
    CommandResult result;
    result.exit_code = wait_for_exit(pid);
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    return result;
}

std::string add_kiosk(const std::filesystem::path& db, const std::string& kiosk_id,
                      const std::string& unit_code) {
    const CommandResult result = run_server_command(
        {"kiosk", "add", "--db", db.string(), "--id", kiosk_id, "--unit", unit_code});
    if (result.exit_code != 0) {
        throw std::runtime_error("kiosk add failed: " + result.err);
    }
    std::string token = result.out;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) {
        token.pop_back();
    }
    return token;
}

ServerProcess::ServerProcess(const std::filesystem::path& db, const std::vector<std::string>& extra,
                             int port) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const std::string log_path = db.string() + ".log";
    std::vector<std::string> args = {server_binary(), "serve",
                                     "--db",          db.string(),
                                     "--listen",      "127.0.0.1:" + std::to_string(port)};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv = argv_of(args);
    const pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        // Only async-signal-safe calls until exec. The server dies with the test that started
        // it, even when the test crashes or is killed by a timeout.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(127);
        }
        const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (log < 0 || dup2(pipe_fds[1], 1) < 0 || dup2(log, 2) < 0) {
            _exit(127);
        }
        execv(argv[0], argv.data());
        _exit(127);
    }
    pid_ = child;
    const int spawned = child > 0 ? 0 : errno;
    close(pipe_fds[1]);
    if (spawned != 0) {
        close(pipe_fds[0]);
        throw std::runtime_error("cannot start " + server_binary());
    }

    // The first line names the address: "motcua-server listening on http://127.0.0.1:PORT".
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        pollfd ready{pipe_fds[0], POLLIN, 0};
        if (poll(&ready, 1, 100) <= 0) {
            continue;
        }
        char buffer[256];
        const ssize_t got = read(pipe_fds[0], buffer, sizeof buffer);
        if (got <= 0) {
            break;
        }
        line.append(buffer, static_cast<std::size_t>(got));
    }
    close(pipe_fds[0]);
    const std::string marker = "listening on ";
    const auto at = line.find(marker);
    const auto end = line.find('\n');
    if (at == std::string::npos || end == std::string::npos) {
        stop(SIGKILL);
        throw std::runtime_error("motcua-server did not start: " + read_file(log_path));
    }
    url_ = line.substr(at + marker.size(), end - at - marker.size());
    port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
}

ServerProcess::~ServerProcess() {
    stop(SIGTERM);
}

void ServerProcess::kill_hard() {
    stop(SIGKILL);
}

void ServerProcess::stop(int signal) {
    if (pid_ <= 0) {
        return;
    }
    kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    pid_ = -1;
}

}  // namespace motcua::test
