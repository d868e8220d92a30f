#include "kiosk/app/font_texture.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdint>

namespace motcua::kiosk::app {

namespace {

bool has_texture_swizzle() {
    GLint major = 0;
    GLint minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    return major * 10 + minor >= 33 || glfwExtensionSupported("GL_ARB_texture_swizzle");
}

}  // namespace

void create_backend_objects_without_font_texture() {
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* fonts = io.Fonts;
    ImFontAtlas stand_in;
    stand_in.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(1));
    stand_in.TexPixelsAlpha8[0] = 0;
    stand_in.TexWidth = 1;
    stand_in.TexHeight = 1;
    io.Fonts = &stand_in;
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts = fonts;
}

FontTexture::~FontTexture() {
    if (texture_ != 0) {
        glDeleteTextures(1, &texture_);
    }
}

std::size_t FontTexture::upload(ImFontAtlas& atlas) {
    unsigned char* coverage = nullptr;
    int width = 0;
    int height = 0;
    atlas.GetTexDataAsAlpha8(&coverage, &width, &height);

    GLint bound = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
    GLint alignment = 0;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    if (has_texture_swizzle()) {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, coverage);
        const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
        glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    } else {
        unsigned char* rgba = nullptr;
        atlas.GetTexDataAsRGBA32(&rgba, &width, &height);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
        bytes *= 4;
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound));

    if (texture_ != 0) {
        glDeleteTextures(1, &texture_);
    }
    texture_ = texture;
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_)));
    return bytes;
}

}  // namespace motcua::kiosk::app
