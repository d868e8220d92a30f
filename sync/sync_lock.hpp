#pragma once
// One sync worker at a time across processes: the kiosk's background thread and `motcua sync`
// take an exclusive flock on "<database>.sync.lock" for the whole run. The kernel drops the
// lock when the holder exits or crashes, so a stale lock cannot block future runs.

#include <filesystem>
#include <optional>

namespace motcua {

class SyncLock {
  public:
    // The lock for `database`, or nullopt when another run holds it. Throws std::runtime_error
    // when the lock file cannot be opened (read-only folder, permissions).
    static std::optional<SyncLock> try_acquire(const std::filesystem::path& database);
    static std::filesystem::path lock_path(const std::filesystem::path& database);

    ~SyncLock();
    SyncLock(SyncLock&& other) noexcept;
    SyncLock& operator=(SyncLock&&) = delete;
    SyncLock(const SyncLock&) = delete;
    SyncLock& operator=(const SyncLock&) = delete;

  private:
    explicit SyncLock(int fd) : fd_(fd) {}
    int fd_;
};

}  // namespace motcua
