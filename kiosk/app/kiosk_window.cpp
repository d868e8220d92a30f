#include "kiosk/app/kiosk_window.hpp"

#include <GLFW/glfw3.h>

#include <stdexcept>

namespace motcua::kiosk::app {

namespace {

void log_glfw_error(int code, const char* description) {
    // No window exists yet for the first errors; stderr is the log.
    std::fprintf(stderr, "motcua-kiosk: GLFW error %d: %s\n", code, description);
}

}  // namespace

KioskWindow::KioskWindow(const std::optional<WindowSize>& windowed, Renderer renderer,
                         bool allow_close, LogFn log)
    : renderer_(renderer), allow_close_(allow_close), log_(std::move(log)) {
    glfwSetErrorCallback(log_glfw_error);
    if (!glfwInit()) {
        throw std::runtime_error("cannot initialise GLFW (no display? set DISPLAY)");
    }
    const bool opengl = renderer == Renderer::opengl;
    if (opengl) {
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    } else {
        // No context: Mesa (and LLVM with it) is never loaded.
        glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    }
    glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_TRUE);
    // ImGui draws with blending and the scissor alone: a depth or stencil buffer (GLFW asks
    // for 24 + 8 bits by default) would only take memory, a screen's worth in llvmpipe.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);

    GLFWmonitor* monitor = nullptr;
    int width = 0;
    int height = 0;
    if (windowed) {
        width = windowed->width;
        height = windowed->height;
        glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
    } else {
        monitor = glfwGetPrimaryMonitor();
        if (!monitor) {
            glfwTerminate();
            throw std::runtime_error("no monitor found for fullscreen (use --windowed WxH)");
        }
        // The monitor's current mode: no mode switch, no flicker, whatever the panel runs.
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        glfwWindowHint(GLFW_RED_BITS, mode->redBits);
        glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
        glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
        glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
        width = mode->width;
        height = mode->height;
        fullscreen_ = true;
    }
    window_ = glfwCreateWindow(width, height, "motcua-kiosk", monitor, nullptr);
    if (!window_) {
        glfwTerminate();
        throw std::runtime_error(opengl ? "cannot open a window with OpenGL 3"
                                        : "cannot open a window");
    }
    if (opengl) {
        glfwMakeContextCurrent(window_);
        glfwSwapInterval(1);
    }
    glfwSetWindowUserPointer(window_, this);
    if (fullscreen_) {
        glfwSetInputMode(window_, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
    }
    // Installed before ImGui_ImplGlfw_InitFor...(window, true), which chains to them.
    glfwSetCharCallback(window_, on_char);
    glfwSetKeyCallback(window_, on_key);
    glfwSetMouseButtonCallback(window_, on_mouse_button);
    glfwSetCursorPosCallback(window_, on_cursor_pos);
    glfwSetScrollCallback(window_, on_scroll);
    glfwSetWindowCloseCallback(window_, on_close);
    glfwSetFramebufferSizeCallback(window_, on_resize);
    glfwSetWindowSizeCallback(window_, on_resize);
    glfwSetWindowRefreshCallback(window_, on_refresh);
}

KioskWindow::~KioskWindow() {
    glfwDestroyWindow(window_);
    glfwTerminate();
}

KioskWindow& KioskWindow::of(GLFWwindow* window) {
    return *static_cast<KioskWindow*>(glfwGetWindowUserPointer(window));
}

std::vector<InputEvent> KioskWindow::take_input() {
    std::vector<InputEvent> events;
    events.swap(input_);
    return events;
}

bool KioskWindow::take_pointer_activity() {
    bool activity = pointer_activity_;
    pointer_activity_ = false;
    return activity;
}

bool KioskWindow::take_resized() {
    bool resized = resized_;
    resized_ = false;
    return resized;
}

bool KioskWindow::take_exposed() {
    bool exposed = exposed_;
    exposed_ = false;
    return exposed;
}

void KioskWindow::on_char(GLFWwindow* window, unsigned int code_point) {
    InputEvent event;
    event.kind = InputEvent::Kind::character;
    event.character = static_cast<char32_t>(code_point);
    of(window).input_.push_back(event);
}

void KioskWindow::on_key(GLFWwindow* window, int key, int, int action, int) {
    if (action == GLFW_RELEASE) {
        return;
    }
    // Held keys repeat only for erasing; a repeated Enter must not answer twice.
    bool repeat = action == GLFW_REPEAT;
    InputEvent event;
    event.kind = InputEvent::Kind::key;
    switch (key) {
        case GLFW_KEY_ENTER:
        case GLFW_KEY_KP_ENTER:
            if (repeat) {
                return;
            }
            event.key = FlowKey::enter;
            break;
        case GLFW_KEY_BACKSPACE:
            event.key = FlowKey::backspace;
            break;
        case GLFW_KEY_ESCAPE:
            if (repeat) {
                return;
            }
            event.key = FlowKey::escape;
            break;
        case GLFW_KEY_F12:
            if (repeat) {
                return;
            }
            event.key = FlowKey::staff;
            break;
        default:
            return;
    }
    of(window).input_.push_back(event);
}

void KioskWindow::on_mouse_button(GLFWwindow* window, int, int, int) {
    KioskWindow& self = of(window);
    self.pointer_activity_ = true;
    self.pointer_hidden_ = false;
}

void KioskWindow::on_cursor_pos(GLFWwindow* window, double, double) {
    KioskWindow& self = of(window);
    self.pointer_activity_ = true;
    self.pointer_hidden_ = false;
}

void KioskWindow::on_scroll(GLFWwindow* window, double, double) {
    of(window).pointer_activity_ = true;
}

bool KioskWindow::close_requested() const {
    return glfwWindowShouldClose(window_);
}

void KioskWindow::on_close(GLFWwindow* window) {
    KioskWindow& self = of(window);
    if (self.allow_close_) {
        self.log_("close request accepted (--allow-close)");
        return;
    }
    // Alt+F4 and the window manager's close: refused. Leaving needs the admin PIN.
    glfwSetWindowShouldClose(window, GLFW_FALSE);
    self.log_("close request refused (leaving needs the admin PIN)");
}

void KioskWindow::on_resize(GLFWwindow* window, int, int) {
    of(window).resized_ = true;
}

void KioskWindow::on_refresh(GLFWwindow* window) {
    of(window).exposed_ = true;
}

}  // namespace motcua::kiosk::app
