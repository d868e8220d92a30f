#pragma once
// The command line of motcua-kiosk.

#include <filesystem>
#include <optional>
#include <string>

#include "core/text.hpp"

namespace motcua::kiosk::app {

struct WindowSize {
    int width = 0;
    int height = 0;
};

// Who draws the frames (kiosk/app/presenter.hpp).
enum class Renderer { software, opengl };

struct Options {
    std::filesystem::path config;        // empty: built-in defaults
    std::filesystem::path database;      // empty: the config's
    std::optional<WindowSize> windowed;  // nullopt: fullscreen on the primary monitor
    std::optional<Language> language;    // overrides the config's
    std::filesystem::path screenshot;    // write a PNG after `screenshot_after_frames`, exit
    int screenshot_after_frames = 4;
    std::string demo_screen;  // start on this screen with sample answers, no store
    Renderer renderer = Renderer::software;
    bool frame_stats = false;  // print CPU per frame on exit
    bool allow_close = false;  // desktop demos: the window manager may close the window
};

// Parses argv; on --help or an error prints to stdout/stderr and returns nullopt with
// `exit_code` set.
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

}  // namespace motcua::kiosk::app
