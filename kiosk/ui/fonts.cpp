#include "kiosk/ui/fonts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/cpu_time.hpp"

namespace motcua::kiosk::ui {

namespace {

// Beyond ImGui's GetGlyphRangesVietnamese(): Latin-1 and Latin Extended-A whole (Đ, Ă, Ĩ, Ũ
// and names in other Latin languages), general punctuation (– — ‘ ’ “ ” • …), ₫ and €.
// Zero-terminated pairs, as ImGui expects.
constexpr ImWchar kExtraRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A
    0x01A0, 0x01B0,  // Ơ ơ Ư ư
    0x0300, 0x0323,  // combining marks, should decomposed text slip through
    0x1EA0, 0x1EF9,  // Latin Extended Additional: Vietnamese tones
    0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
    0x2030, 0x203A,  // per mille, primes, angle quotes
    0x20AB, 0x20AC,  // ₫ €
    0,
};

constexpr ImWchar kDigitRanges[] = {0x0020, 0x0020, 0x002B, 0x002B, 0x0030, 0x0039, 0};
// kDigitRanges plus '?' and 'i' (kiosk/ui/icons.cpp: the question and info signs).
constexpr ImWchar kIconTextRanges[] = {0x0020, 0x0020, 0x002B, 0x002B, 0x0030, 0x0039,
                                       0x003F, 0x003F, 0x0069, 0x0069, 0};

bool has_faces(const std::filesystem::path& dir, const char* regular, const char* bold,
               FontFiles& out) {
    std::error_code error;
    std::filesystem::path r = dir / regular;
    std::filesystem::path b = dir / bold;
    if (std::filesystem::is_regular_file(r, error) && std::filesystem::is_regular_file(b, error)) {
        out = {r, b};
        return true;
    }
    return false;
}

}  // namespace

std::optional<FontFiles> find_font_files(const std::filesystem::path& exe_dir) {
    std::vector<std::filesystem::path> noto_dirs;
    if (const char* dir = std::getenv("MOTCUA_FONT_DIR"); dir && *dir) {
        noto_dirs.emplace_back(dir);
    }
    noto_dirs.push_back(exe_dir / "fonts");
    noto_dirs.emplace_back("/usr/share/fonts/truetype/noto");
    FontFiles files;
    for (const std::filesystem::path& dir : noto_dirs) {
        if (has_faces(dir, "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", files)) {
            return files;
        }
    }
    if (has_faces("/usr/share/fonts/truetype/dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
                  files)) {
        return files;
    }
    return std::nullopt;
}

float em_for_display(float width, float height) {
    float long_side = std::max(width, height);
    float short_side = std::min(width, height);
    float em = std::min(long_side / 44.0f, short_side / 28.0f);
    return std::clamp(em, 12.0f, 96.0f);
}

FontSet Fonts::build(ImFontAtlas& atlas, const FontFiles& files, float em,
                     const std::vector<std::string_view>& texts) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(atlas.GetGlyphRangesVietnamese());
    builder.AddRanges(kExtraRanges);
    for (std::string_view text : texts) {
        builder.AddText(text.data(), text.data() + text.size());
    }
    ranges_.clear();
    builder.BuildRanges(&ranges_);

    atlas.Clear();
    // The big faces need no horizontal oversampling; it would only grow the texture.
    auto add = [&](const std::filesystem::path& file, float size, int oversample,
                   const ImWchar* ranges) {
        ImFontConfig config;
        config.OversampleH = oversample;
        config.OversampleV = 1;
        config.PixelSnapH = true;
        ImFont* font = atlas.AddFontFromFileTTF(file.c_str(), size, &config, ranges);
        if (!font) {
            throw FontError("cannot load font " + file.string());
        }
        return font;
    };
    FontSet set;
    set.em = em;
    set.body = add(files.regular, em, 2, ranges_.Data);
    set.bold = add(files.bold, em, 2, ranges_.Data);
    set.heading = add(files.bold, std::round(em * 1.45f), 1, ranges_.Data);
    set.title = add(files.bold, std::round(em * 2.1f), 1, ranges_.Data);
    set.digits = add(files.bold, std::round(em * 3.2f), 1, kDigitRanges);
    set.icon_text = add(files.bold, std::round(em * 4.4f), 1, kIconTextRanges);
    if (!atlas.Build()) {
        throw FontError("cannot build the font atlas at " + std::to_string(em) + " px");
    }
    return set;
}

std::unique_ptr<BuiltFonts> build_fonts(const FontFiles& files, float em,
                                        const std::vector<std::string>& texts) {
    const double start_ms = thread_cpu_ms();
    auto built = std::make_unique<BuiltFonts>();
    std::vector<std::string_view> views(texts.begin(), texts.end());
    built->set = built->fonts.build(built->atlas, files, em, views);
    built->cpu_ms = thread_cpu_ms() - start_ms;
    return built;
}

int glyph_count(const ImFontAtlas& atlas) {
    int count = 0;
    for (const ImFont* font : atlas.Fonts) {
        count += font->Glyphs.Size;
    }
    return count;
}

ImFont* font_for_size(float size, const char* text) {
    ImFont* best = nullptr;
    for (ImFont* font : ImGui::GetIO().Fonts->Fonts) {
        bool covers = true;
        for (const char* c = text; *c; ++c) {
            covers = covers && font->FindGlyphNoFallback(static_cast<ImWchar>(*c)) != nullptr;
        }
        if (!covers) {
            continue;
        }
        bool big_enough = font->FontSize >= size;
        bool best_big_enough = best && best->FontSize >= size;
        if (!best || (big_enough && (!best_big_enough || font->FontSize < best->FontSize)) ||
            (!big_enough && !best_big_enough && font->FontSize > best->FontSize)) {
            best = font;
        }
    }
    return best ? best : ImGui::GetFont();
}

}  // namespace motcua::kiosk::ui
