#pragma once
// The real motcua-server binary, run as a child process on 127.0.0.1 for tests and benchmarks.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace motcua::test {

// The motcua-server built with the tests (a compile definition of the test targets).
std::string server_binary();

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `motcua-server args...` to completion.
CommandResult run_server_command(const std::vector<std::string>& args);

// Registers a kiosk in the server database `db` (created when missing); returns its token.
std::string add_kiosk(const std::filesystem::path& db, const std::string& kiosk_id,
                      const std::string& unit_code);

// `motcua-server serve` on 127.0.0.1. Starts in the constructor and returns once the server
// says it listens; stops it (SIGTERM, then SIGKILL after a few seconds) in the destructor. The
// server is also killed when the thread that started it ends, so create it on the test's main
// thread.
class ServerProcess {
  public:
    // `port` 0 picks a free port. `extra` adds flags (faults, TLS). The server's log goes to
    // `db` + ".log".
    ServerProcess(const std::filesystem::path& db, const std::vector<std::string>& extra = {},
                  int port = 0);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    const std::string& url() const { return url_; }  // e.g. "http://127.0.0.1:39123"
    int port() const { return port_; }
    // Ends the server at once, like a power cut, and waits for it.
    void kill_hard();

  private:
    void stop(int signal);

    pid_t pid_ = -1;
    std::string url_;
    int port_ = 0;
};

}  // namespace motcua::test
