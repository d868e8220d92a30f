#include "bench/floor_window.hpp"

#include <cstdio>
#include <stdexcept>

namespace motcua::bench {

std::variant<FloorWindow, int> open_floor_window(const char* program, int argc, char** argv,
                                                 void (*set_hints)()) {
    FloorWindow opened;
    try {
        opened.options = frame_runs(argc, argv);
    } catch (const std::runtime_error& error) {
        std::fprintf(stderr, "%s: %s\n", program, error.what());
        return 2;
    }
    if (!glfwInit()) {
        std::fprintf(stderr, "%s: cannot initialise GLFW (no display? set DISPLAY)\n", program);
        return 1;
    }
    set_hints();
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) {
        std::fprintf(stderr, "%s: no monitor\n", program);
        glfwTerminate();
        return 1;
    }
    opened.width = mode->width;
    opened.height = mode->height;
    opened.window = glfwCreateWindow(opened.width, opened.height, program, monitor, nullptr);
    if (!opened.window) {
        std::fprintf(stderr, "%s: cannot open a fullscreen window\n", program);
        glfwTerminate();
        return 1;
    }
    return opened;
}

}  // namespace motcua::bench
