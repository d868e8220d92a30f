#pragma once
// The sd_notify protocol, written out (no libsystemd): one datagram per message to the
// AF_UNIX socket named by $NOTIFY_SOCKET. The kiosk says READY=1 once its window is up and
// WATCHDOG=1 from its event loop at half of $WATCHDOG_USEC, so systemd restarts a frozen kiosk.
// Outside systemd (no $NOTIFY_SOCKET) every call does nothing.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::kiosk::app {

class SystemdNotifier {
  public:
    // Reads $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID. The watchdog is ours when
    // WATCHDOG_PID is unset, is this process, or is our parent: the kiosk runs as the child of
    // `cage`, the unit's main process (NotifyAccess=all lets systemd accept our datagrams).
    SystemdNotifier();

    bool enabled() const { return !socket_path_.empty(); }
    // How often to send WATCHDOG=1 (half the watchdog timeout), or nullopt when no watchdog.
    std::optional<std::chrono::milliseconds> watchdog_interval() const { return interval_; }

    // Sends `state` ("READY=1", "STATUS=..."); false when it could not be sent.
    bool notify(std::string_view state) const;
    void ready() const { notify("READY=1"); }
    // Sends WATCHDOG=1 when the last one is at least half an interval old. A loop that calls it
    // at least once per interval therefore pings at most 3/4 of the timeout apart, even when its
    // wait returns a little early.
    void watchdog_ping();

  private:
    std::string socket_path_;  // '@' first for an abstract socket
    std::optional<std::chrono::milliseconds> interval_;
    std::chrono::steady_clock::time_point last_ping_{};
};

}  // namespace motcua::kiosk::app
