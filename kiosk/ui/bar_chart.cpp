#include "kiosk/ui/bar_chart.hpp"

#include <algorithm>
#include <cstdio>

#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

constexpr float kRowHeight = 1.6f;  // em
constexpr float kRowGap = 0.3f;     // em

}  // namespace

float bar_chart_height(std::size_t rows, float em) {
    return static_cast<float>(rows) * (kRowHeight + kRowGap) * em;
}

void draw_bar_chart(ImDrawList* draw, ImFont* font, const Box& box, const std::vector<BarRow>& rows,
                    float em) {
    Box area = box;
    float label_width = std::min(area.w * 0.38f, 16.0f * em);
    float figure_width = 6.5f * em;
    // Rows share the box evenly: smaller than their preferred size when the box is.
    float pitch = rows.empty() ? 0 : box.h / static_cast<float>(rows.size());
    float row_height = pitch * kRowHeight / (kRowHeight + kRowGap);
    for (const BarRow& row : rows) {
        Box line = area.take_top(row_height);
        area.take_top(pitch - row_height);
        Box label = line.take_left(label_width);
        Box figure = line.take_right(figure_width);
        draw_text(draw, font, row.label, label.inset(0.3f * em, 0), theme::kText, Align::left,
                  VAlign::middle, 0.5f);
        Box track = line.inset(0.3f * em, 0.25f * em);
        draw->AddRectFilled(track.min(), track.max(), theme::kSecondaryPressed, 0.2f * em);
        float share = static_cast<float>(std::clamp(row.percent, 0.0, 100.0) / 100.0);
        if (share > 0) {
            ImVec2 end(track.x + std::max(track.w * share, 0.2f * em), track.y + track.h);
            draw->AddRectFilled(track.min(), end, row.color, 0.2f * em);
        }
        char text[48];
        std::snprintf(text, sizeof text, "%lld (%.0f%%)", static_cast<long long>(row.count),
                      row.percent);
        draw_text(draw, font, text, figure, theme::kText, Align::right, VAlign::middle, 0.5f);
    }
}

}  // namespace motcua::kiosk::ui
