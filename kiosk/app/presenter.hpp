#pragma once
// How frames reach the screen (docs/kiosk.md, "Rendering"): drawn by the kiosk's own software
// rasteriser and put with X11's shared-memory images (SoftwarePresenter, the default: a kiosk
// without a GPU would otherwise run Mesa's llvmpipe, 95 MB and several ms per frame), or by
// OpenGL (GlPresenter, for a machine with a GPU driver). Both draw the same pixels.

#include <imgui.h>

#include <cstddef>
#include <vector>

#include "kiosk/app/frame_damage.hpp"

namespace motcua::kiosk::app {

class Presenter {
  public:
    virtual ~Presenter() = default;

    // Makes `atlas`'s coverage (built: TexPixelsAlpha8 set) the texture frames draw text with,
    // sets atlas.TexID and drops the previous one. Returns the texture's size in bytes. The
    // atlas's own pixels may be freed afterwards.
    virtual std::size_t upload_font_atlas(ImFontAtlas& atlas) = 0;
    // Called before each ImGui::NewFrame().
    virtual void new_frame() = 0;
    // True when frames can be drawn and shown within their damage alone.
    virtual bool partial() const = 0;
    // Draws `frame` (`width` x `height` pixels) for present(): only within `damage` (each
    // rectangle cleared to `background` first) when partial() and the damage is not full;
    // otherwise the whole frame.
    virtual void draw(ImDrawData& frame, const Damage& damage, ImU32 background, int width,
                      int height) = 0;
    // What draw() drew, as RGB bytes with rows top-down (for screenshots).
    virtual std::vector<unsigned char> read_rgb(int width, int height) = 0;
    // Shows what draw() drew: the damage rectangles, or everything when the damage is full.
    virtual void present(const Damage& damage, int width, int height) = 0;
};

}  // namespace motcua::kiosk::app
