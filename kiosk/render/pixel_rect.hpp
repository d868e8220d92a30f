#pragma once
// Rectangles of framebuffer pixels, x right and y down from the top-left corner, as ImGui's
// coordinates are when DisplayPos is (0, 0) and FramebufferScale is (1, 1) (always so on X11).

#include <imgui.h>

namespace motcua::kiosk::render {

// Pixels [x0, x1) x [y0, y1).
struct PixelRect {
    int x0 = 0;
    int y0 = 0;
    int x1 = 0;
    int y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    long long area() const { return empty() ? 0 : 1LL * (x1 - x0) * (y1 - y0); }
    bool operator==(const PixelRect&) const = default;
};

PixelRect intersect(const PixelRect& a, const PixelRect& b);

// The pixels ImGui's OpenGL 3 backend lets a command with `clip` draw (its glScissor box, with
// the same float-to-int truncation), on a framebuffer `height` pixels high. The software
// rasteriser clips the same way, so both renderers draw the same pixels.
PixelRect scissor_box(const ImVec4& clip, int height);

}  // namespace motcua::kiosk::render
