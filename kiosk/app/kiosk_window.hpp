#pragma once
// The GLFW window, locked down for a kiosk: fullscreen on the primary monitor's current mode
// (or a plain window for desktops and tests), no auto-iconify, the close request refused, the
// cursor hidden when fullscreen. Its own input callbacks are installed before ImGui's, so
// every character and Enter a scanner types is queued here and none is lost between frames.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/options.hpp"
#include "kiosk/flow/kiosk_flow.hpp"

struct GLFWwindow;

namespace motcua::kiosk::app {

struct InputEvent {
    enum class Kind { character, key } kind = Kind::character;
    char32_t character = 0;
    FlowKey key = FlowKey::enter;
};

class KioskWindow {
  public:
    using LogFn = std::function<void(std::string_view)>;

    // Initialises GLFW and opens the window: with a current OpenGL 3 context for
    // Renderer::opengl, with no client API for the software renderer. A close request is
    // refused unless `allow_close`. Throws std::runtime_error when there is no display (or no
    // OpenGL 3 when it is asked for).
    KioskWindow(const std::optional<WindowSize>& windowed, Renderer renderer, bool allow_close,
                LogFn log);

    // The window manager asked to close and closing is allowed.
    bool close_requested() const;
    ~KioskWindow();
    KioskWindow(const KioskWindow&) = delete;
    KioskWindow& operator=(const KioskWindow&) = delete;

    GLFWwindow* handle() const { return window_; }
    bool fullscreen() const { return fullscreen_; }
    Renderer renderer() const { return renderer_; }

    // Characters and keys since the last call, in the order they came.
    std::vector<InputEvent> take_input();
    // True when the pointer moved, pressed or scrolled since the last call (a frame is due).
    bool take_pointer_activity();
    // True once after the window or framebuffer changed size.
    bool take_resized();
    // True once after the window system asked for the window's contents again (exposed).
    bool take_exposed();

    // Touch leaves the pointer where the finger lifted, so the button there would stay
    // "hovered". After a release the pointer is hidden from ImGui until it moves again.
    bool pointer_hidden() const { return pointer_hidden_; }
    void note_release_drawn() { pointer_hidden_ = true; }

  private:
    static void on_char(GLFWwindow* window, unsigned int code_point);
    static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void on_mouse_button(GLFWwindow* window, int button, int action, int mods);
    static void on_cursor_pos(GLFWwindow* window, double x, double y);
    static void on_scroll(GLFWwindow* window, double dx, double dy);
    static void on_close(GLFWwindow* window);
    static void on_refresh(GLFWwindow* window);
    static void on_resize(GLFWwindow* window, int width, int height);
    static KioskWindow& of(GLFWwindow* window);

    GLFWwindow* window_ = nullptr;
    bool fullscreen_ = false;
    Renderer renderer_ = Renderer::software;
    bool allow_close_ = false;
    LogFn log_;
    std::vector<InputEvent> input_;
    bool pointer_activity_ = false;
    bool pointer_hidden_ = false;
    bool resized_ = false;
    bool exposed_ = false;
};

}  // namespace motcua::kiosk::app
