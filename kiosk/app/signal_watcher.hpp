#pragma once
// SIGTERM, SIGINT and SIGHUP end the kiosk cleanly (systemd stopping it, Ctrl+C in a
// terminal): a thread waits for them with sigwait() and posts the stop to the UI thread.
// A citizen cannot send a signal; the window's close request is refused elsewhere.

#include <functional>
#include <thread>

#include "kiosk/app/run_queue.hpp"

namespace motcua::kiosk::app {

class SignalWatcher {
  public:
    // Blocks the signals in the calling thread; call in main() before any thread starts, so
    // every thread (GLFW's, Mesa's) inherits the mask and only the watcher receives them.
    static void block_signals();

    SignalWatcher(RunQueue& queue, std::function<void(int)> on_signal);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

  private:
    std::thread thread_;
};

}  // namespace motcua::kiosk::app
