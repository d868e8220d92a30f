#include "kiosk/app/kiosk_sync.hpp"

#include <exception>

#include "core/form.hpp"

namespace motcua::kiosk::app {

namespace {

constexpr std::int64_t kQuarantinedShown = 50;

void take_status(const SyncStatus& status, SyncView& view) {
    view.pending = status.pending;
    view.quarantined = status.quarantined;
    view.last_success_utc = status.last_success_utc;
    view.last_attempt_utc = status.last_attempt_utc;
    view.last_error = status.last_error;
}

}  // namespace

SettingsFacts settings_facts(const Config& config) {
    SettingsFacts facts;
    facts.config_file = config.source.string();
    facts.database = config.database.string();
    facts.server_url = config.sync.server_url;
    facts.sync_window = config.sync.window_start + "–" + config.sync.window_end;
    try {
        Form form = load_form_file(config.form_profile);
        facts.form = form.id + " v" + std::to_string(form.version);
    } catch (const std::exception&) {
        facts.form = config.form_profile.filename().string();
    }
    facts.scoring_profile = config.scoring_profile.filename().string();
    facts.dossier_pattern = config.dossier_code.pattern;
    return facts;
}

void apply_sync_event(const SyncEvent& event, SyncView& view) {
    switch (event.kind) {
        case SyncEvent::Kind::status:
            if (!event.status_error.empty()) {
                view.last_error = event.status_error;
                return;
            }
            take_status(event.status, view);
            return;
        case SyncEvent::Kind::progress:
            view.running = true;
            view.run_sent = event.progress.counts.sent;
            view.run_total = event.progress.pending_at_start;
            view.run_waiting = event.progress.waiting;
            return;
        case SyncEvent::Kind::finished:
            view.running = false;
            view.run_waiting.clear();
            take_status(event.status, view);
            if (event.report && !event.report->error.empty()) {
                view.last_error = event.report->error;
            }
            return;
        case SyncEvent::Kind::connection_test:
            view.testing_connection = false;
            if (event.connection) {
                view.connection_ok = event.connection->ok;
                view.connection_message = event.connection->message;
            }
            return;
    }
}

void show_demo_sync_status(const Config& config, KioskFlow& flow, Store* store) {
    flow.set_settings_facts(settings_facts(config));
    SyncView view;
    view.enabled = !config.sync.server_url.empty();
    if (store) {
        take_status(read_sync_status(*store), view);
        for (const QuarantinedItem& item : store->list_quarantined(kQuarantinedShown)) {
            view.quarantined_items.push_back({item.item.ref_id, item.reason, item.quarantined_utc});
        }
    }
    flow.set_sync_view(std::move(view));
}

KioskSync::KioskSync(const Config& config, const Clock& clock, KioskFlow& flow, RunQueue& queue,
                     StoreConnection& connection, LogFn log)
    : flow_(flow), queue_(queue), connection_(connection), log_(std::move(log)) {
    flow_.set_settings_facts(settings_facts(config));
    flow_.set_sync_control(this);
    if (config.sync.server_url.empty()) {
        log_("sync is off: no sync.server_url in the configuration");
        return;
    }
    try {
        SyncWorkerSettings settings = sync_worker_settings(config);
        worker_ = std::make_unique<SyncWorker>(
            std::move(settings), clock, [this](const SyncEvent& event) {
                // Worker thread: hand the event over and return at once.
                queue_.post([this, event] { on_event_in_ui(event); });
            });
    } catch (const std::exception& error) {
        log_(std::string("STAFF ALERT: sync is off: ") + error.what());
        SyncView view = flow_.sync_view();
        view.last_error = error.what();
        flow_.set_sync_view(view);
        return;
    }
    SyncView view = flow_.sync_view();
    view.enabled = true;
    flow_.set_sync_view(view);
    worker_->start();
    log_("sync worker started: " + config.sync.server_url);
}

KioskSync::~KioskSync() {
    if (worker_) {
        worker_->stop();
    }
    flow_.set_sync_control(nullptr);
}

void KioskSync::request_sync_now() {
    if (worker_) {
        worker_->request_sync_now();
    }
}

void KioskSync::request_connection_test() {
    if (worker_) {
        worker_->request_connection_test();
    }
}

void KioskSync::on_event_in_ui(const SyncEvent& event) {
    SyncView view = flow_.sync_view();
    apply_sync_event(event, view);
    if (event.kind == SyncEvent::Kind::finished && event.report) {
        log_("sync run finished: " + std::to_string(event.report->counts.sent) + " sent, " +
             std::to_string(view.pending) + " pending" +
             (event.report->error.empty() ? "" : ", error: " + event.report->error));
    }
    if (event.kind == SyncEvent::Kind::status || event.kind == SyncEvent::Kind::finished) {
        view.quarantined_items.clear();
        if (Store* store = connection_.get(); store && view.quarantined > 0) {
            try {
                for (const QuarantinedItem& item : store->list_quarantined(kQuarantinedShown)) {
                    view.quarantined_items.push_back(
                        {item.item.ref_id, item.reason, item.quarantined_utc});
                }
            } catch (const std::exception& error) {
                log_(std::string("quarantined ratings not read: ") + error.what());
            }
        }
    }
    flow_.set_sync_view(std::move(view));
}

}  // namespace motcua::kiosk::app
