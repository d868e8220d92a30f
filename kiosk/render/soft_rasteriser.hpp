#pragma once
// ImGui's draw data rasterised on the CPU into a 32-bit frame buffer, for kiosks without a GPU
// (docs/kiosk.md, "Rendering"). Mesa's llvmpipe does the same job through a general OpenGL
// pipeline (LLVM, shaders compiled at run time: 95 MB before the first pixel); ImGui needs
// far less: triangles with a colour per vertex, one texture (the font atlas's coverage),
// blending and a scissor box.
//
// It follows OpenGL's rules as Mesa applies them, so both renderers draw the same pixels
// (tests/e2e/software_render_test.cpp compares them screen by screen):
// - pixel centres at half-pixels; positions snapped to 1/256 pixel; OpenGL's top-left fill
//   rule in its y-up window coordinates (left and bottom edges in ImGui's y-down pixels), so a
//   pixel on an edge two triangles share belongs to exactly one of them (translucent fans show
//   no seams, and a frame drawn in pieces equals the frame drawn whole);
// - fragment colour = vertex colour x (1, 1, 1, coverage), blended onto the frame buffer with
//   (src_alpha, one_minus_src_alpha) in 8 bits, each product rounded as llvmpipe rounds it;
// - the atlas sampled at its nearest texel when drawn at its own size or larger, bilinear when
//   shrunk (kiosk/app/font_texture.hpp, the same filters for OpenGL);
// - each command clipped to scissor_box(ClipRect), truncated as ImGui's OpenGL backend does.
// Most of ImGui's triangles come in pairs making an axis-aligned rectangle of one colour (a
// fill) or of one glyph: those are drawn row by row without per-pixel interpolation.

#include <imgui.h>

#include <cstdint>
#include <vector>

#include "kiosk/render/pixel_rect.hpp"

namespace motcua::kiosk::render {

// The font atlas's coverage, one byte per texel, read as (1, 1, 1, coverage). ImGui's texture
// id for it is its address.
struct CoverageTexture {
    std::vector<unsigned char> texels;
    int width = 0;
    int height = 0;
};

// Pixels 0x00RRGGBB (an XImage's layout on a 24-bit TrueColor visual), rows top-down,
// `stride` pixels apart.
struct Canvas {
    std::uint32_t* pixels = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;
    std::uint32_t* row(int y) const { return pixels + static_cast<std::ptrdiff_t>(y) * stride; }
};

// 0x00RRGGBB from ImGui's packed colour (red in the low byte); alpha is dropped.
std::uint32_t canvas_colour(ImU32 colour);

// Sets every pixel of `rect` (within the canvas) to `rgb` (0x00RRGGBB).
void fill(const Canvas& canvas, const PixelRect& rect, std::uint32_t rgb);

// Draws every command of `frame` over what the canvas holds, touching no pixel outside
// `limit` (nor the canvas). `frame` must have DisplayPos (0, 0) and FramebufferScale (1, 1);
// every texture id must be null (drawn as opaque white) or a CoverageTexture*. User callbacks
// are called as ImGui's backends call them, except ImDrawCallback_ResetRenderState.
// Triangles with a coordinate beyond 2^21 pixels or not a number are skipped.
void rasterise(const ImDrawData& frame, const Canvas& canvas, const PixelRect& limit);

}  // namespace motcua::kiosk::render
