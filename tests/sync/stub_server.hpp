#pragma once
// A tiny HTTP server inside the test process, for the answers a real motcua-server never gives
// (a captive portal's login page, a server with a smaller batch limit).

#include <httplib.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace motcua::test {

class StubServer {
  public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

    // Answers every POST with `handler`, on 127.0.0.1 at a free port.
    explicit StubServer(Handler handler) {
        server_.Post(".*", std::move(handler));
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    ~StubServer() {
        // stop() only works once the listening loop has started.
        while (!server_.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        server_.stop();
        thread_.join();
    }
    StubServer(const StubServer&) = delete;
    StubServer& operator=(const StubServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace motcua::test
