#pragma once
// The kiosk's background uploader: a thread with its own Store that asks the schedule whether to
// run, runs the uploader, and reports through a callback. Nothing here waits on the UI thread
// and nothing the UI thread calls waits on the network: request_* only set a flag.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "sync/cancel.hpp"
#include "sync/options.hpp"
#include "sync/scheduler.hpp"
#include "sync/sync_state.hpp"
#include "sync/uploader.hpp"

namespace motcua {

struct SyncWorkerSettings {
    std::filesystem::path database;
    SyncOptions options;
    ScheduleSettings schedule;
    // How often the worker re-reads the status and asks the schedule; a request wakes it early.
    std::chrono::milliseconds poll_interval{std::chrono::seconds(30)};
};

// Settings from the kiosk's configuration: its database, sync options and nightly window.
// Throws like sync_options_from_config, and std::invalid_argument for a bad window.
SyncWorkerSettings sync_worker_settings(const Config& config);

struct SyncEvent {
    enum class Kind {
        status,           // `status` is fresh (sent at start-up and after every poll)
        progress,         // a run is under way: `progress`, `reason`
        finished,         // a run ended: `report`, `reason`, and `status` after it
        connection_test,  // answer to request_connection_test(): `connection`
    };
    Kind kind = Kind::status;
    SyncStatus status;
    std::string status_error;  // the store could not be read (then `status` is empty)
    RunReason reason = RunReason::none;
    SyncProgress progress;
    std::optional<SyncReport> report;
    std::optional<ConnectionCheck> connection;
};
// Called on the worker thread. It must return quickly (queue the event for the UI thread);
// it must not call back into the worker except request_*.
using SyncEventFn = std::function<void(const SyncEvent&)>;

class SyncWorker {
  public:
    // `clock` must be safe to read from another thread (SystemClock is) and outlive the worker.
    SyncWorker(SyncWorkerSettings settings, const Clock& clock, SyncEventFn on_event);
    ~SyncWorker();  // stop()
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void start();
    void request_sync_now();
    void request_connection_test();
    // Cancels a run in flight (its answered batches stay recorded) and joins the thread.
    void stop();

  private:
    void loop();
    void poll_once(Store& store);

    SyncWorkerSettings settings_;
    const Clock& clock_;
    SyncEventFn on_event_;
    SyncSchedule schedule_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_requested_ = false;
    bool sync_requested_ = false;
    bool test_requested_ = false;

    CancelToken cancel_;
    std::thread thread_;
};

}  // namespace motcua
