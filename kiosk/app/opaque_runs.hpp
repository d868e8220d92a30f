#pragma once
// Opaque runs: ImGui's OpenGL backend blends every triangle, but most of a kiosk frame's
// shaded pixels are opaque fills (cards, circles, bars, buttons), where blending gives back the
// fill's own colour, exactly. Mesa's software rasteriser shades an unblended pixel about a
// quarter cheaper, so long runs of opaque triangles are drawn with blending off, between two
// draw callbacks. Short runs stay blended: each split costs two more draw calls.

#include <imgui.h>

namespace motcua::kiosk::app {

// Runs of consecutive opaque triangles covering fewer pixels than this stay blended.
inline constexpr float kMinOpaqueRunPixels = 4096.0f;

// True when drawing the triangle with blending gives its own colour everywhere: every vertex
// fully opaque, and all three sampling the atlas's white texel at `white_uv` (a fill, not text).
bool is_opaque_fill(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, ImVec2 white_uv);

// `list`'s commands with every run of opaque fill triangles of kMinOpaqueRunPixels or more in
// a command of its own, preceded by a callback that turns blending off and followed by one
// that turns it back on. The triangles, their order, the clip rectangles and the other
// callbacks are unchanged; the list ends with blending on.
ImVector<ImDrawCmd> split_opaque_runs(const ImDrawList& list, ImVec2 white_uv);

// The callbacks split_opaque_runs() inserts (they need the OpenGL context current).
void turn_blending_off(const ImDrawList* list, const ImDrawCmd* command);
void turn_blending_on(const ImDrawList* list, const ImDrawCmd* command);

}  // namespace motcua::kiosk::app
