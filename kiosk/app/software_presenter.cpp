#include "kiosk/app/software_presenter.hpp"

#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3.h>
#include <GLFW/glfw3native.h>

#include <stdexcept>
#include <string>

#include "kiosk/app/swapped_commands.hpp"

namespace motcua::kiosk::app {

SoftwarePresenter::SoftwarePresenter(GLFWwindow* window, std::function<void(std::string_view)> log)
    : log_(std::move(log)), check_(true, log_) {
    display_ = glfwGetX11Display();
    window_ = glfwGetX11Window(window);
    if (display_ == nullptr || window_ == 0) {
        throw std::runtime_error("the software renderer needs an X11 window");
    }
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "motcua software rasteriser";
    // Every command's VtxOffset is honoured, so a list may pass 65,536 vertices.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

std::size_t SoftwarePresenter::upload_font_atlas(ImFontAtlas& atlas) {
    unsigned char* coverage = nullptr;
    atlas.GetTexDataAsAlpha8(&coverage, &font_.width, &font_.height);
    std::size_t bytes =
        static_cast<std::size_t>(font_.width) * static_cast<std::size_t>(font_.height);
    font_.texels.assign(coverage, coverage + bytes);
    atlas.SetTexID(static_cast<ImTextureID>(&font_));
    return bytes;
}

void SoftwarePresenter::draw(ImDrawData& frame, const Damage& damage, ImU32 background, int width,
                             int height) {
    bool new_image =
        !image_ || image_->canvas().width != width || image_->canvas().height != height;
    if (new_image) {
        image_.reset();
        image_ = std::make_unique<X11Image>(display_, window_, width, height);
        log_(std::string("render: software rasteriser, ") +
             (image_->shared_memory() ? "shared-memory image (MIT-SHM) " : "plain X image ") +
             std::to_string(width) + "x" + std::to_string(height));
    }
    const std::uint32_t paper = render::canvas_colour(background);
    const render::Canvas& canvas = image_->canvas();
    drew_whole_ = new_image || damage.full;
    if (drew_whole_) {
        render::PixelRect whole{0, 0, width, height};
        render::fill(canvas, whole, paper);
        render::rasterise(frame, canvas, whole);
        return;
    }
    for (const PixelRect& rect : damage.rects) {
        render::fill(canvas, rect, paper);
    }
    // One pass over the frame with its commands narrowed to the damage (clip_to_damage: only
    // the runs of triangles that reach a rectangle), rather than a pass per rectangle.
    std::vector<ImVector<ImDrawCmd>> unnarrowed = swap_in(
        frame, [&](const ImDrawList& list) { return clip_to_damage(list, damage, height); });
    render::rasterise(frame, canvas, {0, 0, width, height});
    swap_back(frame, unnarrowed);
    if (check_.on()) {
        compare_with_whole_redraw(frame, paper);
    }
}

void SoftwarePresenter::compare_with_whole_redraw(const ImDrawData& frame,
                                                  std::uint32_t background) {
    const render::Canvas& shown = image_->canvas();
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(shown.width) * shown.height);
    render::Canvas whole{pixels.data(), shown.width, shown.height, shown.width};
    render::PixelRect all{0, 0, shown.width, shown.height};
    render::fill(whole, all, background);
    render::rasterise(frame, whole, all);
    long long differing = 0;
    int first_x = 0;
    int first_y = 0;
    for (int y = 0; y < shown.height; ++y) {
        for (int x = 0; x < shown.width; ++x) {
            if ((shown.row(y)[x] & 0xffffff) != (whole.row(y)[x] & 0xffffff)) {
                if (differing++ == 0) {
                    first_x = x;
                    first_y = y;
                }
            }
        }
    }
    check_.record(differing, first_x, first_y);
}

std::vector<unsigned char> SoftwarePresenter::read_rgb(int width, int height) {
    std::vector<unsigned char> rgb(static_cast<std::size_t>(width) * height * 3);
    const render::Canvas& canvas = image_->canvas();
    std::size_t out = 0;
    for (int y = 0; y < height; ++y) {
        const std::uint32_t* row = canvas.row(y);
        for (int x = 0; x < width; ++x) {
            rgb[out++] = static_cast<unsigned char>(row[x] >> 16);
            rgb[out++] = static_cast<unsigned char>(row[x] >> 8);
            rgb[out++] = static_cast<unsigned char>(row[x]);
        }
    }
    return rgb;
}

void SoftwarePresenter::present(const Damage& damage, int width, int height) {
    image_->put(drew_whole_ ? std::vector<PixelRect>{{0, 0, width, height}} : damage.rects);
}

}  // namespace motcua::kiosk::app
