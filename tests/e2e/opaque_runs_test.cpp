// split_opaque_runs: which triangles the kiosk draws with blending off. That the pixels stay
// the same is checked on the real kiosk by the render check (kiosk_e2e_test.cpp), which
// compares every partial frame with ImGui's backend drawing it alone.

#include "kiosk/app/opaque_runs.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using motcua::kiosk::app::is_opaque_fill;
using motcua::kiosk::app::kMinOpaqueRunPixels;
using motcua::kiosk::app::split_opaque_runs;
using motcua::kiosk::app::turn_blending_off;
using motcua::kiosk::app::turn_blending_on;

namespace {

const ImVec2 kWhite(0.01f, 0.01f);  // the atlas's white texel
const ImU32 kOpaque = IM_COL32(0x0B, 0x57, 0xB0, 0xFF);
const ImU32 kSeeThrough = IM_COL32(0x0B, 0x57, 0xB0, 0x80);

// Quads (two triangles each) appended to a list's last command.
struct ListBuilder {
    ImDrawList list{nullptr};

    ListBuilder& command(ImVec4 clip = ImVec4(0, 0, 1920, 1080)) {
        ImDrawCmd command;
        command.ClipRect = clip;
        command.IdxOffset = static_cast<unsigned int>(list.IdxBuffer.Size);
        list.CmdBuffer.push_back(command);
        return *this;
    }
    // A `side` x `side` square at x, sampling `uv`; `first_colour`, when given, for the corner
    // both triangles share (an AA fringe's transparent edge).
    ListBuilder& quad(float x, float side, ImU32 colour, ImVec2 uv = kWhite,
                      ImU32 first_colour = 0) {
        auto first = static_cast<ImDrawIdx>(list.VtxBuffer.Size);
        ImVec2 corners[] = {ImVec2(x, 0), ImVec2(x + side, 0), ImVec2(x + side, side),
                            ImVec2(x, side)};
        for (int i = 0; i < 4; ++i) {
            ImU32 c = (i == 0 && first_colour != 0) ? first_colour : colour;
            list.VtxBuffer.push_back(ImDrawVert{corners[i], uv, c});
        }
        for (int offset : {0, 1, 2, 0, 2, 3}) {
            list.IdxBuffer.push_back(static_cast<ImDrawIdx>(first + offset));
        }
        list.CmdBuffer.back().ElemCount += 6;
        return *this;
    }
    ListBuilder& callback(ImDrawCallback function) {
        ImDrawCmd command;
        command.UserCallback = function;
        list.CmdBuffer.push_back(command);
        return *this;
    }
};

// A command as text: "off", "on", "user", or "[first index, end index)".
std::vector<std::string> describe(const ImVector<ImDrawCmd>& commands) {
    std::vector<std::string> out;
    for (const ImDrawCmd& command : commands) {
        if (command.UserCallback == turn_blending_off) {
            out.push_back("off");
        } else if (command.UserCallback == turn_blending_on) {
            out.push_back("on");
        } else if (command.UserCallback != nullptr) {
            out.push_back("user");
        } else {
            out.push_back("[" + std::to_string(command.IdxOffset) + "," +
                          std::to_string(command.IdxOffset + command.ElemCount) + ")");
        }
    }
    return out;
}

void user_callback(const ImDrawList*, const ImDrawCmd*) {}

}  // namespace

TEST_CASE("a fill is opaque when all its corners are opaque and sample the white texel",
          "[render][opaque]") {
    ImDrawVert fill{ImVec2(0, 0), kWhite, kOpaque};
    ImDrawVert glyph{ImVec2(0, 0), ImVec2(0.5f, 0.5f), kOpaque};
    ImDrawVert fringe{ImVec2(0, 0), kWhite, IM_COL32(0x0B, 0x57, 0xB0, 0x00)};
    CHECK(is_opaque_fill(fill, fill, fill, kWhite));
    CHECK_FALSE(is_opaque_fill(fill, fill, glyph, kWhite));
    CHECK_FALSE(is_opaque_fill(fill, fringe, fill, kWhite));
}

TEST_CASE("long runs of opaque fills get blending off, the rest stays blended and in order",
          "[render][opaque]") {
    const float big = 100;  // 10,000 pixels a quad, over kMinOpaqueRunPixels
    const float small = 10;
    REQUIRE(big * big >= kMinOpaqueRunPixels);
    REQUIRE(2 * small * small < kMinOpaqueRunPixels);
    ListBuilder b;
    b.command()
        .quad(0, 30, kOpaque, ImVec2(0.5f, 0.5f))                         // text: indices [0,6)
        .quad(0, big, kOpaque)                                            // a card: [6,12)
        .quad(0, big, kOpaque)                                            // the same run: [12,18)
        .quad(0, big, kSeeThrough)                                        // translucent: [18,24)
        .quad(0, small, kOpaque)                                          // a short run: [24,30)
        .quad(0, big, kOpaque, kWhite, IM_COL32(0x0B, 0x57, 0xB0, 0x01))  // an AA fringe: [30,36)
        .quad(0, big, kOpaque);                                           // a last run: [36,42)
    std::vector<std::string> expected = {"[0,6)",   "off", "[6,18)",  "on",
                                         "[18,36)", "off", "[36,42)", "on"};
    CHECK(describe(split_opaque_runs(b.list, kWhite)) == expected);
}

TEST_CASE("clip rectangles, textures and callbacks are kept, and a list ends with blending on",
          "[render][opaque]") {
    ListBuilder b;
    b.command(ImVec4(0, 0, 500, 500)).quad(0, 100, kOpaque);
    b.callback(user_callback);
    b.command(ImVec4(10, 10, 50, 50)).quad(0, 10, kSeeThrough).quad(0, 100, kOpaque);
    b.list.CmdBuffer.back().TextureId = reinterpret_cast<ImTextureID>(7);
    ImVector<ImDrawCmd> split = split_opaque_runs(b.list, kWhite);
    std::vector<std::string> expected = {"off",    "[0,6)", "on",      "user",
                                         "[6,12)", "off",   "[12,18)", "on"};
    REQUIRE(describe(split) == expected);
    CHECK(split[1].ClipRect.z == 500);
    CHECK(split[4].ClipRect.z == 50);
    CHECK(split[6].ClipRect.z == 50);
    CHECK(split[6].TextureId == reinterpret_cast<ImTextureID>(7));
    CHECK(split[3].UserCallback == user_callback);
}
