#include "kiosk/app/screenshot.hpp"

#include <GLFW/glfw3.h>
#include <stb_image_write.h>  // libstb ships the implementation in libstb.so

#include <cstring>
#include <stdexcept>
#include <vector>

namespace motcua::kiosk::app {

void write_screenshot(const std::filesystem::path& path, int width, int height) {
    const int stride = width * 3;
    std::vector<unsigned char> pixels(static_cast<std::size_t>(stride) * height);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up; PNG's top-down.
    std::vector<unsigned char> row(static_cast<std::size_t>(stride));
    for (int y = 0; y < height / 2; ++y) {
        unsigned char* top = pixels.data() + static_cast<std::size_t>(y) * stride;
        unsigned char* bottom = pixels.data() + static_cast<std::size_t>(height - 1 - y) * stride;
        std::memcpy(row.data(), top, stride);
        std::memcpy(top, bottom, stride);
        std::memcpy(bottom, row.data(), stride);
    }
    if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), stride)) {
        throw std::runtime_error("cannot write screenshot " + path.string());
    }
}

}  // namespace motcua::kiosk::app
