#pragma once
// The uploader inside motcua-kiosk: a SyncWorker on its own thread (with its own Store), whose
// events are posted to the UI thread's run queue and turned there into the flow's SyncView.
// A frame never waits on the network: the staff buttons only set the worker's flags.

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "kiosk/app/run_queue.hpp"
#include "kiosk/app/store_ports.hpp"
#include "kiosk/flow/kiosk_flow.hpp"
#include "kiosk/flow/sync_view.hpp"
#include "sync/sync_worker.hpp"

namespace motcua::kiosk::app {

// What the admin screen shows beside the flow's own KioskSettings.
SettingsFacts settings_facts(const Config& config);

// Applies one worker event to `view` (UI thread). Pure, for tests.
void apply_sync_event(const SyncEvent& event, SyncView& view);

// For --demo-screen: the settings and the upload status of `store` (when given) as the sync and
// admin screens would show them, with no worker and nothing sent.
void show_demo_sync_status(const Config& config, KioskFlow& flow, Store* store);

class KioskSync final : public SyncControl {
  public:
    // Starts the worker when the configuration names a server (else the sync screen says sync
    // is off, with the reason logged). `flow`, `queue` and `connection` must outlive this; the
    // worker is stopped and joined by the destructor, and the queue must not be run after it
    // (its last posted tasks refer to this object).
    KioskSync(const Config& config, const Clock& clock, KioskFlow& flow, RunQueue& queue,
              StoreConnection& connection, LogFn log);
    ~KioskSync() override;
    KioskSync(const KioskSync&) = delete;
    KioskSync& operator=(const KioskSync&) = delete;

    bool running() const { return worker_ != nullptr; }
    void request_sync_now() override;
    void request_connection_test() override;

  private:
    // On the UI thread: fold the event into the flow's view, with the quarantined list read from
    // the UI thread's own store.
    void on_event_in_ui(const SyncEvent& event);

    KioskFlow& flow_;
    RunQueue& queue_;
    StoreConnection& connection_;
    LogFn log_;
    std::unique_ptr<SyncWorker> worker_;
};

}  // namespace motcua::kiosk::app
