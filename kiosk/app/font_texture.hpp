#pragma once
// The font atlas's OpenGL texture, made by the kiosk rather than by ImGui's OpenGL backend, so
// it is uploaded once, in the form the kiosk draws it: one channel, the glyphs' coverage alone,
// read back as (1, 1, 1, coverage) by a swizzle, a quarter of the backend's RGBA and the same
// pixels. Needs OpenGL 3.3 or ARB_texture_swizzle; without them it is uploaded as RGBA (white,
// the coverage as alpha), as the backend would.
// Filtering stays GL_LINEAR both ways, as the backend's: GL_NEAREST when magnified changes the
// pixels of text drawn larger than its font (the big digits of count icons are scaled up).

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
