#include "server/faults.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <httplib.h>
#include <cstdlib>

namespace motcua::server {

bool FaultSettings::any() const {
    return server_error_rate > 0 || drop_before_body_rate > 0 || drop_after_commit_rate > 0 ||
           (delay_rate > 0 && delay_ms > 0);
}

std::string FaultSettings::problem() const {
    const auto share = [](double rate) { return rate >= 0 && rate <= 1; };
    if (!share(server_error_rate)) {
        return "--fault-5xx must be between 0 and 1";
    }
    if (!share(drop_before_body_rate)) {
        return "--fault-drop-before-body must be between 0 and 1";
    }
    if (!share(drop_after_commit_rate)) {
        return "--fault-drop-after-commit must be between 0 and 1";
    }
    if (!share(delay_rate)) {
        return "--fault-delay-rate must be between 0 and 1";
    }
    if (server_error_rate + drop_before_body_rate + drop_after_commit_rate > 1) {
        return "--fault-5xx, --fault-drop-before-body and --fault-drop-after-commit add up to "
               "more than 1";
    }
    if (delay_ms < 0 || retry_after_seconds < 0) {
        return "--fault-delay-ms and --fault-retry-after must not be negative";
    }
    return {};
}

FaultInjector::FaultInjector(FaultSettings settings)
    : settings_(settings), random_(settings.seed != 0 ? settings.seed : std::random_device{}()) {}

FaultDraw FaultInjector::draw() {
    FaultDraw draw;
    if (!settings_.any()) {
        return draw;
    }
    std::lock_guard lock(mutex_);
    std::uniform_real_distribution<double> share(0.0, 1.0);
    const double roll = share(random_);
    if (roll < settings_.server_error_rate) {
        static constexpr int kStatuses[] = {500, 502, 503, 504};
        draw.fault = Fault::server_error;
        draw.status = kStatuses[std::uniform_int_distribution<int>(0, 3)(random_)];
    } else if (roll < settings_.server_error_rate + settings_.drop_before_body_rate) {
        draw.fault = Fault::drop_before_body;
    } else if (roll < settings_.server_error_rate + settings_.drop_before_body_rate +
                          settings_.drop_after_commit_rate) {
        draw.fault = Fault::drop_after_commit;
    }
    if (share(random_) < settings_.delay_rate) {
        draw.delay = std::chrono::milliseconds(settings_.delay_ms);
    }
    return draw;
}

namespace {

// The descriptor of the plain-TCP connection whose peer and local port are the request's:
// httplib does not hand its socket to handlers, so look for it among our open descriptors.
int find_plain_socket(const httplib::Request& request) {
    DIR* fds = opendir("/proc/self/fd");
    if (fds == nullptr) {
        return -1;
    }
    int found = -1;
    while (const dirent* entry = readdir(fds)) {
        char* end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0') {
            continue;
        }
        struct stat info {};
        if (fstat(static_cast<int>(fd), &info) != 0 || !S_ISSOCK(info.st_mode)) {
            continue;
        }
        sockaddr_storage peer{};
        sockaddr_storage local{};
        socklen_t peer_size = sizeof peer;
        socklen_t local_size = sizeof local;
        if (getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &peer_size) !=
                0 ||
            getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&local), &local_size) !=
                0) {
            continue;
        }
        const auto port_and_address = [](const sockaddr_storage& address, int& port,
                                         std::string& text) {
            char buffer[INET6_ADDRSTRLEN] = {};
            if (address.ss_family == AF_INET) {
                const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
                port = ntohs(v4->sin_port);
                inet_ntop(AF_INET, &v4->sin_addr, buffer, sizeof buffer);
            } else if (address.ss_family == AF_INET6) {
                const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
                port = ntohs(v6->sin6_port);
                inet_ntop(AF_INET6, &v6->sin6_addr, buffer, sizeof buffer);
            }
            text = buffer;
        };
        int peer_port = -1;
        int local_port = -1;
        std::string peer_address;
        std::string local_address;
        port_and_address(peer, peer_port, peer_address);
        port_and_address(local, local_port, local_address);
        if (peer_port == request.remote_port && peer_address == request.remote_addr &&
            local_port == request.local_port) {
            found = static_cast<int>(fd);
            break;
        }
    }
    closedir(fds);
    return found;
}

}  // namespace

void drop_connection(const httplib::Request& request) {
    int fd = -1;
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    if (request.ssl != nullptr) {
        fd = SSL_get_fd(request.ssl);
    }
#endif
    if (fd < 0) {
        fd = find_plain_socket(request);
    }
    if (fd >= 0) {
        ::shutdown(fd, SHUT_RDWR);
    }
}

}  // namespace motcua::server
