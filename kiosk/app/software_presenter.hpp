#pragma once
// Puts ImGui frames on screen without OpenGL: the kiosk's own rasteriser (kiosk/render/) draws
// each frame's damage into an X11Image, which keeps the whole frame between frames (no back
// buffer to lose), and only the damage rectangles are copied to the window. With
// MOTCUA_RENDER_CHECK=1 every partial frame is also drawn whole into a second buffer and the
// two compared, pixel for pixel; differences are logged (a test and diagnosis mode).

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "kiosk/app/presenter.hpp"
#include "kiosk/app/render_check.hpp"
#include "kiosk/app/x11_image.hpp"
#include "kiosk/render/soft_rasteriser.hpp"

struct GLFWwindow;

namespace motcua::kiosk::app {

class SoftwarePresenter final : public Presenter {
  public:
    // For `window`, opened without a client API (GLFW_NO_API); an ImGui context must exist.
    SoftwarePresenter(GLFWwindow* window, std::function<void(std::string_view)> log);
    ~SoftwarePresenter() override = default;
    SoftwarePresenter(const SoftwarePresenter&) = delete;
    SoftwarePresenter& operator=(const SoftwarePresenter&) = delete;

    std::size_t upload_font_atlas(ImFontAtlas& atlas) override;
    void new_frame() override {}
    bool partial() const override { return true; }
    void draw(ImDrawData& frame, const Damage& damage, ImU32 background, int width,
              int height) override;
    std::vector<unsigned char> read_rgb(int width, int height) override;
    void present(const Damage& damage, int width, int height) override;

  private:
    void compare_with_whole_redraw(const ImDrawData& frame, std::uint32_t background);

    void* display_ = nullptr;
    unsigned long window_ = 0;
    std::function<void(std::string_view)> log_;
    render::CoverageTexture font_;
    std::unique_ptr<X11Image> image_;
    bool drew_whole_ = false;  // the last draw() drew every pixel (present() puts them all)
    RenderCheck check_;
};

}  // namespace motcua::kiosk::app
