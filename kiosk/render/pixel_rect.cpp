#include "kiosk/render/pixel_rect.hpp"

#include <algorithm>

namespace motcua::kiosk::render {

PixelRect intersect(const PixelRect& a, const PixelRect& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

PixelRect scissor_box(const ImVec4& clip, int height) {
    if (!(clip.z > clip.x && clip.w > clip.y)) {
        return {};  // the backend skips such a command (and a clip that is not a number)
    }
    // Far beyond any screen, so the sums below cannot overflow an int.
    constexpr float kFar = 1 << 24;
    auto near = [&](float value) { return std::clamp(value, -kFar, kFar); };
    // The backend's glScissor(x, y, w, h), in OpenGL's rows counted from the bottom.
    int x = static_cast<int>(near(clip.x));
    int y = static_cast<int>(near(static_cast<float>(height) - clip.w));
    int w = static_cast<int>(near(clip.z - clip.x));
    int h = static_cast<int>(near(clip.w - clip.y));
    return {x, height - (y + h), x + w, height - y};
}

}  // namespace motcua::kiosk::render
