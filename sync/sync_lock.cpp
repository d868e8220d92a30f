#include "sync/sync_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace motcua {

std::filesystem::path SyncLock::lock_path(const std::filesystem::path& database) {
    return database.string() + ".sync.lock";
}

std::optional<SyncLock> SyncLock::try_acquire(const std::filesystem::path& database) {
    const std::filesystem::path path = lock_path(database);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw std::runtime_error("cannot open the sync lock file " + path.string() + ": " +
                                 std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK) {
            return std::nullopt;
        }
        throw std::runtime_error("cannot lock " + path.string() + ": " + std::strerror(error));
    }
    return SyncLock(fd);
}

SyncLock::SyncLock(SyncLock&& other) noexcept : fd_(other.fd_) {
    other.fd_ = -1;
}

SyncLock::~SyncLock() {
    if (fd_ >= 0) {
        ::close(fd_);  // closing the descriptor releases the flock
    }
}

}  // namespace motcua
