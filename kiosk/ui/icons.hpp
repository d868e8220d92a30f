#pragma once
// Icons drawn with ImDrawList, so the kiosk needs no image files: faces, thumbs, clocks,
// counts, check and cross for answers; documents for stages; signs for notices.

#include <imgui.h>

#include <string_view>

namespace motcua::kiosk::ui {

// Draws icon `name` (the form's hint: face_happy, face_neutral, face_sad, face_very_happy,
// face_very_sad, thumb_up, thumb_down, clock_early, clock_on_time, clock_late, count_0, count_1,
// count_2plus, check, cross, question; and the kiosk's own: receipt, stage_intake,
// stage_supplement, stage_refusal, stage_return, info, warning, success, back, erase) centred
// in a square of side `size`. `color` is the icon's main colour. Returns false for an unknown
// name, having drawn nothing.
bool draw_icon(ImDrawList* draw, std::string_view name, ImVec2 center, float size, ImU32 color);

bool is_known_icon(std::string_view name);

}  // namespace motcua::kiosk::ui
