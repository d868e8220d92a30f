// kiosk/app/systemd_notify: the sd_notify datagrams a unit with Type=notify and WatchdogSec=
// receives, read back from a socket bound where $NOTIFY_SOCKET points.

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <catch2/catch.hpp>

#include "kiosk/app/systemd_notify.hpp"
#include "tests/sync/support/temp_dir.hpp"

using motcua::kiosk::app::SystemdNotifier;
using motcua::test::TempDir;

namespace {

// A datagram socket standing in for systemd's notification socket.
class NotifySocket {
  public:
    // `name` starting with '@' is an abstract socket.
    explicit NotifySocket(const std::string& name) : name_(name) {
        fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, name.data(), name.size());
        if (name.front() == '@') {
            address.sun_path[0] = '\0';
        }
        auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
        REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&address), length) == 0);
        setenv("NOTIFY_SOCKET", name.c_str(), 1);
    }
    ~NotifySocket() {
        close(fd_);
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    // Every datagram waiting, in order.
    std::vector<std::string> received() {
        std::vector<std::string> messages;
        char buffer[512];
        while (true) {
            ssize_t size = recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
            if (size < 0) {
                return messages;
            }
            messages.emplace_back(buffer, static_cast<std::size_t>(size));
        }
    }

  private:
    std::string name_;
    int fd_ = -1;
};

}  // namespace

TEST_CASE("without NOTIFY_SOCKET the notifier does nothing", "[ops][systemd]") {
    unsetenv("NOTIFY_SOCKET");
    setenv("WATCHDOG_USEC", "30000000", 1);
    SystemdNotifier notifier;
    CHECK_FALSE(notifier.enabled());
    CHECK_FALSE(notifier.watchdog_interval());
    CHECK_FALSE(notifier.notify("READY=1"));
    unsetenv("WATCHDOG_USEC");
}

TEST_CASE("READY=1 and WATCHDOG=1 reach the notify socket", "[ops][systemd]") {
    TempDir dir;
    NotifySocket socket((dir / "notify").string());
    // Ten minutes: the second ping below is well inside the interval on any machine.
    setenv("WATCHDOG_USEC", "600000000", 1);
    setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
    SystemdNotifier notifier;
    REQUIRE(notifier.enabled());
    REQUIRE(notifier.watchdog_interval());
    CHECK(notifier.watchdog_interval()->count() == 300000);

    notifier.ready();
    notifier.watchdog_ping();
    notifier.watchdog_ping();
    CHECK(notifier.notify("STATUS=idle"));
    CHECK(socket.received() == std::vector<std::string>{"READY=1", "WATCHDOG=1", "STATUS=idle"});
}

TEST_CASE("an abstract notify socket works and a watchdog meant for another process is ignored",
          "[ops][systemd]") {
    const std::string name = "@motcua-notify-test-" + std::to_string(getpid());
    NotifySocket socket(name);
    setenv("WATCHDOG_USEC", "2000000", 1);
    // Neither this process nor its parent: the watchdog belongs to someone else.
    pid_t other = getppid() + 1 == getpid() ? getpid() + 1 : getppid() + 1;
    setenv("WATCHDOG_PID", std::to_string(other).c_str(), 1);
    SystemdNotifier notifier;
    CHECK(notifier.enabled());
    CHECK_FALSE(notifier.watchdog_interval());
    notifier.watchdog_ping();
    notifier.ready();
    CHECK(socket.received() == std::vector<std::string>{"READY=1"});

    // The parent's pid (cage, the unit's main process) counts as ours.
    setenv("WATCHDOG_PID", std::to_string(getppid()).c_str(), 1);
    SystemdNotifier child_of_cage;
    REQUIRE(child_of_cage.watchdog_interval());
    CHECK(child_of_cage.watchdog_interval()->count() == 1000);
    child_of_cage.watchdog_ping();
    CHECK(socket.received() == std::vector<std::string>{"WATCHDOG=1"});
}
