#pragma once
// Writes the OpenGL back buffer to a PNG (read before the swap).

#include <filesystem>

namespace motcua::kiosk::app {

// Reads `width` x `height` pixels of the current back buffer and writes them to `path` as an
// RGB PNG. Throws std::runtime_error naming the file when it cannot be written.
void write_screenshot(const std::filesystem::path& path, int width, int height);

}  // namespace motcua::kiosk::app
