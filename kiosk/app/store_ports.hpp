#pragma once
// The flow's ports implemented with the kiosk's Store. A store that cannot be opened (disk not
// mounted yet, read-only medium) is opened again on the next use, so a kiosk that started
// before its disk recovers by itself; until then saves fail and the flow keeps the answers.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "kiosk/flow/ports.hpp"
#include "storage/store.hpp"

namespace motcua::kiosk::app {

using LogFn = std::function<void(std::string_view)>;

// The flow's role for a store official's role.
StaffRole staff_role(Role role);

// Opens the store lazily and again after it failed to open; at most once per `retry_ms`.
class StoreConnection {
  public:
    StoreConnection(std::filesystem::path path, const Clock& clock, LogFn log);
    // The open store, or nullptr when it cannot be opened now (logged).
    Store* get();
    // Moves saved pages from the WAL into the database file when enough have gathered, so a
    // citizen's save never waits for it (the store is opened with deferred checkpoints).
    // Failures are logged; the pages stay safe in the WAL.
    void checkpoint_if_due();

  private:
    std::filesystem::path path_;
    const Clock& clock_;
    LogFn log_;
    std::unique_ptr<Store> store_;
    UtcMillis next_attempt_ = 0;
};

class StoreRatingSink final : public RatingSink {
  public:
    StoreRatingSink(StoreConnection& connection, LogFn log)
        : connection_(connection), log_(std::move(log)) {}
    LookupStatus lookup(const std::string& dossier_code, Stage stage) override;
    SaveResult save(const Rating& rating) override;

  private:
    StoreConnection& connection_;
    LogFn log_;
};

class StoreStaffGate final : public StaffGate {
  public:
    StoreStaffGate(StoreConnection& connection, const Clock& clock, LogFn log)
        : connection_(connection), clock_(clock), log_(std::move(log)) {}
    void audit(const std::string& actor, std::string_view action,
               const std::string& detail) override;
    std::vector<StaffMember> active_staff() override;
    std::optional<StaffMember> check_pin(const std::string& id, const std::string& pin) override;
    std::optional<std::string> load_state(const std::string& key) override;
    bool save_state(const std::string& key, const std::string& value) override;

  private:
    StoreConnection& connection_;
    const Clock& clock_;
    LogFn log_;
};

}  // namespace motcua::kiosk::app
