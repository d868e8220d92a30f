#include "kiosk/ui/theme.hpp"

namespace motcua::kiosk::ui::theme {

AnswerColors answer_colors(std::string_view hint) {
    const ImU32 white = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    if (hint == "green") {
        return {IM_COL32(0x1B, 0x7F, 0x3B, 0xFF), IM_COL32(0xE7, 0xF4, 0xEA, 0xFF),
                IM_COL32(0x4C, 0xB8, 0x5E, 0xFF), white};
    }
    if (hint == "yellow") {
        // Gold with dark text: white on any yellow light enough to read as yellow is too faint.
        return {IM_COL32(0xE0, 0xA2, 0x00, 0xFF), IM_COL32(0xFF, 0xF6, 0xDA, 0xFF),
                IM_COL32(0xF6, 0xC0, 0x26, 0xFF), IM_COL32(0x1A, 0x1A, 0x1A, 0xFF)};
    }
    if (hint == "red") {
        return {IM_COL32(0xB3, 0x26, 0x1E, 0xFF), IM_COL32(0xFC, 0xE9, 0xE7, 0xFF),
                IM_COL32(0xE5, 0x5A, 0x4E, 0xFF), white};
    }
    if (hint == "grey") {
        return {IM_COL32(0x4A, 0x4F, 0x57, 0xFF), IM_COL32(0xEF, 0xF0, 0xF2, 0xFF),
                IM_COL32(0x9A, 0xA0, 0xA6, 0xFF), white};
    }
    // "blue" and no hint.
    return {IM_COL32(0x0B, 0x57, 0xB0, 0xFF), IM_COL32(0xE6, 0xEF, 0xFA, 0xFF),
            IM_COL32(0x4A, 0x8B, 0xD9, 0xFF), white};
}

void apply_style(ImGuiStyle& style, float em) {
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.WindowRounding = 0;
    style.FramePadding = ImVec2(0.5f * em, 0.3f * em);
    style.ItemSpacing = ImVec2(0.5f * em, 0.5f * em);
    style.TouchExtraPadding = ImVec2(0, 0);
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;
    // Lines of a whole number of pixels would otherwise be drawn from a texture of pre-drawn
    // lines stretched along them; as geometry they keep the font texture a texture of text
    // alone, never scaled up, so its nearest magnification changes no pixel
    // (kiosk/app/font_texture.hpp).
    style.AntiAliasedLinesUseTex = false;
    // Transparent: every frame starts with a glClear in kBackground, and a window background
    // of the same colour would make a software rasteriser shade the whole screen once more
    // (a third of a 1080p frame's CPU). ImGui draws nothing for a transparent colour.
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(kText);
}

}  // namespace motcua::kiosk::ui::theme
