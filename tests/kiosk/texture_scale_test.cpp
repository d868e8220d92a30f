// The font texture is sampled with nearest magnification because a software rasteriser shades
// nearest texels a third cheaper than filtered ones (kiosk/app/font_texture.hpp). That is
// exact only while nothing is drawn from the texture scaled up, and text drawn at its own size
// lands on whole pixels: these tests walk the citizen screens at every supported display size
// and measure every textured triangle ImGui hands to the renderer.

#include <imgui.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "ui_harness.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::testing;

namespace {

struct Vertex {
    float x, y;  // pixels
    float u, v;  // texels
};

// A textured triangle the renderer would magnify, or sample off the texels' centres at its
// own size (where nearest and filtered sampling differ), described; empty when it is exact.
std::string scaled_up(const Vertex& a, const Vertex& b, const Vertex& c) {
    float x1 = b.x - a.x, y1 = b.y - a.y, x2 = c.x - a.x, y2 = c.y - a.y;
    float det = x1 * y2 - x2 * y1;
    if (std::fabs(det) < 1e-6f) {
        return "";  // no area: nothing is shaded
    }
    // Texels per pixel along the screen's x and y (the triangle's affine map).
    float du_dx = ((b.u - a.u) * y2 - (c.u - a.u) * y1) / det;
    float du_dy = (x1 * (c.u - a.u) - x2 * (b.u - a.u)) / det;
    float dv_dx = ((b.v - a.v) * y2 - (c.v - a.v) * y1) / det;
    float dv_dy = (x1 * (c.v - a.v) - x2 * (b.v - a.v)) / det;
    float along_x = std::hypot(du_dx, dv_dx);
    float along_y = std::hypot(du_dy, dv_dy);
    float rho = std::max(along_x, along_y);
    std::ostringstream out;
    out << "triangle at (" << a.x << "," << a.y << ") uv (" << a.u << "," << a.v << "): ";
    if (rho < 0.99f) {
        out << rho << " texels per pixel (scaled up)";
        return out.str();
    }
    if (rho <= 1.01f) {
        // At its own size: each pixel's centre must fall on a texel's centre.
        bool axis_aligned = std::fabs(du_dy) < 1e-3f && std::fabs(dv_dx) < 1e-3f;
        float u_off = a.u - a.x * du_dx;
        float v_off = a.v - a.y * dv_dy;
        bool on_centres = std::fabs(u_off - std::round(u_off)) < 0.01f &&
                          std::fabs(v_off - std::round(v_off)) < 0.01f;
        if (!axis_aligned || !on_centres) {
            out << "drawn at its own size off the texel grid (offset " << u_off << "," << v_off
                << ")";
            return out.str();
        }
    }
    return "";
}

// Every problem triangle of the frame just built (ImGui::GetDrawData()); the white texel that
// fills sample has all three UVs equal and is skipped.
std::vector<std::string> scaled_up_triangles() {
    const ImDrawData* data = ImGui::GetDrawData();
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    std::vector<std::string> problems;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList& list = *data->CmdLists[l];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback != nullptr) {
                continue;
            }
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                Vertex corner[3];
                for (unsigned k = 0; k < 3; ++k) {
                    const ImDrawVert& vertex =
                        list.VtxBuffer[static_cast<int>(cmd.VtxOffset) +
                                       list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + k)]];
                    corner[k] = {vertex.pos.x, vertex.pos.y, vertex.uv.x * atlas.TexWidth,
                                 vertex.uv.y * atlas.TexHeight};
                }
                bool one_texel = corner[0].u == corner[1].u && corner[1].u == corner[2].u &&
                                 corner[0].v == corner[1].v && corner[1].v == corner[2].v;
                if (one_texel) {
                    continue;
                }
                std::string problem = scaled_up(corner[0], corner[1], corner[2]);
                if (!problem.empty()) {
                    problems.push_back(problem);
                }
            }
        }
    }
    return problems;
}

}  // namespace

TEST_CASE("the self-check flags text scaled up or drawn off the texel grid", "[ui][texture]") {
    // 20 x 20 pixels from 10 x 10 texels: scaled up twice.
    CHECK_FALSE(scaled_up({0, 0, 0, 0}, {20, 0, 10, 0}, {0, 20, 0, 10}).empty());
    // Own size, whole texels: exact.
    CHECK(scaled_up({3, 4, 10, 20}, {13, 4, 20, 20}, {3, 14, 10, 30}).empty());
    // Own size, half a texel off: nearest and filtered sampling differ.
    CHECK_FALSE(scaled_up({3.5f, 4, 10, 20}, {13.5f, 4, 20, 20}, {3.5f, 14, 10, 30}).empty());
    // Half the size (text shrunk to fit): filtered either way.
    CHECK(scaled_up({3.25f, 4, 10, 20}, {8.25f, 4, 20, 20}, {3.25f, 9, 10, 30}).empty());
}

TEST_CASE("no screen draws text from the font texture scaled up or off its texel grid",
          "[ui][texture]") {
    struct Size {
        float w, h;
    };
    for (Size size : {Size{1280, 800}, Size{1920, 1080}, Size{1080, 1920}}) {
        FlowHarness h(true);
        HeadlessUi ui(h, size.w, size.h);
        int screens = 0;
        auto check_screen = [&](const std::string& name) {
            ui.frame();
            std::vector<std::string> problems = scaled_up_triangles();
            INFO("display " << size.w << "x" << size.h << ", " << name << ": " << problems.size()
                            << " triangles, the first "
                            << (problems.empty() ? "" : problems.front()));
            CHECK(problems.empty());
            ++screens;
        };
        check_screen("welcome");
        h.flow.begin_code_entry();
        check_screen("code entry");
        h.type("000.00.24.H18-22");
        check_screen("code entry, half typed");
        h.scan("1228-0001");
        check_screen("stage choice");
        ui.tap("stage.0");
        for (int question = 1; h.flow.screen() == Screen::question; ++question) {
            const std::string name = "question " + std::to_string(question);
            check_screen(name);
            h.type(question == 1 ? "3" : "1");  // a button box marks an answer
            check_screen(name + ", answer marked");
            ui.tap("next");
            if (h.flow.screen() == Screen::follow_up) {
                check_screen(name + ", follow-up");
                ui.tap("follow_up.1");
                check_screen(name + ", follow-up ticked");
                ui.tap("next");
            }
        }
        REQUIRE(h.flow.screen() == Screen::review);
        check_screen("review");
        ui.tap("send");
        REQUIRE(h.flow.screen() == Screen::thank_you);
        check_screen("thank you");
        ui.tap("thanks.finish");
        h.sink.mark_rated(kGoodCode, Stage::intake);
        h.flow.begin_code_entry();
        h.scan(kGoodCode);
        ui.tap("stage.0");
        REQUIRE(h.flow.screen() == Screen::already_rated);
        check_screen("already rated");
        CHECK(screens >= 10);
    }
}
