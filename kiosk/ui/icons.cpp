#include "kiosk/ui/icons.hpp"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/fonts.hpp"

// [SECTION] Shared strokes
// [SECTION] Faces
// [SECTION] Thumbs
// [SECTION] Clocks and counts
// [SECTION] Marks and signs
// [SECTION] Documents
// [SECTION] Dispatch

namespace motcua::kiosk::ui {

namespace {

constexpr float kPi = 3.14159265f;
constexpr ImU32 kInk = IM_COL32(0x1A, 0x1A, 0x1A, 0xFF);
constexpr ImU32 kPaper = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);

ImVec2 at(ImVec2 c, float dx, float dy) {
    return {c.x + dx, c.y + dy};
}

//-----------------------------------------------------------------------------
// [SECTION] Shared strokes
//-----------------------------------------------------------------------------

void arc(ImDrawList* d, ImVec2 c, float r, float from, float to, ImU32 color, float thickness) {
    d->PathArcTo(c, r, from, to, 24);
    d->PathStroke(color, 0, thickness);
}

void check_mark(ImDrawList* d, ImVec2 c, float s, ImU32 color, float thickness) {
    ImVec2 points[] = {at(c, -0.30f * s, 0.02f * s), at(c, -0.08f * s, 0.24f * s),
                       at(c, 0.32f * s, -0.22f * s)};
    d->AddPolyline(points, 3, color, 0, thickness);
}

void cross_mark(ImDrawList* d, ImVec2 c, float s, ImU32 color, float thickness) {
    float k = 0.24f * s;
    d->AddLine(at(c, -k, -k), at(c, k, k), color, thickness);
    d->AddLine(at(c, -k, k), at(c, k, -k), color, thickness);
}

// Text is drawn at most at its font's own size: glyphs scaled up would be blurred, and drawn
// blocky by the font texture's nearest magnification (kiosk/app/font_texture.hpp). FontSet's
// icon_text is big enough for every icon up to 7 em.
void centered_text(ImDrawList* d, ImVec2 c, float size, ImU32 color, const char* text) {
    ImFont* font = font_for_size(size, text);
    size = std::min(size, font->FontSize);
    ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, text);
    d->AddText(font, size, at(c, -extent.x * 0.5f, -extent.y * 0.5f), color, text);
}

//-----------------------------------------------------------------------------
// [SECTION] Faces
//-----------------------------------------------------------------------------

// mood: 2 very happy, 1 happy, 0 neutral, -1 sad, -2 very sad.
void face(ImDrawList* d, ImVec2 c, float s, ImU32 fill, int mood) {
    float r = s * 0.46f;
    float line = std::max(2.0f, s * 0.05f);
    d->AddCircleFilled(c, r, fill, 48);
    d->AddCircle(c, r, kInk, 48, line);
    float eye_y = -0.14f * s;
    float eye_r = 0.055f * s;
    d->AddCircleFilled(at(c, -0.15f * s, eye_y), eye_r, kInk, 16);
    d->AddCircleFilled(at(c, 0.15f * s, eye_y), eye_r, kInk, 16);
    ImVec2 mouth = at(c, 0, 0.12f * s);
    switch (mood) {
        case 2: {
            // Open smile: a filled half disc.
            d->PathArcTo(at(mouth, 0, -0.04f * s), 0.22f * s, 0, kPi, 24);
            d->PathFillConvex(kInk);
            break;
        }
        case 1:
            arc(d, at(mouth, 0, -0.10f * s), 0.21f * s, 0.2f * kPi, 0.8f * kPi, kInk, line);
            break;
        case 0:
            d->AddLine(at(mouth, -0.17f * s, 0.04f * s), at(mouth, 0.17f * s, 0.04f * s), kInk,
                       line);
            break;
        case -1:
            arc(d, at(mouth, 0, 0.20f * s), 0.21f * s, 1.2f * kPi, 1.8f * kPi, kInk, line);
            break;
        default: {
            arc(d, at(mouth, 0, 0.22f * s), 0.22f * s, 1.15f * kPi, 1.85f * kPi, kInk, line * 1.3f);
            // Brows pulled down.
            d->AddLine(at(c, -0.25f * s, -0.28f * s), at(c, -0.08f * s, -0.22f * s), kInk, line);
            d->AddLine(at(c, 0.25f * s, -0.28f * s), at(c, 0.08f * s, -0.22f * s), kInk, line);
            break;
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Thumbs
//-----------------------------------------------------------------------------

// A fist with the thumb raised (up) or lowered (down), on a coloured disc.
void thumb(ImDrawList* d, ImVec2 c, float s, ImU32 fill, bool up) {
    float r = s * 0.46f;
    float line = std::max(2.0f, s * 0.045f);
    d->AddCircleFilled(c, r, fill, 48);
    d->AddCircle(c, r, kInk, 48, line);
    float flip = up ? 1.0f : -1.0f;
    auto p = [&](float dx, float dy) { return at(c, dx * s, dy * s * flip); };
    // Cuff, fist, thumb; drawn in paper colour with an ink outline.
    ImVec2 cuff_a = p(-0.30f, -0.02f), cuff_b = p(-0.19f, 0.28f);
    ImVec2 fist_a = p(-0.17f, -0.04f), fist_b = p(0.22f, 0.28f);
    ImVec2 cuff_min{std::min(cuff_a.x, cuff_b.x), std::min(cuff_a.y, cuff_b.y)};
    ImVec2 cuff_max{std::max(cuff_a.x, cuff_b.x), std::max(cuff_a.y, cuff_b.y)};
    ImVec2 fist_min{std::min(fist_a.x, fist_b.x), std::min(fist_a.y, fist_b.y)};
    ImVec2 fist_max{std::max(fist_a.x, fist_b.x), std::max(fist_a.y, fist_b.y)};
    float round = 0.06f * s;
    d->AddRectFilled(cuff_min, cuff_max, kPaper, round * 0.5f);
    d->AddRect(cuff_min, cuff_max, kInk, round * 0.5f, 0, line);
    d->AddRectFilled(fist_min, fist_max, kPaper, round);
    d->AddRect(fist_min, fist_max, kInk, round, 0, line);
    // Finger lines.
    for (int i = 1; i < 4; ++i) {
        float fy = -0.04f + 0.08f * static_cast<float>(i);
        d->AddLine(p(0.06f, fy), p(0.22f, fy), kInk, line * 0.7f);
    }
    // Thumb: a rounded bar rising from the fist.
    ImVec2 thumb_a = p(-0.12f, -0.32f), thumb_b = p(0.02f, -0.02f);
    ImVec2 thumb_min{std::min(thumb_a.x, thumb_b.x), std::min(thumb_a.y, thumb_b.y)};
    ImVec2 thumb_max{std::max(thumb_a.x, thumb_b.x), std::max(thumb_a.y, thumb_b.y)};
    d->AddRectFilled(thumb_min, thumb_max, kPaper, 0.07f * s);
    d->AddRect(thumb_min, thumb_max, kInk, 0.07f * s, 0, line);
}

//-----------------------------------------------------------------------------
// [SECTION] Clocks and counts
//-----------------------------------------------------------------------------

// A clock with a badge: early (arrow back), on time (check), late (exclamation).
void clock_icon(ImDrawList* d, ImVec2 c, float s, ImU32 fill, int kind) {
    float r = s * 0.40f;
    float line = std::max(2.0f, s * 0.05f);
    ImVec2 face_center = at(c, -0.05f * s, 0.03f * s);
    d->AddCircleFilled(face_center, r, kPaper, 48);
    d->AddCircle(face_center, r, kInk, 48, line);
    for (int i = 0; i < 12; ++i) {
        float a = static_cast<float>(i) * kPi / 6;
        float inner = i % 3 == 0 ? 0.78f : 0.86f;
        d->AddLine(at(face_center, std::cos(a) * r * inner, std::sin(a) * r * inner),
                   at(face_center, std::cos(a) * r * 0.95f, std::sin(a) * r * 0.95f), kInk,
                   line * 0.6f);
    }
    d->AddLine(face_center, at(face_center, 0, -r * 0.62f), kInk, line);
    d->AddLine(face_center, at(face_center, r * 0.45f, r * 0.12f), kInk, line);
    d->AddCircleFilled(face_center, line, kInk, 12);
    ImVec2 badge = at(c, 0.30f * s, 0.30f * s);
    float br = 0.17f * s;
    d->AddCircleFilled(badge, br, fill, 32);
    d->AddCircle(badge, br, kInk, 32, line * 0.8f);
    switch (kind) {
        case 0: {  // early: an arrow pointing back
            ImVec2 tip = at(badge, -0.09f * s, 0);
            d->AddLine(tip, at(badge, 0.09f * s, 0), kInk, line);
            d->AddLine(tip, at(tip, 0.07f * s, -0.07f * s), kInk, line);
            d->AddLine(tip, at(tip, 0.07f * s, 0.07f * s), kInk, line);
            break;
        }
        case 1:
            check_mark(d, badge, 0.36f * s, kInk, line);
            break;
        default:
            d->AddLine(at(badge, 0, -0.09f * s), at(badge, 0, 0.03f * s), kInk, line * 1.2f);
            d->AddCircleFilled(at(badge, 0, 0.085f * s), line * 0.7f, kInk, 12);
            break;
    }
}

void count_icon(ImDrawList* d, ImVec2 c, float s, ImU32 fill, const char* text) {
    float r = s * 0.46f;
    d->AddCircleFilled(c, r, fill, 48);
    d->AddCircle(c, r, kInk, 48, std::max(2.0f, s * 0.05f));
    centered_text(d, c, s * 0.5f, kInk, text);
}

//-----------------------------------------------------------------------------
// [SECTION] Marks and signs
//-----------------------------------------------------------------------------

void disc_with_mark(ImDrawList* d, ImVec2 c, float s, ImU32 fill, bool check) {
    float r = s * 0.46f;
    float line = std::max(3.0f, s * 0.09f);
    d->AddCircleFilled(c, r, fill, 48);
    if (check) {
        check_mark(d, c, s * 1.1f, kPaper, line);
    } else {
        cross_mark(d, c, s * 1.1f, kPaper, line);
    }
}

void sign(ImDrawList* d, ImVec2 c, float s, ImU32 fill, const char* glyph) {
    d->AddCircleFilled(c, s * 0.46f, fill, 48);
    centered_text(d, c, s * 0.62f, kPaper, glyph);
}

void warning_sign(ImDrawList* d, ImVec2 c, float s, ImU32 fill) {
    ImVec2 top = at(c, 0, -0.42f * s);
    ImVec2 left = at(c, -0.48f * s, 0.40f * s);
    ImVec2 right = at(c, 0.48f * s, 0.40f * s);
    d->AddTriangleFilled(top, right, left, fill);
    float line = std::max(3.0f, s * 0.08f);
    d->AddLine(at(c, 0, -0.16f * s), at(c, 0, 0.14f * s), kPaper, line);
    d->AddCircleFilled(at(c, 0, 0.27f * s), line * 0.6f, kPaper, 12);
}

void back_arrow(ImDrawList* d, ImVec2 c, float s, ImU32 color) {
    float line = std::max(2.0f, s * 0.1f);
    ImVec2 tip = at(c, -0.32f * s, 0);
    d->AddLine(tip, at(c, 0.32f * s, 0), color, line);
    d->AddLine(at(tip, -line * 0.3f, line * 0.3f), at(c, -0.02f * s, -0.3f * s), color, line);
    d->AddLine(at(tip, -line * 0.3f, -line * 0.3f), at(c, -0.02f * s, 0.3f * s), color, line);
}

void erase_key(ImDrawList* d, ImVec2 c, float s, ImU32 color) {
    float line = std::max(2.0f, s * 0.07f);
    ImVec2 shape[] = {at(c, -0.45f * s, 0), at(c, -0.18f * s, -0.28f * s),
                      at(c, 0.42f * s, -0.28f * s), at(c, 0.42f * s, 0.28f * s),
                      at(c, -0.18f * s, 0.28f * s)};
    d->AddPolyline(shape, 5, color, ImDrawFlags_Closed, line);
    cross_mark(d, at(c, 0.1f * s, 0), s * 0.55f, color, line);
}

//-----------------------------------------------------------------------------
// [SECTION] Documents
//-----------------------------------------------------------------------------

// A sheet of paper with text lines; `badge` adds a sign at its lower right.
enum class DocBadge { arrow_in, plus, cross, check };

void document(ImDrawList* d, ImVec2 c, float s, ImU32 color, DocBadge badge) {
    float line = std::max(2.0f, s * 0.045f);
    ImVec2 a = at(c, -0.30f * s, -0.42f * s);
    ImVec2 b = at(c, 0.22f * s, 0.38f * s);
    d->AddRectFilled(a, b, kPaper, 0.04f * s);
    d->AddRect(a, b, kInk, 0.04f * s, 0, line);
    for (int i = 0; i < 4; ++i) {
        float y = -0.26f * s + static_cast<float>(i) * 0.13f * s;
        float right = i == 3 ? 0.0f : 0.12f;
        d->AddLine(at(c, -0.20f * s, y), at(c, right * s, y), kInk, line * 0.7f);
    }
    ImVec2 bc = at(c, 0.24f * s, 0.28f * s);
    float br = 0.20f * s;
    d->AddCircleFilled(bc, br, color, 32);
    float mark = std::max(2.0f, s * 0.06f);
    switch (badge) {
        case DocBadge::arrow_in:
            d->AddLine(at(bc, -0.10f * s, 0), at(bc, 0.10f * s, 0), kPaper, mark);
            d->AddLine(at(bc, 0.10f * s, 0), at(bc, 0.02f * s, -0.08f * s), kPaper, mark);
            d->AddLine(at(bc, 0.10f * s, 0), at(bc, 0.02f * s, 0.08f * s), kPaper, mark);
            break;
        case DocBadge::plus:
            d->AddLine(at(bc, -0.10f * s, 0), at(bc, 0.10f * s, 0), kPaper, mark);
            d->AddLine(at(bc, 0, -0.10f * s), at(bc, 0, 0.10f * s), kPaper, mark);
            break;
        case DocBadge::cross:
            cross_mark(d, bc, 0.55f * s, kPaper, mark);
            break;
        case DocBadge::check:
            check_mark(d, bc, 0.50f * s, kPaper, mark);
            break;
    }
}

// The intake receipt with its barcode, for Welcome.
void receipt(ImDrawList* d, ImVec2 c, float s, ImU32 color) {
    float line = std::max(2.0f, s * 0.02f);
    ImVec2 a = at(c, -0.34f * s, -0.46f * s);
    ImVec2 b = at(c, 0.34f * s, 0.46f * s);
    d->AddRectFilled(a, b, kPaper, 0.03f * s);
    d->AddRect(a, b, kInk, 0.03f * s, 0, line);
    for (int i = 0; i < 3; ++i) {
        float y = -0.34f * s + static_cast<float>(i) * 0.09f * s;
        d->AddLine(at(c, -0.24f * s, y), at(c, (i == 2 ? 0.02f : 0.24f) * s, y), kInk, line);
    }
    // Barcode: bars of varying width.
    const float widths[] = {2, 1, 1, 3, 1, 2, 1, 1, 2, 3, 1, 1, 2, 1, 3, 1, 2, 1, 1, 2};
    float unit = 0.48f * s / 36.0f;
    float x = -0.24f * s;
    bool bar = true;
    for (float w : widths) {
        if (bar) {
            d->AddRectFilled(at(c, x, 0.02f * s), at(c, x + w * unit, 0.30f * s), kInk);
        }
        x += w * unit;
        bar = !bar;
    }
    // A scanner's beam across the barcode.
    d->AddLine(at(c, -0.42f * s, 0.16f * s), at(c, 0.42f * s, 0.16f * s), color, line * 2.5f);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Dispatch
//-----------------------------------------------------------------------------

namespace {

using IconFn = void (*)(ImDrawList*, ImVec2, float, ImU32);

struct NamedIcon {
    std::string_view name;
    IconFn draw;
};

// clang-format off
constexpr NamedIcon kIcons[] = {
    {"face_very_happy", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { face(d, c, s, k, 2); }},
    {"face_happy", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { face(d, c, s, k, 1); }},
    {"face_neutral", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { face(d, c, s, k, 0); }},
    {"face_sad", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { face(d, c, s, k, -1); }},
    {"face_very_sad", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { face(d, c, s, k, -2); }},
    {"thumb_up", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { thumb(d, c, s, k, true); }},
    {"thumb_down", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { thumb(d, c, s, k, false); }},
    {"clock_early", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { clock_icon(d, c, s, k, 0); }},
    {"clock_on_time", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { clock_icon(d, c, s, k, 1); }},
    {"clock_late", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { clock_icon(d, c, s, k, 2); }},
    {"count_0", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { count_icon(d, c, s, k, "0"); }},
    {"count_1", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { count_icon(d, c, s, k, "1"); }},
    {"count_2plus", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { count_icon(d, c, s, k, "2+"); }},
    {"check", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { disc_with_mark(d, c, s, k, true); }},
    {"cross", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { disc_with_mark(d, c, s, k, false); }},
    {"success", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { disc_with_mark(d, c, s, k, true); }},
    {"question", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { sign(d, c, s, k, "?"); }},
    {"info", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { sign(d, c, s, k, "i"); }},
    {"warning", warning_sign},
    {"back", back_arrow},
    {"erase", erase_key},
    {"receipt", receipt},
    {"stage_intake", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { document(d, c, s, k, DocBadge::arrow_in); }},
    {"stage_supplement", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { document(d, c, s, k, DocBadge::plus); }},
    {"stage_refusal", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { document(d, c, s, k, DocBadge::cross); }},
    {"stage_return", [](ImDrawList* d, ImVec2 c, float s, ImU32 k) { document(d, c, s, k, DocBadge::check); }},
};
// clang-format on

const NamedIcon* find_icon(std::string_view name) {
    for (const NamedIcon& icon : kIcons) {
        if (icon.name == name) {
            return &icon;
        }
    }
    return nullptr;
}

}  // namespace

bool draw_icon(ImDrawList* draw, std::string_view name, ImVec2 center, float size, ImU32 color) {
    const NamedIcon* icon = find_icon(name);
    if (!icon) {
        return false;
    }
    icon->draw(draw, center, size, color);
    return true;
}

bool is_known_icon(std::string_view name) {
    return find_icon(name) != nullptr;
}

}  // namespace motcua::kiosk::ui
