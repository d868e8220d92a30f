#include "kiosk/ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/clock.hpp"
#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/theme.hpp"

// [SECTION] Text
// [SECTION] Touch targets and buttons
// [SECTION] Bars and banners

namespace motcua::kiosk::ui {

//-----------------------------------------------------------------------------
// [SECTION] Text
//-----------------------------------------------------------------------------

namespace {

constexpr float kLineSpacing = 1.08f;  // room for stacked Vietnamese tone marks

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

// Splits at `size` into lines no wider than `max_width`. Explicit newlines start new lines.
// ImGui cuts a word that alone is too wide; `clean` tells whether every break fell between
// words.
std::vector<std::pair<const char*, const char*>> wrap(ImFont* font, float size,
                                                      std::string_view text, float max_width,
                                                      bool& clean) {
    std::vector<std::pair<const char*, const char*>> lines;
    clean = true;
    float scale = size / font->FontSize;
    const char* end = text.data() + text.size();
    const char* paragraph = text.data();
    while (paragraph <= end) {
        const char* paragraph_end = std::find(paragraph, end, '\n');
        const char* s = paragraph;
        while (s < paragraph_end) {
            const char* e = font->CalcWordWrapPositionA(scale, s, paragraph_end, max_width);
            if (e == s) {
                // Not even one character fits: take one whole UTF-8 sequence anyway.
                ++e;
                while (e < paragraph_end && (static_cast<unsigned char>(*e) & 0xC0) == 0x80) {
                    ++e;
                }
            }
            if (e < paragraph_end && !is_space(*e) && !is_space(e[-1])) {
                clean = false;  // cut inside a word
            }
            const char* line_end = e;
            while (line_end > s && is_space(line_end[-1])) {
                --line_end;
            }
            lines.emplace_back(s, line_end);
            s = e;
            while (s < paragraph_end && is_space(*s)) {
                ++s;
            }
        }
        if (paragraph == paragraph_end && paragraph != end) {
            lines.emplace_back(paragraph, paragraph);  // an empty line between paragraphs
        }
        paragraph = paragraph_end + 1;
    }
    return lines;
}

float widest_line(ImFont* font, float size,
                  const std::vector<std::pair<const char*, const char*>>& lines) {
    float width = 0;
    for (const auto& [b, e] : lines) {
        width = std::max(width, font->CalcTextSizeA(size, FLT_MAX, 0, b, e).x);
    }
    return width;
}

// The narrowest width that keeps the same number of lines, so a heading does not end with a
// lone word.
void balance(ImFont* font, std::string_view text, float max_width, FittedText& fitted) {
    std::size_t count = fitted.lines.size();
    float low = max_width * 0.4f;
    float high = max_width;
    for (int step = 0; step < 8; ++step) {
        float mid = (low + high) * 0.5f;
        bool clean = true;
        if (wrap(font, fitted.size, text, mid, clean).size() == count && clean) {
            high = mid;
        } else {
            low = mid;
        }
    }
    bool clean = true;
    fitted.lines = wrap(font, fitted.size, text, high, clean);
    fitted.width = widest_line(font, fitted.size, fitted.lines);
}

}  // namespace

FittedText fit_text(ImFont* font, std::string_view text, float max_width, float max_height,
                    float min_scale, bool balanced) {
    FittedText fitted;
    float size = font->FontSize;
    float smallest = font->FontSize * min_scale;
    // Below `smallest` only to avoid cutting a word in two.
    float last_resort = font->FontSize * std::min(min_scale, 0.4f);
    while (true) {
        bool clean = true;
        fitted.size = size;
        fitted.line_height = size * kLineSpacing;
        fitted.lines = wrap(font, size, text, std::max(1.0f, max_width), clean);
        fitted.width = widest_line(font, size, fitted.lines);
        fitted.height = fitted.line_height * static_cast<float>(fitted.lines.size());
        bool inside = fitted.width <= max_width + 0.5f && fitted.height <= max_height + 0.5f;
        fitted.fits = inside && clean;
        bool may_shrink = size > smallest || (!clean && size > last_resort);
        if (fitted.fits || !may_shrink) {
            break;
        }
        size = std::max(clean ? smallest : last_resort, size * 0.92f);
    }
    if (balanced && fitted.lines.size() > 1) {
        balance(font, text, max_width, fitted);
    }
    return fitted;
}

void draw_fitted(ImDrawList* draw, ImFont* font, const FittedText& text, const Box& box,
                 ImU32 color, Align align, VAlign valign) {
    float y = box.y;
    if (valign == VAlign::middle) {
        y += (box.h - text.height) * 0.5f;
    } else if (valign == VAlign::bottom) {
        y += box.h - text.height;
    }
    for (const auto& [b, e] : text.lines) {
        float width = font->CalcTextSizeA(text.size, FLT_MAX, 0, b, e).x;
        float x = box.x;
        if (align == Align::center) {
            x += (box.w - width) * 0.5f;
        } else if (align == Align::right) {
            x += box.w - width;
        }
        draw->AddText(font, text.size, ImVec2(std::round(x), std::round(y)), color, b, e);
        y += text.line_height;
    }
}

float draw_text(ImDrawList* draw, ImFont* font, std::string_view text, const Box& box, ImU32 color,
                Align align, VAlign valign, float min_scale) {
    FittedText fitted = fit_text(font, text, box.w, box.h, min_scale, align == Align::center);
    draw_fitted(draw, font, fitted, box, color, align, valign);
    return fitted.height;
}

float text_height(ImFont* font, std::string_view text, float width) {
    return fit_text(font, text, width, FLT_MAX, 1.0f, false).height;
}

Str weekday_name(const std::string& iso_date) {
    std::int64_t days = days_from_civil(iso_date);
    int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
    const Str weekdays[] = {Str::weekday_0, Str::weekday_1, Str::weekday_2, Str::weekday_3,
                            Str::weekday_4, Str::weekday_5, Str::weekday_6};
    return weekdays[weekday];
}

std::string long_date(const Ui& ui, const std::string& iso_date) {
    return ui.format(Str::date_format, {{"weekday", ui.t(weekday_name(iso_date))},
                                        {"day", iso_date.substr(8, 2)},
                                        {"month", iso_date.substr(5, 2)},
                                        {"year", iso_date.substr(0, 4)}});
}

//-----------------------------------------------------------------------------
// [SECTION] Touch targets and buttons
//-----------------------------------------------------------------------------

Touch touch_area(Ui& ui, const std::string& name, const Box& box) {
    Touch touch;
    if (box.w < 1 || box.h < 1) {
        return touch;
    }
    ui.hits.record(name, box);
    ImGui::SetCursorScreenPos(box.min());
    touch.tapped = ImGui::InvisibleButton(name.c_str(), box.size());
    touch.held = ImGui::IsItemActive();
    touch.pressed = touch.held && ImGui::IsItemHovered();
    return touch;
}

bool button(Ui& ui, const std::string& name, const Box& box, std::string_view label,
            ButtonKind kind, std::string_view icon) {
    Touch touch = touch_area(ui, name, box);
    float em = ui.em();
    ImU32 fill = theme::kSecondary;
    ImU32 ink = theme::kText;
    ImU32 border = theme::kBorder;
    switch (kind) {
        case ButtonKind::primary:
            fill = touch.pressed ? theme::kPrimaryPressed : theme::kPrimary;
            ink = theme::kOnPrimary;
            border = fill;
            break;
        case ButtonKind::secondary:
            fill = touch.pressed ? theme::kSecondaryPressed : theme::kSecondary;
            ink = theme::kPrimary;
            border = theme::kPrimary;
            break;
        case ButtonKind::danger:
            fill = touch.pressed ? IM_COL32(0x7F, 0x1A, 0x14, 0xFF) : theme::kError;
            ink = theme::kOnPrimary;
            border = fill;
            break;
        case ButtonKind::quiet:
            fill = touch.pressed ? theme::kSecondaryPressed : IM_COL32(0, 0, 0, 0);
            ink = theme::kPrimary;
            border = IM_COL32(0, 0, 0, 0);
            break;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float rounding = 0.45f * em;
    draw->AddRectFilled(box.min(), box.max(), fill, rounding);
    draw->AddRect(box.min(), box.max(), border, rounding, 0, 0.12f * em);

    Box inner = box.inset(0.7f * em, 0.25f * em);
    ImFont* font = box.h >= 2.8f * em ? ui.fonts.heading : ui.fonts.bold;
    if (!icon.empty()) {
        float icon_size = std::min(inner.h * 0.8f, 1.6f * em);
        FittedText fitted = fit_text(font, label, inner.w - icon_size - 0.5f * em, inner.h);
        float total = icon_size + 0.5f * em + fitted.width;
        float x = inner.x + std::max(0.0f, (inner.w - total) * 0.5f);
        draw_icon(draw, icon, ImVec2(x + icon_size * 0.5f, inner.center().y), icon_size, ink);
        Box text_box{x + icon_size + 0.5f * em, inner.y, fitted.width + 1, inner.h};
        draw_fitted(draw, font, fitted, text_box, ink, Align::left, VAlign::middle);
    } else {
        draw_text(draw, font, label, inner, ink);
    }
    return touch.tapped;
}

void key_badge(ImDrawList* draw, ImVec2 center, float radius, int number, ImU32 fill, ImU32 text,
               ImFont* font) {
    draw->AddCircleFilled(center, radius, fill, 24);
    std::string digits = std::to_string(number);
    float size = radius * 1.25f;
    ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, digits.c_str());
    draw->AddText(font, size, ImVec2(center.x - extent.x * 0.5f, center.y - extent.y * 0.5f), text,
                  digits.c_str());
}

std::vector<Box> stack_rows(const Box& area, const std::vector<float>& heights, float min_gap,
                            float max_gap) {
    float total = 0;
    for (float h : heights) {
        total += h;
    }
    int n = static_cast<int>(heights.size());
    float gap =
        n > 1 ? std::clamp((area.h - total) / static_cast<float>(n + 1), min_gap, max_gap) : 0;
    float used = total + gap * static_cast<float>(n - 1);
    float y = area.y + std::max(0.0f, (area.h - used) * 0.5f);
    std::vector<Box> rows;
    for (float h : heights) {
        rows.push_back({area.x, y, area.w, h});
        y += h + gap;
    }
    return rows;
}

//-----------------------------------------------------------------------------
// [SECTION] Bars and banners
//-----------------------------------------------------------------------------

void language_switch(Ui& ui, const Box& box) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    struct Choice {
        Language language;
        Str label;
        const char* name;
    };
    const Choice choices[] = {{Language::vi, Str::language_vi, "language.vi"},
                              {Language::en, Str::language_en, "language.en"}};
    draw->AddRect(box.min(), box.max(), theme::kOnBar, 0.4f * em, 0, 0.1f * em);
    for (int i = 0; i < 2; ++i) {
        const Choice& choice = choices[i];
        Box segment = box.column(i, 2, 0);
        Touch touch = touch_area(ui, choice.name, segment);
        bool active = ui.language() == choice.language;
        if (active || touch.pressed) {
            ImDrawFlags corners =
                i == 0 ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersRight;
            draw->AddRectFilled(segment.min(), segment.max(), theme::kOnBar, 0.4f * em, corners);
        }
        draw_text(draw, ui.fonts.bold, ui.t(choice.label), segment.inset(0.3f * em),
                  active ? theme::kBar : theme::kOnBar);
        if (touch.tapped) {
            ui.flow.set_language(choice.language);
        }
    }
}

void top_bar(Ui& ui, const Box& bar, std::string_view title) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(bar.min(), bar.max(), theme::kBar);
    Box content = bar.inset(page_margin(em), 0.45f * em);
    Box switch_box = content.take_right(std::min(11.0f * em, content.w * 0.45f));
    language_switch(ui, switch_box);
    content.take_right(em);
    draw_text(draw, ui.fonts.bold, title, content, theme::kOnBar, Align::left);
}

float banner(Ui& ui, const Box& box, std::string_view text, BannerKind kind) {
    float em = ui.em();
    ImU32 strong = theme::kError;
    ImU32 soft = theme::kErrorSoft;
    const char* icon = "warning";
    if (kind == BannerKind::warning) {
        strong = theme::kWarning;
        soft = theme::kWarningSoft;
    } else if (kind == BannerKind::info) {
        strong = theme::kInfo;
        soft = IM_COL32(0xE6, 0xEF, 0xFA, 0xFF);
        icon = "info";
    }
    float icon_size = 1.5f * em;
    float padding = 0.6f * em;
    float text_width = box.w - icon_size - 3 * padding;
    FittedText fitted = fit_text(ui.fonts.bold, text, text_width, box.h - 2 * padding);
    float height = std::max(fitted.height, icon_size) + 2 * padding;
    Box area{box.x, box.y, box.w, height};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(area.min(), area.max(), soft, 0.4f * em);
    draw->AddRectFilled(area.min(), ImVec2(area.x + 0.3f * em, area.y + area.h), strong, 0.4f * em,
                        ImDrawFlags_RoundCornersLeft);
    draw_icon(draw, icon, ImVec2(area.x + padding + icon_size * 0.5f + 0.3f * em, area.center().y),
              icon_size, strong);
    Box text_box{area.x + icon_size + 2 * padding + 0.3f * em, area.y + padding, text_width,
                 area.h - 2 * padding};
    draw_fitted(draw, ui.fonts.bold, fitted, text_box, theme::kText, Align::left, VAlign::middle);
    return height;
}

bool back_button(Ui& ui, const Box& bottom_bar) {
    float em = ui.em();
    Box slot = bottom_bar.inset(0, 0.6f * em);
    Box box = slot;
    box.w = std::min(9.5f * em, bottom_bar.w * 0.3f);
    return button(ui, "back", box, ui.t(Str::common_back), ButtonKind::secondary, "back");
}

}  // namespace motcua::kiosk::ui
