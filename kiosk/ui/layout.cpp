#include "kiosk/ui/layout.hpp"

#include <algorithm>

namespace motcua::kiosk::ui {

Box Box::take_top(float height) {
    height = std::min(height, h);
    Box strip{x, y, w, height};
    y += height;
    h -= height;
    return strip;
}

Box Box::take_bottom(float height) {
    height = std::min(height, h);
    Box strip{x, y + h - height, w, height};
    h -= height;
    return strip;
}

Box Box::take_left(float width) {
    width = std::min(width, w);
    Box strip{x, y, width, h};
    x += width;
    w -= width;
    return strip;
}

Box Box::take_right(float width) {
    width = std::min(width, w);
    Box strip{x + w - width, y, width, h};
    w -= width;
    return strip;
}

Box Box::column(int i, int n, float gap) const {
    float each = (w - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
    return {x + static_cast<float>(i) * (each + gap), y, each, h};
}

Box Box::row(int i, int n, float gap) const {
    float each = (h - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
    return {x, y + static_cast<float>(i) * (each + gap), w, each};
}

}  // namespace motcua::kiosk::ui
