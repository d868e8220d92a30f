#include <imgui.h>

#include <catch2/catch.hpp>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/strings.hpp"
#include "ui_harness.hpp"

using namespace motcua;
using namespace motcua::kiosk;

TEST_CASE("the shipped strings have every key in both languages", "[strings]") {
    ui::Strings strings = testing::load_strings();
    CHECK(strings.get(ui::Str::thanks_title, Language::vi) == "Xin cảm ơn ông/bà!");
    CHECK(strings.get(ui::Str::thanks_title, Language::en) == "Thank you!");
    CHECK(strings.all().size() == 2 * ui::Strings::kCount);
    CHECK(strings.format(ui::Str::question_progress, Language::en, {{"i", "3"}, {"n", "7"}}) ==
          "Question 3 of 7");
}

TEST_CASE("a strings file with a missing or unknown key is refused by name", "[strings]") {
    std::string complete = "{";
    for (std::size_t i = 0; i < ui::Strings::kCount; ++i) {
        complete += (i ? ",\"" : "\"") +
                    std::string(ui::Strings::key_name(static_cast<ui::Str>(i))) + "\":\"x\"";
    }
    std::string with_extra = complete + ",\"surplus\":\"x\"}";
    complete += "}";
    CHECK_NOTHROW(ui::Strings::parse(complete, complete, "t"));
    CHECK_THROWS_WITH(ui::Strings::parse(complete, with_extra, "t"),
                      Catch::Contains("unknown key 'surplus'"));
    std::string missing = complete;
    missing.replace(missing.find("\"thanks_title\":\"x\","), 19, "");
    CHECK_THROWS_WITH(ui::Strings::parse(missing, complete, "t"),
                      Catch::Contains("missing text for key 'thanks_title'"));
    CHECK_THROWS_WITH(ui::Strings::parse("[1]", complete, "t"), Catch::Contains("object"));
}

TEST_CASE("the font has Vietnamese, the dong sign and typographic punctuation", "[fonts]") {
    std::optional<ui::FontFiles> files = ui::find_font_files(".");
    REQUIRE(files.has_value());
    ImGui::CreateContext();
    ui::Fonts fonts;
    ui::FontSet set = fonts.build(*ImGui::GetIO().Fonts, *files, 20, {"ꞌ"});
    for (ImFont* font : {set.body, set.bold, set.heading, set.title}) {
        for (char32_t c : std::u32string(U"ĐđƠơƯưẠặẾễỗỹ₫–—‘’“”…")) {
            INFO("U+" << std::hex << static_cast<unsigned>(c));
            CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
        }
    }
    ImGui::DestroyContext();
}

TEST_CASE("em grows with the display and suits landscape and portrait alike", "[fonts]") {
    CHECK(ui::em_for_display(1920, 1080) == Approx(ui::em_for_display(1080, 1920)));
    CHECK(ui::em_for_display(1280, 800) < ui::em_for_display(1920, 1080));
    CHECK(ui::em_for_display(1280, 800) >= 24);
}
