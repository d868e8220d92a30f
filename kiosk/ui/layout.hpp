#pragma once
// Rectangles for laying out a screen in em. Every size on the kiosk is a multiple of the font
// size, so one layout serves 1280x800, 1920x1080 and portrait 1080x1920.

#include <imgui.h>

namespace motcua::kiosk::ui {

struct Box {
    float x = 0;
    float y = 0;
    float w = 0;
    float h = 0;

    ImVec2 min() const { return {x, y}; }
    ImVec2 max() const { return {x + w, y + h}; }
    ImVec2 size() const { return {w, h}; }
    ImVec2 center() const { return {x + w * 0.5f, y + h * 0.5f}; }
    bool contains(ImVec2 p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }

    Box inset(float by) const { return inset(by, by); }
    Box inset(float dx, float dy) const { return {x + dx, y + dy, w - 2 * dx, h - 2 * dy}; }
    // Cuts a strip off one side and returns it; the box keeps the rest.
    Box take_top(float height);
    Box take_bottom(float height);
    Box take_left(float width);
    Box take_right(float width);
    // A box of this size centred in this one.
    Box centered(float width, float height) const {
        return {x + (w - width) * 0.5f, y + (h - height) * 0.5f, width, height};
    }
    // The i-th of n equal columns (or rows) with `gap` between them.
    Box column(int i, int n, float gap) const;
    Box row(int i, int n, float gap) const;
};

inline Box screen_box() {
    const ImGuiIO& io = ImGui::GetIO();
    return {0, 0, io.DisplaySize.x, io.DisplaySize.y};
}

inline bool is_portrait() {
    const ImGuiIO& io = ImGui::GetIO();
    return io.DisplaySize.y > io.DisplaySize.x;
}

}  // namespace motcua::kiosk::ui
