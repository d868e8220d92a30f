#include "kiosk/app/run_queue.hpp"

namespace motcua::kiosk::app {

void RunQueue::post(std::function<void()> task) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        tasks_.push_back(std::move(task));
    }
    wake_();
}

bool RunQueue::run_pending() {
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        tasks.swap(tasks_);
    }
    for (std::function<void()>& task : tasks) {
        task();
    }
    return !tasks.empty();
}

}  // namespace motcua::kiosk::app
