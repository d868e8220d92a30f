#include "kiosk/app/gl_presenter.hpp"

#define GLFW_EXPOSE_NATIVE_X11
#define GLFW_EXPOSE_NATIVE_GLX
#include <GLFW/glfw3.h>
#include <GLFW/glfw3native.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstring>
#include <string>
#include <vector>

#include "kiosk/app/opaque_runs.hpp"
#include "kiosk/app/swapped_commands.hpp"

namespace motcua::kiosk::app {

namespace {

using CopySubBuffer = void (*)(Display* display, GLXDrawable drawable, int x, int y, int width,
                               int height);

std::vector<unsigned char> read_back_buffer(int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    return pixels;
}

// The lists' commands with their long opaque runs drawn unblended (opaque_runs.hpp).
std::vector<ImVector<ImDrawCmd>> swap_in_opaque_runs(ImDrawData& frame) {
    const ImVec2 white_uv = ImGui::GetIO().Fonts->TexUvWhitePixel;
    return swap_in(frame,
                   [&](const ImDrawList& list) { return split_opaque_runs(list, white_uv); });
}

}  // namespace

GlPresenter::GlPresenter(GLFWwindow* window, std::function<void(std::string_view)> log)
    : window_(window), log_(std::move(log)) {
    ImGui_ImplOpenGL3_Init("#version 130");
    create_backend_objects_without_font_texture();
    // glfwExtensionSupported() reads GLX's extension string too; the function comes through
    // glfwGetProcAddress(), so the kiosk links no GLX library of its own.
    GLXWindow drawable = glfwGetGLXWindow(window);
    if (drawable != 0 && glfwExtensionSupported("GLX_MESA_copy_sub_buffer")) {
        display_ = glfwGetX11Display();
        drawable_ = drawable;
        copy_sub_buffer_ = glfwGetProcAddress("glXCopySubBufferMESA");
    }
    glfwGetFramebufferSize(window, &width_, &height_);
    log_(partial() ? "render: partial redraws (GLX_MESA_copy_sub_buffer)"
                   : "render: whole frames (no GLX_MESA_copy_sub_buffer)");
    check_.emplace(partial(), log_);
}

GlPresenter::~GlPresenter() {
    check_.reset();  // its summary before the backend goes
    ImGui_ImplOpenGL3_Shutdown();
}

void GlPresenter::new_frame() {
    ImGui_ImplOpenGL3_NewFrame();
}

std::vector<unsigned char> GlPresenter::read_rgb(int width, int height) {
    const int stride = width * 3;
    std::vector<unsigned char> pixels(static_cast<std::size_t>(stride) * height);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up.
    std::vector<unsigned char> row(static_cast<std::size_t>(stride));
    for (int y = 0; y < height / 2; ++y) {
        unsigned char* top = pixels.data() + static_cast<std::size_t>(y) * stride;
        unsigned char* bottom = pixels.data() + static_cast<std::size_t>(height - 1 - y) * stride;
        std::memcpy(row.data(), top, stride);
        std::memcpy(top, bottom, stride);
        std::memcpy(bottom, row.data(), stride);
    }
    return pixels;
}

void GlPresenter::draw(ImDrawData& frame, const Damage& damage, ImU32 background, int width,
                       int height) {
    if (partial() && (width != width_ || height != height_)) {
        // Mesa's software GLX learns a window's new size only at a swap: until then the back
        // buffer keeps the old size, and copying the new size's rectangles from it is an X
        // error that ends the kiosk. The swap shows the frame already on screen; this frame is
        // then drawn whole (the damage of a new size is full) into the resized buffer.
        glfwSwapBuffers(window_);
        width_ = width;
        height_ = height;
    }
    glViewport(0, 0, width, height);
    ImVec4 colour = ImGui::ColorConvertU32ToFloat4(background);
    glClearColor(colour.x, colour.y, colour.z, 1.0f);
    if (!partial() || damage.full) {
        draw_whole(frame);
        return;
    }
    draw_damage(frame, damage, height);
    if (check_->on()) {
        compare_with_whole_redraw(frame, width, height);
    }
}

void GlPresenter::draw_whole(ImDrawData& frame) {
    glDisable(GL_SCISSOR_TEST);
    glClear(GL_COLOR_BUFFER_BIT);
    std::vector<ImVector<ImDrawCmd>> originals = swap_in_opaque_runs(frame);
    ImGui_ImplOpenGL3_RenderDrawData(&frame);
    swap_back(frame, originals);
}

void GlPresenter::draw_damage(ImDrawData& frame, const Damage& damage, int height) {
    glEnable(GL_SCISSOR_TEST);
    for (const PixelRect& rect : damage.rects) {
        glScissor(rect.x0, height - rect.y1, rect.x1 - rect.x0, rect.y1 - rect.y0);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);
    // Narrowed to the damage for this one render, then the lists get their own commands back.
    std::vector<ImVector<ImDrawCmd>> originals = swap_in_opaque_runs(frame);
    std::vector<ImVector<ImDrawCmd>> unnarrowed = swap_in(
        frame, [&](const ImDrawList& list) { return clip_to_damage(list, damage, height); });
    ImGui_ImplOpenGL3_RenderDrawData(&frame);
    swap_back(frame, unnarrowed);
    swap_back(frame, originals);
}

void GlPresenter::compare_with_whole_redraw(ImDrawData& frame, int width, int height) {
    std::vector<unsigned char> partial_pixels = read_back_buffer(width, height);
    // The reference: ImGui's backend alone, with neither narrowed commands nor opaque runs.
    glDisable(GL_SCISSOR_TEST);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(&frame);
    std::vector<unsigned char> whole_pixels = read_back_buffer(width, height);
    long long differing = 0;
    std::size_t first = 0;
    for (std::size_t i = 0; i < whole_pixels.size(); i += 4) {
        if (partial_pixels[i] != whole_pixels[i] || partial_pixels[i + 1] != whole_pixels[i + 1] ||
            partial_pixels[i + 2] != whole_pixels[i + 2]) {
            first = differing == 0 ? i / 4 : first;
            ++differing;
        }
    }
    // OpenGL's rows count from the bottom.
    int x = static_cast<int>(first % static_cast<std::size_t>(width));
    int y = height - 1 - static_cast<int>(first / static_cast<std::size_t>(width));
    check_->record(differing, x, y);
}

void GlPresenter::present(const Damage& damage, int width, int height) {
    if (!partial()) {
        glfwSwapBuffers(window_);
        return;
    }
    auto copy = reinterpret_cast<CopySubBuffer>(copy_sub_buffer_);
    auto* display = static_cast<Display*>(display_);
    if (damage.full) {
        copy(display, drawable_, 0, 0, width, height);
        return;
    }
    // OpenGL's rows count from the bottom.
    for (const PixelRect& rect : damage.rects) {
        copy(display, drawable_, rect.x0, height - rect.y1, rect.x1 - rect.x0, rect.y1 - rect.y0);
    }
}

}  // namespace motcua::kiosk::app
