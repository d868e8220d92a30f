#pragma once
// One log line per start-up step with its wall and CPU time and the resident memory after it,
// so an operator sees at once which step makes a kiosk slow to start or large ("start-up:
// window and OpenGL context: 41 ms, CPU 35 ms, RSS 80 MB"). CPU time is the whole process's
// (Mesa compiles shaders on threads of its own).

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "core/cpu_time.hpp"

namespace motcua::kiosk::app {

class StartupSteps {
  public:
    using LogFn = std::function<void(std::string_view)>;

    explicit StartupSteps(LogFn log) : log_(std::move(log)) {}

    // Logs the time since the previous step (or since this object was made) under `step`.
    void done(std::string_view step) {
        double wall_ms = now_wall_ms();
        double cpu_ms = process_cpu_ms();
        char figures[96];
        std::snprintf(figures, sizeof figures, ": %.0f ms, CPU %.0f ms, RSS %.0f MB",
                      wall_ms - wall_ms_, cpu_ms - cpu_ms_, resident_mb());
        log_("start-up: " + std::string(step) + figures);
        wall_ms_ = wall_ms;
        cpu_ms_ = cpu_ms;
    }

  private:
    // The second field of /proc/self/statm: resident pages.
    static double resident_mb() {
        long size = 0;
        long pages = 0;
        if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
            if (std::fscanf(statm, "%ld %ld", &size, &pages) != 2) {
                pages = 0;
            }
            std::fclose(statm);
        }
        return static_cast<double>(pages) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
    }

    static double now_wall_ms() {
        return std::chrono::duration<double, std::milli>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    LogFn log_;
    double wall_ms_ = now_wall_ms();
    double cpu_ms_ = 0;  // the first step's CPU includes loading the libraries before main()
};

}  // namespace motcua::kiosk::app
