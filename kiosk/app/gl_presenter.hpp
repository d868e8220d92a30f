#pragma once
// Puts ImGui frames on screen with OpenGL, shading only their damage when the driver allows it
// (docs/kiosk.md, "Rendering"). It owns ImGui's OpenGL 3 backend and the font texture. With
// GLX_MESA_copy_sub_buffer (Mesa's GLX, llvmpipe included) the back buffer is never swapped: it
// keeps the frame on screen, each new frame is drawn over it inside its damage rectangles only, and
// those rectangles are copied to the window. Without it every frame is drawn whole and swapped, as
// a swap leaves the back buffer undefined. Long runs of opaque fills are drawn unblended
// (opaque_runs.hpp), whole frames and partial. With MOTCUA_RENDER_CHECK=1 every partial frame is
// also drawn whole by ImGui's backend alone (no narrowing, no opaque runs) and the two compared,
// pixel for pixel; differences are logged (a test and diagnosis mode: it costs a whole frame and
// two read-backs per frame).

#include <imgui.h>

#include <functional>
#include <optional>
#include <string_view>

#include "kiosk/app/font_texture.hpp"
#include "kiosk/app/presenter.hpp"
#include "kiosk/app/render_check.hpp"

struct GLFWwindow;

namespace motcua::kiosk::app {

class GlPresenter final : public Presenter {
  public:
    // Starts ImGui's OpenGL 3 backend on the context current on `window` (it must be, and an
    // ImGui context must exist) and logs which way frames go.
    GlPresenter(GLFWwindow* window, std::function<void(std::string_view)> log);
    // Shuts ImGui's OpenGL backend down, after the render check's summary.
    ~GlPresenter() override;
    GlPresenter(const GlPresenter&) = delete;
    GlPresenter& operator=(const GlPresenter&) = delete;

    std::size_t upload_font_atlas(ImFontAtlas& atlas) override {
        return font_texture_.upload(atlas);
    }
    void new_frame() override;
    bool partial() const override { return copy_sub_buffer_ != nullptr; }
    // Into the back buffer; each damage rectangle is cleared, then every command narrowed to it.
    void draw(ImDrawData& frame, const Damage& damage, ImU32 background, int width,
              int height) override;
    std::vector<unsigned char> read_rgb(int width, int height) override;
    // The damage rectangles copied to the window, or a swap.
    void present(const Damage& damage, int width, int height) override;

  private:
    void draw_whole(ImDrawData& frame);
    void draw_damage(ImDrawData& frame, const Damage& damage, int height);
    // Leaves the whole frame, drawn by the backend alone, in the back buffer.
    void compare_with_whole_redraw(ImDrawData& frame, int width, int height);

    GLFWwindow* window_ = nullptr;
    // The X display, the GLX drawable and glXCopySubBufferMESA, kept without X11's headers.
    void* display_ = nullptr;
    unsigned long drawable_ = 0;
    void (*copy_sub_buffer_)() = nullptr;
    std::function<void(std::string_view)> log_;
    // The back buffer's size as the driver knows it (see draw()).
    int width_ = 0;
    int height_ = 0;
    FontTexture font_texture_;
    std::optional<RenderCheck> check_;  // made once partial() is known
};

}  // namespace motcua::kiosk::app
