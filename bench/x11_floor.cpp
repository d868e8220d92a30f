// x11_floor: what the screen itself costs the kiosk's software renderer, the physical floor
// under bench/kiosk-idle's CPU per frame and memory (issue #6 item 4), as gl_floor is for the
// OpenGL renderer. Fullscreen on the primary monitor (run it under the same Xvfb 1920x1080 as
// the kiosk), with the kiosk's own window setup (GLFW, no client API) and X11Image, it
// measures the process CPU per frame of
//   1. the whole screen filled with one colour and put to the window (the least a whole frame
//      costs: every pixel written once and handed to the X server through shared memory);
//   2. that plus one screen of ImGui-style pixels: a translucent rectangle over the whole
//      screen through render::rasterise (every pixel read, blended, written);
//   3. a quarter of the screen (960x540 at 1080p) filled, covered by the rectangle and put: a
//      partial redraw;
//   4. its own peak resident memory (VmHWM): what a bare fullscreen X11 program with a
//      shared-memory image of the screen takes.
// Medians of RUNS runs of FRAMES frames each.
//
// Usage: x11_floor [--json FILE] [--frames N] [--runs N]

#include <GLFW/glfw3.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>
#include <imgui.h>

#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "bench/figures.hpp"
#include "bench/floor_window.hpp"
#include "core/cpu_time.hpp"
#include "kiosk/app/x11_image.hpp"
#include "kiosk/render/soft_rasteriser.hpp"

using motcua::bench::Figure;
using motcua::kiosk::app::X11Image;
using motcua::kiosk::render::PixelRect;

namespace {

// Median over `runs` of the mean process CPU per frame of `frames` calls of `frame`.
template <typename Frame>
double cpu_ms_per_frame(int frames, int runs, Frame frame) {
    std::vector<double> means;
    for (int run = 0; run < runs; ++run) {
        double start = motcua::process_cpu_ms();
        for (int i = 0; i < frames; ++i) {
            frame();
            glfwPollEvents();
        }
        means.push_back((motcua::process_cpu_ms() - start) / frames);
    }
    return motcua::bench::median(means);
}

}  // namespace

int main(int argc, char** argv) {
    auto start = motcua::bench::open_floor_window(
        "x11_floor", argc, argv, [] { glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API); });
    if (const int* exit_code = std::get_if<int>(&start)) {
        return *exit_code;
    }
    const auto& [options, window, width, height] = std::get<motcua::bench::FloorWindow>(start);
    const int frames = options.frames;
    const int runs = options.runs;
    std::vector<Figure> figures;
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    {
        X11Image image(glfwGetX11Display(), glfwGetX11Window(window), width, height);
        const motcua::kiosk::render::Canvas& canvas = image.canvas();
        // One translucent rectangle over the whole screen, as ImGui hands it to a renderer.
        ImGui::CreateContext();
        ImDrawList list(ImGui::GetDrawListSharedData());
        list._ResetForNewFrame();
        list.PushClipRect(ImVec2(0, 0),
                          ImVec2(static_cast<float>(width), static_cast<float>(height)));
        list.PushTextureID(nullptr);
        list.AddRectFilled(ImVec2(0, 0),
                           ImVec2(static_cast<float>(width), static_cast<float>(height)),
                           IM_COL32(11, 61, 122, 200));
        ImDrawList* lists[] = {&list};
        ImDrawData data;
        data.Valid = true;
        data.CmdLists = lists;
        data.CmdListsCount = 1;
        data.TotalVtxCount = list.VtxBuffer.Size;
        data.TotalIdxCount = list.IdxBuffer.Size;
        data.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        data.FramebufferScale = ImVec2(1, 1);

        const PixelRect whole{0, 0, width, height};
        const PixelRect quarter{0, 0, width / 2, height / 2};
        const std::uint32_t paper = 0xf6f4ef;
        auto fill_put = [&] {
            motcua::kiosk::render::fill(canvas, whole, paper);
            image.put({whole});
        };
        auto blend_put = [&] {
            motcua::kiosk::render::fill(canvas, whole, paper);
            motcua::kiosk::render::rasterise(data, canvas, whole);
            image.put({whole});
        };
        auto quarter_put = [&] {
            motcua::kiosk::render::fill(canvas, quarter, paper);
            motcua::kiosk::render::rasterise(data, canvas, quarter);
            image.put({quarter});
        };
        cpu_ms_per_frame(10, 1, fill_put);  // warm up: the image's pages, the server's first puts
        double fill = cpu_ms_per_frame(frames, runs, fill_put);
        double blend = cpu_ms_per_frame(frames, runs, blend_put);
        double partial = cpu_ms_per_frame(frames, runs, quarter_put);
        std::string how = "process CPU per frame, " + std::to_string(frames) + " frames a run";
        figures.push_back({"x11_fill_put_cpu_ms", "Whole screen filled + put (MIT-SHM), " + size,
                           fill, "ms", "", std::nullopt, "", std::nullopt, runs, how});
        figures.push_back({"x11_screen_blend_cpu_ms",
                           "One screen of ImGui-style pixels (blended), " + size, blend - fill,
                           "ms", "", std::nullopt, "", std::nullopt, runs,
                           "a translucent rectangle over the whole screen through the kiosk's "
                           "rasteriser, beyond fill + put"});
        figures.push_back({"x11_quarter_partial_cpu_ms",
                           "A quarter of the screen redrawn (blended) and put, " + size, partial,
                           "ms", "the whole screen", blend, "", std::nullopt, runs,
                           "fill + the rectangle + put of that quarter: a partial redraw"});
        ImGui::DestroyContext();
    }
    figures.push_back({"x11_floor_rss_mb", "Peak resident memory of this program, " + size,
                       motcua::bench::peak_resident_mb(), "MB", "", std::nullopt, "", std::nullopt,
                       1,
                       "VmHWM: a fullscreen X11 window and a shared-memory image of the screen"});
    glfwDestroyWindow(window);
    glfwTerminate();
    motcua::bench::publish("x11_floor", figures, options.json);
    return 0;
}
