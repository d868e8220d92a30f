#include "kiosk/ui/choice_card.hpp"

#include <algorithm>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

void tick_box(ImDrawList* draw, const Box& box, bool ticked, ImU32 strong, ImU32 on_strong,
              float em) {
    ImU32 fill = ticked ? on_strong : theme::kSurface;
    draw->AddRectFilled(box.min(), box.max(), fill, 0.2f * em);
    draw->AddRect(box.min(), box.max(), ticked ? on_strong : strong, 0.2f * em, 0, 0.14f * em);
    if (ticked) {
        ImVec2 c = box.center();
        float s = box.w;
        ImVec2 points[] = {ImVec2(c.x - 0.28f * s, c.y + 0.02f * s),
                           ImVec2(c.x - 0.07f * s, c.y + 0.22f * s),
                           ImVec2(c.x + 0.30f * s, c.y - 0.22f * s)};
        draw->AddPolyline(points, 3, strong, 0, 0.16f * em);
    }
}

}  // namespace

bool choice_card(Ui& ui, const std::string& name, const Box& box, const CardLook& look,
                 CardShape shape) {
    float em = ui.em();
    Touch touch = touch_area(ui, name, box);
    theme::AnswerColors colors = theme::answer_colors(look.color);
    bool filled = look.selected || touch.pressed;
    ImU32 fill = filled ? colors.strong : colors.soft;
    ImU32 ink = filled ? colors.on_strong : theme::kText;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float rounding = 0.6f * em;
    draw->AddRectFilled(box.min(), box.max(), fill, rounding);
    draw->AddRect(box.min(), box.max(), colors.strong, rounding, 0,
                  (look.selected ? 0.3f : 0.16f) * em);

    bool has_icon = !look.checkbox && is_known_icon(look.icon);
    if (look.number > 0) {
        float r = 0.55f * em;
        ImVec2 corner = shape == CardShape::tall
                            ? ImVec2(box.x + 0.45f * em + r, box.y + 0.45f * em + r)
                            : ImVec2(box.x + box.w - 0.6f * em - r, box.center().y);
        key_badge(draw, corner, r, look.number, filled ? colors.on_strong : colors.strong,
                  filled ? colors.strong : colors.on_strong, ui.fonts.bold);
    }

    Box inner = box.inset(0.8f * em, 0.6f * em);
    if (shape == CardShape::tall) {
        inner.take_top(0.6f * em);  // room for the key badge
        if (!has_icon && !look.checkbox) {
            draw_text(draw, ui.fonts.heading, look.label, inner, ink, Align::center, VAlign::middle,
                      0.5f);
            return touch.tapped;
        }
        Box label_box = inner.take_bottom(std::max(2.4f * em, inner.h * 0.34f));
        float icon_size = std::min({inner.w * 0.78f, inner.h, 6.5f * em});
        ImVec2 center = inner.center();
        if (look.checkbox) {
            float side = icon_size * 0.6f;
            tick_box(draw, Box{center.x - side * 0.5f, center.y - side * 0.5f, side, side},
                     look.selected, colors.strong, colors.on_strong, em);
        } else {
            if (look.selected) {
                draw->AddCircleFilled(center, icon_size * 0.53f, theme::kSurface, 48);
            }
            draw_icon(draw, look.icon, center, icon_size, colors.icon);
        }
        draw_text(draw, ui.fonts.heading, look.label, label_box, ink, Align::center, VAlign::middle,
                  0.5f);
        return touch.tapped;
    }

    // Wide: [icon] words ............ (n)
    if (look.number > 0) {
        inner.take_right(1.6f * em);
    }
    if (has_icon || look.checkbox) {
        float icon_size = std::min(inner.h, 3.6f * em);
        Box icon_box = inner.take_left(icon_size);
        inner.take_left(0.8f * em);
        ImVec2 center = icon_box.center();
        if (look.checkbox) {
            float side = std::min(icon_size * 0.75f, 1.9f * em);
            tick_box(draw, Box{center.x - side * 0.5f, center.y - side * 0.5f, side, side},
                     look.selected, colors.strong, colors.on_strong, em);
        } else {
            if (look.selected) {
                draw->AddCircleFilled(center, icon_size * 0.53f, theme::kSurface, 48);
            }
            draw_icon(draw, look.icon, center, icon_size, colors.icon);
        }
    }
    draw_text(draw, ui.fonts.heading, look.label, inner, ink, Align::left, VAlign::middle, 0.5f);
    return touch.tapped;
}

}  // namespace motcua::kiosk::ui
