#include "x_session.hpp"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace motcua::e2e {

TempDir::TempDir() {
    std::random_device random;
    path = std::filesystem::temp_directory_path() /
           ("motcua-e2e-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}

std::string sanitizer_options() {
    const char* existing = std::getenv("ASAN_OPTIONS");
    std::string options = existing && *existing ? std::string(existing) + ":" : "";
    return "ASAN_OPTIONS=" + options + "detect_leaks=0";
}

bool have_program(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

Child::Child(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
             const std::filesystem::path& log) {
    // A name given in extra_env replaces the inherited one: with duplicates, getenv() would
    // return whichever comes first.
    auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
    std::vector<std::string> env(extra_env);
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        bool overridden =
            std::any_of(extra_env.begin(), extra_env.end(),
                        [&](const std::string& x) { return name_of(x) == name_of(entry); });
        if (!overridden) {
            env.push_back(entry);
        }
    }
    pid_ = fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        std::vector<char*> args;
        for (const std::string& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        std::vector<char*> envp;
        for (const std::string& e : env) {
            envp.push_back(const_cast<char*>(e.c_str()));
        }
        envp.push_back(nullptr);
        execvpe(args[0], args.data(), envp.data());
        _exit(127);
    }
}

Child::~Child() {
    if (running()) {
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
}

bool Child::running() {
    if (status_) {
        return false;
    }
    int status = 0;
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
        status_ = status;
        return false;
    }
    return true;
}

int Child::terminate(std::chrono::milliseconds timeout) {
    if (running()) {
        kill(pid_, SIGTERM);
    }
    if (!wait_until([this] { return !running(); }, timeout)) {
        return -1;
    }
    return WIFEXITED(*status_) ? WEXITSTATUS(*status_) : 128 + WTERMSIG(*status_);
}

XServer::XServer(int width, int height, const std::filesystem::path& log) {
    int fds[2];
    if (pipe(fds) != 0) {
        throw std::runtime_error("pipe failed");
    }
    std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    // -noreset: by default an X server resets when its last client leaves, and refuses
    // connections meanwhile; a kiosk starting just after a probe or an xdotool call found no
    // server ("Failed to open display").
    process_.emplace(
        std::vector<std::string>{"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0",
                                 screen, "-nolisten", "tcp", "-noreset"},
        std::vector<std::string>{}, log);
    close(fds[1]);
    std::string number;
    char c = 0;
    while (read(fds[0], &c, 1) == 1 && c != '\n') {
        number += c;
    }
    close(fds[0]);
    if (number.empty()) {
        throw std::runtime_error("Xvfb did not start (see " + log.string() + ")");
    }
    display_ = ":" + number;
    // Return only when a client can connect.
    bool accepting = wait_until(
        [&] {
            Display* connection = XOpenDisplay(display_.c_str());
            if (connection != nullptr) {
                XCloseDisplay(connection);
            }
            return connection != nullptr;
        },
        std::chrono::seconds(10));
    if (!accepting) {
        throw std::runtime_error("Xvfb on " + display_ + " accepts no connection (see " +
                                 log.string() + ")");
    }
}

int run_with_display(const std::string& display, const std::string& command, std::string* output) {
    std::string full = "DISPLAY=" + display + " " + command;
    FILE* pipe = popen(full.c_str(), "r");
    if (!pipe) {
        return -1;
    }
    std::array<char, 256> buffer{};
    std::string text;
    while (fgets(buffer.data(), buffer.size(), pipe)) {
        text += buffer.data();
    }
    int status = pclose(pipe);
    if (output) {
        *output = text;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::optional<unsigned long> wait_for_window(const std::string& display, const std::string& title,
                                             std::chrono::milliseconds timeout) {
    std::optional<unsigned long> window;
    wait_until(
        [&] {
            std::string output;
            if (run_with_display(display, "xdotool search --onlyvisible --name '^" + title + "$'",
                                 &output) == 0 &&
                !output.empty()) {
                window = std::stoul(output);
                return true;
            }
            return false;
        },
        timeout);
    return window;
}

bool send_close_request(const std::string& display, unsigned long window) {
    Display* x = XOpenDisplay(display.c_str());
    if (!x) {
        return false;
    }
    XEvent event{};
    event.xclient.type = ClientMessage;
    event.xclient.window = window;
    event.xclient.message_type = XInternAtom(x, "WM_PROTOCOLS", False);
    event.xclient.format = 32;
    event.xclient.data.l[0] = static_cast<long>(XInternAtom(x, "WM_DELETE_WINDOW", False));
    event.xclient.data.l[1] = CurrentTime;
    Status sent = XSendEvent(x, window, False, NoEventMask, &event);
    XFlush(x);
    XCloseDisplay(x);
    return sent != 0;
}

std::optional<unsigned long> screen_pixel(const std::string& display, int x, int y) {
    Display* connection = XOpenDisplay(display.c_str());
    if (!connection) {
        return std::nullopt;
    }
    std::optional<unsigned long> pixel;
    Window root = DefaultRootWindow(connection);
    if (XImage* image = XGetImage(connection, root, x, y, 1, 1, AllPlanes, ZPixmap)) {
        pixel = XGetPixel(image, 0, 0) & 0xFFFFFFUL;
        XDestroyImage(image);
    }
    XCloseDisplay(connection);
    return pixel;
}

std::optional<std::vector<unsigned long>> screen_image(const std::string& display, int width,
                                                       int height) {
    Display* connection = XOpenDisplay(display.c_str());
    if (!connection) {
        return std::nullopt;
    }
    std::optional<std::vector<unsigned long>> pixels;
    Window root = DefaultRootWindow(connection);
    if (XImage* image = XGetImage(connection, root, 0, 0, static_cast<unsigned>(width),
                                  static_cast<unsigned>(height), AllPlanes, ZPixmap)) {
        pixels.emplace();
        pixels->reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                pixels->push_back(XGetPixel(image, x, y) & 0xFFFFFFUL);
            }
        }
        XDestroyImage(image);
    }
    XCloseDisplay(connection);
    return pixels;
}

bool cover_screen_part(const std::string& display, int x, int y, int width, int height,
                       std::chrono::milliseconds shown) {
    Display* connection = XOpenDisplay(display.c_str());
    if (!connection) {
        return false;
    }
    int screen = DefaultScreen(connection);
    XSetWindowAttributes attributes{};
    attributes.override_redirect = True;  // no window manager's say: straight on top
    attributes.background_pixel = BlackPixel(connection, screen);
    Window cover = XCreateWindow(connection, RootWindow(connection, screen), x, y,
                                 static_cast<unsigned>(width), static_cast<unsigned>(height), 0,
                                 CopyFromParent, InputOutput, CopyFromParent,
                                 CWOverrideRedirect | CWBackPixel, &attributes);
    XMapRaised(connection, cover);
    XSync(connection, False);
    std::this_thread::sleep_for(shown);
    XDestroyWindow(connection, cover);
    XSync(connection, False);
    XCloseDisplay(connection);
    return true;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace motcua::e2e
