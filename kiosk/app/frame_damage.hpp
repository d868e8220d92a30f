#pragma once
// Which pixels of the screen can differ between the frame on screen and the next one, so the
// kiosk shades only those (docs/kiosk.md, "Rendering"). A frame is compared as a multiset of
// triangles: each triangle's three vertices (position, texture coordinate, colour), its texture
// and its scissor box. A triangle in one frame and not in the other damages its bounding box
// (within its scissor box); a triangle in both frames that is drawn in another order relative
// to the others damages its box too, since blending makes order visible where triangles
// overlap. Every pixel outside the damage is drawn by the same triangles in the same order in
// both frames, so it keeps its colour; inside the damage the whole frame is drawn again.
//
// Damage is in framebuffer pixels, x right and y down from the top-left corner, as ImGui's
// coordinates are when DisplayPos is (0, 0) and FramebufferScale is (1, 1) (always so on X11).
// Any other frame gets full damage.

#include <imgui.h>

#include <array>
#include <cstdint>
#include <vector>

#include "kiosk/render/pixel_rect.hpp"

namespace motcua::kiosk::app {

using render::intersect;
using render::PixelRect;
using render::scissor_box;

// The pixels a triangle with these corners can touch: its bounding box with a pixel to spare
// for the rasteriser's rounding (the whole plane if a corner is not a number).
PixelRect triangle_pixels(ImVec2 a, ImVec2 b, ImVec2 c);

// Disjoint rectangles covering every pixel that can differ. `full` when everything is redrawn
// (the first frame, after forget(), a new display size, a frame this class cannot compare).
struct Damage {
    std::vector<PixelRect> rects;
    bool full = false;
    bool empty() const { return rects.empty(); }
    long long area() const;
};

// Full damage: every pixel of a `width` x `height` screen.
Damage whole_screen(int width, int height);

class FrameDamage {
  public:
    // Damage is gathered in square tiles of this side (32: 15% of the screen for a tapped card
    // against 17% with 64, for more rectangles).
    static constexpr int kTile = 32;
    // More rectangles than this become their bounding box (each costs a pass over the
    // commands); damage over this share of the screen becomes full.
    static constexpr std::size_t kMaxRects = 12;
    static constexpr double kFullShare = 0.6;

    // Compares `frame` with the frame given last and returns where they differ; `frame` then
    // becomes the frame on screen.
    Damage update(const ImDrawData& frame);
    // The screen's pixels are no longer known: the next frame gets full damage.
    void forget();

  private:
    // A triangle as 21 words: three vertices of pos.x, pos.y, uv.x, uv.y, col, then the
    // texture id (two words) and the scissor box's x0, y0, x1, y1. No padding, so equal
    // triangles are equal bytes.
    using Triangle = std::array<std::uint32_t, 21>;
    struct Key {
        std::uint64_t hash;
        std::uint32_t index;  // in draw order
    };

    void collect(const ImDrawData& frame, std::vector<Triangle>& triangles,
                 std::vector<Key>& keys) const;
    Damage diff(const std::vector<Triangle>& triangles, const std::vector<Key>& keys) const;

    bool known_ = false;
    int width_ = 0;
    int height_ = 0;
    std::vector<Triangle> shown_;
    std::vector<Key> shown_keys_;  // sorted by (hash, index)
    std::vector<Triangle> next_;
    std::vector<Key> next_keys_;
};

// The commands of `list` narrowed to the damage: each command once per damage rectangle it
// reaches, its clip rect narrowed to the rectangle and its triangles to the runs of them that
// reach it (so a software rasteriser sets up only those); callbacks kept once. Rendered after
// the rectangles are cleared, this draws exactly the damaged pixels of the frame and leaves
// every other pixel as it is (the rectangles are disjoint, so within each the triangles keep
// their order).
ImVector<ImDrawCmd> clip_to_damage(const ImDrawList& list, const Damage& damage, int height);

}  // namespace motcua::kiosk::app
