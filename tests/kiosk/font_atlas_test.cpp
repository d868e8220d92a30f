#include <imgui.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <thread>

#include "kiosk/ui/fonts.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

// FNV-1a over the atlas's coverage pixels.
std::uint64_t pixel_checksum(const ImFontAtlas& atlas) {
    std::uint64_t hash = 14695981039346656037ull;
    std::size_t size = static_cast<std::size_t>(atlas.TexWidth) * atlas.TexHeight;
    for (std::size_t i = 0; i < size; ++i) {
        hash = (hash ^ atlas.TexPixelsAlpha8[i]) * 1099511628211ull;
    }
    return hash;
}

}  // namespace

TEST_CASE("the font atlas built on a thread of its own equals one built on the main thread",
          "[fonts]") {
    std::optional<ui::FontFiles> files = ui::find_font_files(".");
    REQUIRE(files.has_value());
    // The kiosk builds it while no ImGui context exists; so does this test.
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(nullptr);
    std::vector<std::string> texts = {"Xin cảm ơn ông/bà!", "Hồ sơ 000.00.24.H18", "ꞌ"};
    std::unique_ptr<ui::BuiltFonts> on_thread;
    std::thread builder([&] { on_thread = ui::build_fonts(*files, 24, texts); });
    builder.join();
    std::unique_ptr<ui::BuiltFonts> here = ui::build_fonts(*files, 24, texts);

    REQUIRE(on_thread->atlas.TexPixelsAlpha8 != nullptr);
    REQUIRE(here->atlas.TexPixelsAlpha8 != nullptr);
    CHECK(on_thread->set.em == 24);
    CHECK(on_thread->atlas.TexWidth == here->atlas.TexWidth);
    CHECK(on_thread->atlas.TexHeight == here->atlas.TexHeight);
    CHECK(ui::glyph_count(on_thread->atlas) == ui::glyph_count(here->atlas));
    CHECK(ui::glyph_count(on_thread->atlas) > 1000);
    CHECK(pixel_checksum(on_thread->atlas) == pixel_checksum(here->atlas));
    CHECK(on_thread->set.title->FindGlyphNoFallback(0xA78C) != nullptr);  // from the texts

    // ImGui's context takes the atlas as it is, without building it again.
    ImGuiContext* context = ImGui::CreateContext(&on_thread->atlas);
    CHECK(ImGui::GetIO().Fonts == &on_thread->atlas);
    CHECK(ImGui::GetIO().Fonts->IsBuilt());
    // The smallest font at least that big: digits at 3.2 em (77 px), icons' text at 4.4 em.
    CHECK(ui::font_for_size(70, "12") == on_thread->set.digits);
    CHECK(ui::font_for_size(80, "12") == on_thread->set.icon_text);
    CHECK(ui::font_for_size(80, "?") == on_thread->set.icon_text);
    ImGui::DestroyContext(context);
    ImGui::SetCurrentContext(previous);
}

TEST_CASE("a different em gives a different atlas", "[fonts]") {
    std::optional<ui::FontFiles> files = ui::find_font_files(".");
    REQUIRE(files.has_value());
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(nullptr);
    std::unique_ptr<ui::BuiltFonts> small = ui::build_fonts(*files, 20, {});
    std::unique_ptr<ui::BuiltFonts> large = ui::build_fonts(*files, 40, {});
    CHECK(small->set.em == 20);
    CHECK(large->set.em == 40);
    CHECK(large->atlas.TexWidth * large->atlas.TexHeight >
          small->atlas.TexWidth * small->atlas.TexHeight);
    ImGui::SetCurrentContext(previous);
}
