#pragma once
// What an end-to-end kiosk test needs around the real binary: a private Xvfb server, child
// processes with their output in a file, xdotool, and the window manager's close request.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace motcua::e2e {

// A new folder under the system's temporary folder, removed with its content when destroyed.
struct TempDir {
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path path;
};

// The ASAN_OPTIONS entry for a kiosk child: in a sanitizer build, Mesa's software driver
// (loaded and unloaded by libGL) leaks a few hundred bytes at exit from frames that can no
// longer be symbolised. Leak checking of the kiosk's own code is done by kiosk_tests; here
// address and undefined-behaviour checks stay on.
std::string sanitizer_options();

// True when `program` is on PATH.
bool have_program(const std::string& program);

// A child process; stderr and stdout go to `log`. Killed (SIGKILL) if still running when
// destroyed.
class Child {
  public:
    Child(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
          const std::filesystem::path& log);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    // SIGTERM, then waits up to `timeout`; the exit status (or -1 on timeout).
    int terminate(std::chrono::milliseconds timeout);

  private:
    pid_t pid_ = -1;
    std::optional<int> status_;
};

// Xvfb on a free display (-displayfd), stopped when destroyed.
class XServer {
  public:
    XServer(int width, int height, const std::filesystem::path& log);
    const std::string& display() const { return display_; }

  private:
    std::string display_;
    std::optional<Child> process_;
};

// Runs a command with DISPLAY set; returns its exit code and stdout.
int run_with_display(const std::string& display, const std::string& command,
                     std::string* output = nullptr);

// The id of the visible window titled exactly `title`, waiting up to `timeout`.
std::optional<unsigned long> wait_for_window(const std::string& display, const std::string& title,
                                             std::chrono::milliseconds timeout);

// Sends WM_DELETE_WINDOW, exactly what a window manager sends for Alt+F4 or its close button.
bool send_close_request(const std::string& display, unsigned long window);

// The colour (0xRRGGBB) of the screen's pixel at x, y, read from the X server.
std::optional<unsigned long> screen_pixel(const std::string& display, int x, int y);

// The colours (0xRRGGBB, row by row) of the screen's top-left `width` x `height` pixels.
std::optional<std::vector<unsigned long>> screen_image(const std::string& display, int width,
                                                       int height);

// Maps a black window over the given part of the screen, for `shown`, then destroys it, as a
// notification or another program's window would; the windows below get Expose events.
bool cover_screen_part(const std::string& display, int x, int y, int width, int height,
                       std::chrono::milliseconds shown);

// Polls `ready` every 100 ms until it returns true or `timeout` passes.
template <typename Predicate>
bool wait_until(Predicate ready, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (ready()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return ready();
}

// Runs `look` (a few seconds of looking at the kiosk) again until one run falls inside one
// minute of the wall clock, at most five times, and returns its result. Welcome shows the time
// of day: two looks either side of a turn of the minute differ in the clock's digits, not in
// how the screen was drawn. A run counts from 3 s before it starts, because a busy kiosk draws
// the new minute a little late.
template <typename Look>
auto within_one_minute(Look look) -> decltype(look()) {
    using std::chrono::floor;
    using std::chrono::minutes;
    using std::chrono::system_clock;
    for (int run = 1;; ++run) {
        const auto minute = floor<minutes>(system_clock::now() - std::chrono::seconds(3));
        auto result = look();
        if (run == 5 || floor<minutes>(system_clock::now()) == minute) {
            return result;
        }
    }
}

std::string read_file(const std::filesystem::path& path);

}  // namespace motcua::e2e
