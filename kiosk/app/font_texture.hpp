#pragma once
// The font atlas's OpenGL texture, made by the kiosk rather than by ImGui's OpenGL backend, so
// it is uploaded once, in the form the kiosk draws it: one channel, the glyphs' coverage alone,
// read back as (1, 1, 1, coverage) by a swizzle, a quarter of the backend's RGBA and the same
// pixels. Needs OpenGL 3.3 or ARB_texture_swizzle; without them it is uploaded as RGBA (white,
// the coverage as alpha), as the backend would.
// Magnification is GL_NEAREST: Mesa's software rasteriser shades nearest texels about a
// quarter cheaper per pixel than filtered ones (bench/gl_floor), and it changes no pixel
// because nothing is drawn from the texture scaled up: icons' text has a font of its own size
// (kiosk/ui/fonts.hpp, icon_text), lines are geometry (kiosk/ui/theme.cpp), and text at its
// own size lands on whole pixels, sampled at the texels' centres where both filters agree
// (tests/kiosk/texture_scale_test.cpp checks every screen). Minification (text shrunk to fit,
// the body fonts' double horizontal oversampling) stays GL_LINEAR.

#include <imgui.h>

#include <cstddef>

namespace motcua::kiosk::app {

// Makes ImGui's OpenGL backend create its shader and buffers now, without the RGBA font
// texture it makes with them: ImGui_ImplOpenGL3_CreateDeviceObjects() (which NewFrame() calls
// while the backend has no shader) uploads io.Fonts as RGBA, and would build the whole atlas
// again once its pixels are freed. Here it uploads a 1x1 stand-in, deleted at once. Call once,
// after ImGui_ImplOpenGL3_Init(), with the OpenGL context current.
void create_backend_objects_without_font_texture();

class FontTexture {
  public:
    FontTexture() = default;
    // Deletes the texture: the OpenGL context must still be current.
    ~FontTexture();
    FontTexture(const FontTexture&) = delete;
    FontTexture& operator=(const FontTexture&) = delete;

    // Uploads `atlas`'s coverage (built: TexPixelsAlpha8 set) into a new texture, sets
    // atlas.TexID to it and deletes the previous one. Returns the texture's size in bytes.
    std::size_t upload(ImFontAtlas& atlas);

  private:
    unsigned int texture_ = 0;
};

}  // namespace motcua::kiosk::app
