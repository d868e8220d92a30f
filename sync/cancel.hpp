#pragma once
// A flag another thread raises to stop a sync run early, with sleeps that wake on it.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace motcua {

class CancelToken {
  public:
    void cancel() {
        {
            std::lock_guard lock(mutex_);
            cancelled_ = true;
        }
        wake_.notify_all();
    }

    bool cancelled() const {
        std::lock_guard lock(mutex_);
        return cancelled_;
    }

    // Sleeps for `duration` unless cancelled first; returns false when cancelled.
    bool sleep_for(std::chrono::milliseconds duration) const {
        std::unique_lock lock(mutex_);
        return !wake_.wait_for(lock, duration, [this] { return cancelled_; });
    }

  private:
    mutable std::mutex mutex_;
    mutable std::condition_variable wake_;
    bool cancelled_ = false;
};

}  // namespace motcua
