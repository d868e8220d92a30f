#include "kiosk/app/signal_watcher.hpp"

#include <pthread.h>
#include <signal.h>

namespace motcua::kiosk::app {

namespace {

// SIGUSR2 only tells the watcher itself to stop.
sigset_t watched_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR2);
    return set;
}

}  // namespace

void SignalWatcher::block_signals() {
    sigset_t set = watched_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(RunQueue& queue, std::function<void(int)> on_signal) {
    thread_ = std::thread([&queue, on_signal = std::move(on_signal)] {
        sigset_t set = watched_signals();
        while (true) {
            int signal_number = 0;
            if (sigwait(&set, &signal_number) != 0) {
                continue;
            }
            if (signal_number == SIGUSR2) {
                return;
            }
            queue.post([on_signal, signal_number] { on_signal(signal_number); });
        }
    });
}

SignalWatcher::~SignalWatcher() {
    pthread_kill(thread_.native_handle(), SIGUSR2);
    thread_.join();
}

}  // namespace motcua::kiosk::app
