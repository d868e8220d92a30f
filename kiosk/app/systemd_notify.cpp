#include "kiosk/app/systemd_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace motcua::kiosk::app {

namespace {

std::optional<long long> environment_number(const char* name) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') {
        return std::nullopt;
    }
    char* end = nullptr;
    long long value = std::strtoll(text, &end, 10);
    if (*end != '\0' || value <= 0) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

SystemdNotifier::SystemdNotifier() {
    if (const char* socket = std::getenv("NOTIFY_SOCKET"); socket != nullptr) {
        socket_path_ = socket;
    }
    bool socket_usable =
        (socket_path_.size() > 1 && (socket_path_.front() == '/' || socket_path_.front() == '@') &&
         socket_path_.size() < sizeof(sockaddr_un::sun_path));
    if (!socket_usable) {
        socket_path_.clear();
        return;
    }
    std::optional<long long> timeout_usec = environment_number("WATCHDOG_USEC");
    std::optional<long long> watchdog_pid = environment_number("WATCHDOG_PID");
    bool ours = !watchdog_pid || *watchdog_pid == getpid() || *watchdog_pid == getppid();
    if (timeout_usec && ours) {
        interval_ = std::chrono::milliseconds(std::max(1LL, *timeout_usec / 2000));
    }
}

bool SystemdNotifier::notify(std::string_view state) const {
    if (!enabled()) {
        return false;
    }
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
    if (address.sun_path[0] == '@') {
        address.sun_path[0] = '\0';  // abstract namespace
    }
    socklen_t length =
        static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    ssize_t sent = sendto(fd, state.data(), state.size(), MSG_NOSIGNAL,
                          reinterpret_cast<const sockaddr*>(&address), length);
    close(fd);
    return sent == static_cast<ssize_t>(state.size());
}

void SystemdNotifier::watchdog_ping() {
    if (!interval_) {
        return;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_ping_ >= *interval_ / 2) {
        if (notify("WATCHDOG=1")) {
            last_ping_ = now;
        }
    }
}

}  // namespace motcua::kiosk::app
