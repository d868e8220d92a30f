#include "kiosk/app/screenshot.hpp"

#include <stb_image_write.h>  // libstb ships the implementation in libstb.so

#include <stdexcept>

namespace motcua::kiosk::app {

void write_screenshot(const std::filesystem::path& path, const std::vector<unsigned char>& rgb,
                      int width, int height) {
    if (!stbi_write_png(path.c_str(), width, height, 3, rgb.data(), width * 3)) {
        throw std::runtime_error("cannot write screenshot " + path.string());
    }
}

}  // namespace motcua::kiosk::app
