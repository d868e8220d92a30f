#pragma once
// The building blocks every screen uses: touch targets, buttons, text that fits its box, bars.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

//-----------------------------------------------------------------------------
// Text
//-----------------------------------------------------------------------------

enum class Align { left, center, right };
enum class VAlign { top, middle, bottom };

// Wrapped lines at a size that fits: the font's own size, or smaller (down to `min_scale` of
// it) when the text would not fit the box, or further when a word would otherwise be cut.
// Translations of different lengths never overflow. `balanced` evens out the lines' lengths.
struct FittedText {
    float size = 0;
    float line_height = 0;
    std::vector<std::pair<const char*, const char*>> lines;
    float width = 0;   // widest line
    float height = 0;  // all lines
    bool fits = false;
};
FittedText fit_text(ImFont* font, std::string_view text, float max_width, float max_height,
                    float min_scale = 0.6f, bool balanced = false);
// Draws fitted text in `box`. The string behind `text` must still be alive.
void draw_fitted(ImDrawList* draw, ImFont* font, const FittedText& text, const Box& box,
                 ImU32 color, Align align = Align::center, VAlign valign = VAlign::middle);
// Both at once (centred text is balanced); returns the height used.
float draw_text(ImDrawList* draw, ImFont* font, std::string_view text, const Box& box, ImU32 color,
                Align align = Align::center, VAlign valign = VAlign::middle,
                float min_scale = 0.6f);
// Height `text` needs when wrapped at `width` in `font` at its own size.
float text_height(ImFont* font, std::string_view text, float width);
// The day of the week of a valid "YYYY-MM-DD".
Str weekday_name(const std::string& iso_date);
// "Thứ Tư, ngày 25/11/2026" / "Wednesday 25/11/2026" for a valid "YYYY-MM-DD".
std::string long_date(const Ui& ui, const std::string& iso_date);

//-----------------------------------------------------------------------------
// Touch targets
//-----------------------------------------------------------------------------

struct Touch {
    bool tapped = false;   // released over the target this frame
    bool pressed = false;  // finger down on it now (for pressed-state feedback)
    bool held = false;     // pressed here and not yet released, wherever the finger is now
};
// An invisible target over `box`, recorded in the hit map as `name`.
Touch touch_area(Ui& ui, const std::string& name, const Box& box);

enum class ButtonKind { primary, secondary, danger, quiet };
// A rounded button with a label and an optional icon to its left; true when tapped.
bool button(Ui& ui, const std::string& name, const Box& box, std::string_view label,
            ButtonKind kind, std::string_view icon = {});

// The small number in a corner that tells button-box users which key picks this answer.
void key_badge(ImDrawList* draw, ImVec2 center, float radius, int number, ImU32 fill, ImU32 text,
               ImFont* font);

// Rows of these heights centred in `area` with equal gaps between min_gap and max_gap.
std::vector<Box> stack_rows(const Box& area, const std::vector<float>& heights, float min_gap,
                            float max_gap);

//-----------------------------------------------------------------------------
// Bars and banners
//-----------------------------------------------------------------------------

inline float top_bar_height(float em) {
    return 2.8f * em;
}
inline float bottom_bar_height(float em) {
    return 4.2f * em;
}
inline float page_margin(float em) {
    return is_portrait() ? 1.2f * em : 1.6f * em;
}

// The blue bar on top: `title` at the left, the language switch at the right.
void top_bar(Ui& ui, const Box& bar, std::string_view title);
// "Tiếng Việt | English", each in its own language.
void language_switch(Ui& ui, const Box& box);

enum class BannerKind { error, warning, info };
// A message in a tinted box with a sign; returns the height used (fits `box`'s width).
float banner(Ui& ui, const Box& box, std::string_view text, BannerKind kind);

// The bottom strip's standard "Back" button, at its left.
bool back_button(Ui& ui, const Box& bottom_bar);

}  // namespace motcua::kiosk::ui
