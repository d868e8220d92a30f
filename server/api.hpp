#pragma once
// The HTTP endpoints of protocol version 1 (docs/sync-protocol.md) on a cpp-httplib server:
// POST /api/v1/batches and POST /api/v1/heartbeat, JSON errors for everything else.

#include <httplib.h>

#include "core/clock.hpp"
#include "server/faults.hpp"
#include "server/server_store.hpp"

namespace motcua::server {

class Api {
  public:
    // All three must outlive the server the API is installed on.
    Api(ServerStore& store, FaultInjector& faults, const Clock& clock);

    // Routes, size limit, error and exception handlers, and a one-line request log on stderr
    // (never the token).
    void install(httplib::Server& server);

  private:
    template <typename Process>
    void handle(const httplib::Request& request, httplib::Response& response,
                const httplib::ContentReader& reader, Process process);
    std::optional<KioskRecord> authenticate(const httplib::Request& request);

    ServerStore& store_;
    FaultInjector& faults_;
    const Clock& clock_;
};

}  // namespace motcua::server
