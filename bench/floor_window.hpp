#pragma once
// What both floor benches (gl_floor, x11_floor) start with: their options, and GLFW with a
// fullscreen window on the primary monitor, whose size is the screen they measure.

#include <GLFW/glfw3.h>

#include <variant>

#include "bench/figures.hpp"

namespace motcua::bench {

struct FloorWindow {
    FrameRuns options;
    GLFWwindow* window = nullptr;
    int width = 0;
    int height = 0;
};

// Parses the options, initialises GLFW, calls `set_hints` (the caller's glfwWindowHint calls)
// and opens the window titled `program`. On failure prints why on stderr, prefixed with
// `program`, and returns the process's exit code instead: 2 for bad options, 1 for no display,
// monitor or window. The caller destroys the window and terminates GLFW.
std::variant<FloorWindow, int> open_floor_window(const char* program, int argc, char** argv,
                                                 void (*set_hints)());

}  // namespace motcua::bench
