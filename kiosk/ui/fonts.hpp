#pragma once
// Noto Sans at the sizes the kiosk uses, with every glyph Vietnamese needs (ơ, ư, đ, all the
// tone marks), ₫, dashes, curly quotes and "…", plus every character of the texts given.

#include <imgui.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::kiosk::ui {

class FontError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct FontFiles {
    std::filesystem::path regular;
    std::filesystem::path bold;
};

// Looks in $MOTCUA_FONT_DIR, then <exe_dir>/fonts (installed beside the app), then
// fonts-noto-core's folder, then fonts-dejavu-core's. nullopt when none has both faces.
std::optional<FontFiles> find_font_files(const std::filesystem::path& exe_dir);

// The font size in pixels for a display: the layouts need about 44 em along the long side and
// 28 em along the short one.
float em_for_display(float width, float height);

struct FontSet {
    float em = 0;
    ImFont* body = nullptr;     // 1 em
    ImFont* bold = nullptr;     // 1 em, bold
    ImFont* heading = nullptr;  // 1.45 em, bold: questions, screen titles
    ImFont* title = nullptr;    // 2.1 em, bold: welcome and thank-you
    ImFont* digits = nullptr;   // 3.2 em, bold, digits and '+' only: countdown, count icons
    // 4.4 em, bold, the characters icons draw (digits, '+', '?', 'i'): the largest text an
    // icon draws (0.62 of a 7 em icon), so icons' text is never scaled up.
    ImFont* icon_text = nullptr;
};

// The number of glyphs of all fonts of `atlas`, for the start-up log.
int glyph_count(const ImFontAtlas& atlas);

// The smallest font of the current atlas at least `size` pixels high (else the largest) that
// has all of `text`'s characters: big numbers stay sharp instead of being scaled up (and the
// font texture's magnification filter never changes a pixel: kiosk/app/font_texture.hpp).
ImFont* font_for_size(float size, const char* text);

// Owns the glyph ranges the atlas points to; keep it alive as long as the atlas.
class Fonts {
  public:
    // Clears `atlas`, adds the four faces at `em` and builds it. `texts` are all texts the
    // screens may show (strings files, form, unit name). Throws FontError.
    FontSet build(ImFontAtlas& atlas, const FontFiles& files, float em,
                  const std::vector<std::string_view>& texts);

  private:
    ImVector<ImWchar> ranges_;
};

// The fonts at one em in an atlas of their own, built (its coverage pixels made) but not yet
// ImGui's: ImGui::CreateContext(&atlas) hands it over; keep it alive as long as that context.
struct BuiltFonts {
    ImFontAtlas atlas;
    Fonts fonts;
    FontSet set;
    double cpu_ms = 0;  // the CPU time of the thread that built it
};

// Builds BuiltFonts on the calling thread, which may be a thread of its own while no ImGui
// context exists in the process (ImGui counts every allocation in the current context, so a
// context in use on another thread would race). Throws FontError.
std::unique_ptr<BuiltFonts> build_fonts(const FontFiles& files, float em,
                                        const std::vector<std::string>& texts);

}  // namespace motcua::kiosk::ui
