#pragma once
// High-contrast colours for a calm, legible kiosk, and the ImGui style sized in em.

#include <imgui.h>

#include <string_view>

namespace motcua::kiosk::ui::theme {

// Page and text.
inline constexpr ImU32 kBackground = IM_COL32(0xF6, 0xF4, 0xEF, 0xFF);
inline constexpr ImU32 kSurface = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kBar = IM_COL32(0x0B, 0x3D, 0x7A, 0xFF);  // top bar: deep blue
inline constexpr ImU32 kOnBar = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kText = IM_COL32(0x1A, 0x1A, 0x1A, 0xFF);
inline constexpr ImU32 kTextMuted = IM_COL32(0x4A, 0x4F, 0x57, 0xFF);
inline constexpr ImU32 kGhost = IM_COL32(0xA8, 0xAD, 0xB4, 0xFF);  // example under typed code
inline constexpr ImU32 kBorder = IM_COL32(0x8A, 0x90, 0x99, 0xFF);
inline constexpr ImU32 kShade = IM_COL32(0x10, 0x18, 0x28, 0xB0);  // behind the countdown

// Actions.
inline constexpr ImU32 kPrimary = IM_COL32(0x0B, 0x57, 0xB0, 0xFF);
inline constexpr ImU32 kPrimaryPressed = IM_COL32(0x07, 0x3A, 0x78, 0xFF);
inline constexpr ImU32 kOnPrimary = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kSecondary = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kSecondaryPressed = IM_COL32(0xDD, 0xE3, 0xEC, 0xFF);

// Messages.
inline constexpr ImU32 kError = IM_COL32(0xB3, 0x26, 0x1E, 0xFF);
inline constexpr ImU32 kErrorSoft = IM_COL32(0xFD, 0xEC, 0xEA, 0xFF);
inline constexpr ImU32 kWarning = IM_COL32(0xB0, 0x68, 0x00, 0xFF);
inline constexpr ImU32 kWarningSoft = IM_COL32(0xFF, 0xF4, 0xD6, 0xFF);
inline constexpr ImU32 kSuccess = IM_COL32(0x1B, 0x7F, 0x3B, 0xFF);
inline constexpr ImU32 kInfo = IM_COL32(0x15, 0x65, 0xC0, 0xFF);

// The colour hint of an answer ("green", "yellow", "red", "blue", "grey"): a strong colour for
// borders, a soft one for the card, and the icon's fill.
struct AnswerColors {
    ImU32 strong;
    ImU32 soft;
    ImU32 icon;
    ImU32 on_strong;  // text on the strong colour
};
AnswerColors answer_colors(std::string_view hint);

// Applies sizes in em and the colours above to ImGui's style.
void apply_style(ImGuiStyle& style, float em);

}  // namespace motcua::kiosk::ui::theme
