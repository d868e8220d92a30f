#pragma once
// What the staff screens show about uploads and settings, as plain values. The app fills them
// from the background sync worker (through the UI thread's run queue) and its configuration;
// the flow only keeps them, so screens and tests need no thread, no network and no store.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace motcua::kiosk {

struct QuarantinedView {
    std::string rating_id;
    std::string reason;  // the server's words
    UtcMillis quarantined_utc = 0;
};

struct SyncView {
    bool enabled = false;  // a server is configured
    bool running = false;  // a run is under way
    std::int64_t pending = 0;
    std::int64_t quarantined = 0;
    std::optional<UtcMillis> last_success_utc;
    std::optional<UtcMillis> last_attempt_utc;
    std::string last_error;  // English; empty after a success
    std::vector<QuarantinedView> quarantined_items;
    // During a run: items answered so far out of those pending when it began, and what it is
    // waiting for when a retry is due.
    std::int64_t run_sent = 0;
    std::int64_t run_total = 0;
    std::string run_waiting;
    // The latest "test connection".
    bool testing_connection = false;
    std::optional<bool> connection_ok;
    std::string connection_message;
};

// Settings in force that the flow's KioskSettings do not carry, for the admin screen.
struct SettingsFacts {
    std::string config_file;  // "" when the built-in defaults are used
    std::string database;
    std::string server_url;   // "" when sync is off
    std::string sync_window;  // "01:00–04:00"
    std::string form;         // "id v3"
    std::string scoring_profile;
    std::string dossier_pattern;
};

// The uploader as the staff screens may drive it; the app implements it with its SyncWorker.
// Both calls return at once: the answers arrive later as a new SyncView.
class SyncControl {
  public:
    virtual ~SyncControl() = default;
    virtual void request_sync_now() = 0;
    virtual void request_connection_test() = 0;
};

}  // namespace motcua::kiosk
