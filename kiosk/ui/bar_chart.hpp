#pragma once
// Horizontal bars drawn with ImDrawList: one row per answer with its label, a bar as long as its
// share, and "count (percent %)" after it. For the staff tally's answer distributions.

#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

struct BarRow {
    std::string label;
    std::int64_t count = 0;
    double percent = 0;  // 0..100, of the question's answers
    ImU32 color = 0;
};

// Height the chart of `rows` prefers at font size `em`.
float bar_chart_height(std::size_t rows, float em);
// Draws the rows top to bottom in `box` (label column on the left, bars on the right), sharing
// its height evenly (a box lower than the preferred height gives thinner rows).
void draw_bar_chart(ImDrawList* draw, ImFont* font, const Box& box, const std::vector<BarRow>& rows,
                    float em);

}  // namespace motcua::kiosk::ui
