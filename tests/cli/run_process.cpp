#include "run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace motcua::test {

namespace {

void make_pipe(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
}

}  // namespace

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& input) {
    int in_pipe[2];
    int out_pipe[2];
    int err_pipe[2];
    make_pipe(in_pipe);
    make_pipe(out_pipe);
    make_pipe(err_pipe);

    std::vector<std::string> argv_strings = {program};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);

    pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        dup2(in_pipe[0], STDIN_FILENO);
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);

    // The child may exit without reading its input: never die of SIGPIPE here.
    signal(SIGPIPE, SIG_IGN);
    std::size_t written = 0;
    int in_fd = in_pipe[1];
    if (input.empty()) {
        close(in_fd);
        in_fd = -1;
    }

    ProcessResult result;
    int out_fd = out_pipe[0];
    int err_fd = err_pipe[0];
    while (out_fd >= 0 || err_fd >= 0) {
        std::vector<pollfd> fds;
        if (out_fd >= 0) {
            fds.push_back({out_fd, POLLIN, 0});
        }
        if (err_fd >= 0) {
            fds.push_back({err_fd, POLLIN, 0});
        }
        if (in_fd >= 0) {
            fds.push_back({in_fd, POLLOUT, 0});
        }
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error("poll failed");
        }
        for (const auto& entry : fds) {
            if (entry.revents == 0) {
                continue;
            }
            if (entry.fd == in_fd) {
                ssize_t n = write(in_fd, input.data() + written, input.size() - written);
                if (n > 0) {
                    written += static_cast<std::size_t>(n);
                }
                if (n < 0 || written == input.size()) {
                    close(in_fd);
                    in_fd = -1;
                }
                continue;
            }
            char buffer[65536];
            ssize_t n = read(entry.fd, buffer, sizeof buffer);
            if (n > 0) {
                (entry.fd == out_fd ? result.out : result.err)
                    .append(buffer, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(entry.fd);
                (entry.fd == out_fd ? out_fd : err_fd) = -1;
            }
        }
    }
    if (in_fd >= 0) {
        close(in_fd);
    }

    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace motcua::test
