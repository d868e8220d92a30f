#pragma once
// Work other threads (signal watcher, later the sync worker) hand to the UI thread. post()
// wakes the event loop, which runs the tasks between frames.

#include <functional>
#include <mutex>
#include <vector>

namespace motcua::kiosk::app {

class RunQueue {
  public:
    // `wake` is called after each post, from the posting thread (glfwPostEmptyEvent).
    explicit RunQueue(std::function<void()> wake) : wake_(std::move(wake)) {}

    void post(std::function<void()> task);
    // On the UI thread: runs what was posted, in order. True when anything ran.
    bool run_pending();

  private:
    std::function<void()> wake_;
    std::mutex mutex_;
    std::vector<std::function<void()>> tasks_;
};

}  // namespace motcua::kiosk::app
