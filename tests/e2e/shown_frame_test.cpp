// ShownFrame: which ImGui frames the kiosk renders and which it leaves on screen as they are.

#include "kiosk/app/shown_frame.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>

using motcua::kiosk::app::ShownFrame;

namespace {

// Whether the frame is drawn: it has damage.
bool changed(ShownFrame& shown, const ImDrawData& frame) {
    return !shown.replace(frame).empty();
}

// An ImGui context with the default font and no window, enough to build draw data.
class HeadlessImGui {
  public:
    HeadlessImGui() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(640, 480);
        io.DeltaTime = 1.0f / 60.0f;
        unsigned char* pixels = nullptr;
        int width = 0;
        int height = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    // One frame: a filled rectangle of `color` and a line of text, at `x`.
    const ImDrawData& frame(ImU32 color, float x, const char* text) {
        ImGui::NewFrame();
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        draw->AddRectFilled(ImVec2(x, 10), ImVec2(x + 100, 60), color, 8.0f);
        draw->AddText(ImVec2(x, 80), IM_COL32(0, 0, 0, 255), text);
        ImGui::Render();
        return *ImGui::GetDrawData();
    }
};

const ImU32 kBlue = IM_COL32(0x0B, 0x57, 0xB0, 0xFF);
const ImU32 kRed = IM_COL32(0xB3, 0x26, 0x1E, 0xFF);

}  // namespace

TEST_CASE("the first frame is always drawn, the same frame again is not", "[shown_frame]") {
    HeadlessImGui imgui;
    ShownFrame shown;
    CHECK(changed(shown, imgui.frame(kBlue, 10, "Xin chao")));
    CHECK_FALSE(changed(shown, imgui.frame(kBlue, 10, "Xin chao")));
    CHECK_FALSE(changed(shown, imgui.frame(kBlue, 10, "Xin chao")));
}

TEST_CASE("a change of colour, position, text or display size is drawn", "[shown_frame]") {
    HeadlessImGui imgui;
    ShownFrame shown;
    REQUIRE(changed(shown, imgui.frame(kBlue, 10, "Xin chao")));
    CHECK(changed(shown, imgui.frame(kRed, 10, "Xin chao")));
    CHECK(changed(shown, imgui.frame(kRed, 11, "Xin chao")));
    CHECK(changed(shown, imgui.frame(kRed, 11, "Xin chao!")));
    // The same text one character shorter draws fewer vertices: still a change.
    CHECK(changed(shown, imgui.frame(kRed, 11, "Xin chao")));
    ImGui::GetIO().DisplaySize = ImVec2(800, 600);
    CHECK(changed(shown, imgui.frame(kRed, 11, "Xin chao")));
    CHECK_FALSE(changed(shown, imgui.frame(kRed, 11, "Xin chao")));
}

TEST_CASE("a frame changed and changed back is drawn both times", "[shown_frame]") {
    HeadlessImGui imgui;
    ShownFrame shown;
    REQUIRE(changed(shown, imgui.frame(kBlue, 10, "A")));
    CHECK(changed(shown, imgui.frame(kRed, 10, "A")));
    CHECK(changed(shown, imgui.frame(kBlue, 10, "A")));
}

TEST_CASE("after forget() the same frame is drawn again", "[shown_frame]") {
    HeadlessImGui imgui;
    ShownFrame shown;
    REQUIRE(changed(shown, imgui.frame(kBlue, 10, "A")));
    REQUIRE_FALSE(changed(shown, imgui.frame(kBlue, 10, "A")));
    shown.forget();
    CHECK(changed(shown, imgui.frame(kBlue, 10, "A")));
    CHECK_FALSE(changed(shown, imgui.frame(kBlue, 10, "A")));
}
