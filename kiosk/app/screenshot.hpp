#pragma once
// Writes a frame to a PNG.

#include <filesystem>
#include <vector>

namespace motcua::kiosk::app {

// Writes `rgb` (`width` x `height` pixels, three bytes each, rows top-down) to `path` as an RGB
// PNG. Throws std::runtime_error naming the file when it cannot be written.
void write_screenshot(const std::filesystem::path& path, const std::vector<unsigned char>& rgb,
                      int width, int height);

}  // namespace motcua::kiosk::app
