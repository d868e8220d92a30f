#include "sync/sync_worker.hpp"

namespace motcua {

SyncWorkerSettings sync_worker_settings(const Config& config) {
    SyncWorkerSettings settings;
    settings.database = config.database;
    settings.options = sync_options_from_config(config);
    settings.schedule = schedule_from_window(config.sync.window_start, config.sync.window_end);
    return settings;
}

SyncWorker::SyncWorker(SyncWorkerSettings settings, const Clock& clock, SyncEventFn on_event)
    : settings_(std::move(settings)),
      clock_(clock),
      on_event_(std::move(on_event)),
      schedule_(settings_.schedule, settings_.options.kiosk_id) {}

SyncWorker::~SyncWorker() {
    stop();
}

void SyncWorker::start() {
    if (!thread_.joinable()) {
        thread_ = std::thread([this] { loop(); });
    }
}

void SyncWorker::request_sync_now() {
    {
        std::lock_guard lock(mutex_);
        sync_requested_ = true;
    }
    wake_.notify_one();
}

void SyncWorker::request_connection_test() {
    {
        std::lock_guard lock(mutex_);
        test_requested_ = true;
    }
    wake_.notify_one();
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_requested_ = true;
    }
    cancel_.cancel();
    wake_.notify_one();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SyncWorker::loop() {
    std::optional<Store> store;
    while (true) {
        try {
            if (!store) {
                store.emplace(settings_.database);
            }
            poll_once(*store);
        } catch (const std::exception& error) {
            // The store or the network layer failed outside a run's own error handling (a
            // locked or damaged database, a full disk). Say so and try again next poll.
            SyncEvent event;
            event.status_error = error.what();
            on_event_(event);
            store.reset();
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, settings_.poll_interval,
                       [this] { return stop_requested_ || sync_requested_ || test_requested_; });
        if (stop_requested_) {
            return;
        }
    }
}

void SyncWorker::poll_once(Store& store) {
    bool on_demand = false;
    bool test = false;
    {
        std::lock_guard lock(mutex_);
        on_demand = sync_requested_;
        test = test_requested_;
        sync_requested_ = false;
        test_requested_ = false;
    }
    if (test) {
        SyncEvent event;
        event.kind = SyncEvent::Kind::connection_test;
        event.connection = test_connection(store, settings_.options, clock_);
        on_event_(event);
    }
    const SyncStatus before = read_sync_status(store);
    SyncHistory history;
    history.last_success_utc = before.last_success_utc;
    history.last_attempt_utc = before.last_attempt_utc;
    history.on_demand = on_demand;
    const RunReason reason = schedule_.decide(clock_, history);
    if (reason != RunReason::none) {
        const auto on_progress = [&](const SyncProgress& progress) {
            SyncEvent event;
            event.kind = SyncEvent::Kind::progress;
            event.reason = reason;
            event.progress = progress;
            on_event_(event);
        };
        SyncReport report = run_sync(store, settings_.options, clock_, on_progress, &cancel_);
        SyncEvent event;
        event.kind = SyncEvent::Kind::finished;
        event.reason = reason;
        event.report = std::move(report);
        event.status = read_sync_status(store);
        on_event_(event);
        return;
    }
    SyncEvent event;
    event.status = before;
    on_event_(event);
}

}  // namespace motcua
