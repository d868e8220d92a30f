#include "ui_harness.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>
#include <cfloat>

#include "core/config.hpp"
#include "kiosk/ui/theme.hpp"

namespace motcua::kiosk::testing {

ui::Strings load_strings() {
    return ui::Strings::load(assets_dir() / "i18n");
}

namespace {

app::StaffRecordsSetup records_setup(const std::filesystem::path& folder) {
    app::StaffRecordsSetup setup;
    setup.default_folder = folder / "exports";
    setup.media_root = folder / "media";
    return setup;
}

}  // namespace

HeadlessUi::HeadlessUi(FlowHarness& harness, float width, float height)
    : harness_(harness),
      strings_(load_strings()),
      reports_(harness.form, harness.clock),
      records_(reports_.connection, harness.clock, records_setup(reports_.folder),
               [](std::string_view) {}) {
    harness_.flow.set_staff_records(&records_);
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    std::optional<ui::FontFiles> files = ui::find_font_files(".");
    REQUIRE(files.has_value());
    std::vector<std::string_view> texts = strings_.all();
    fonts_ = font_storage_.build(*io.Fonts, *files, ui::em_for_display(width, height), texts);
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ui::theme::apply_style(ImGui::GetStyle(), fonts_.em);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

HeadlessUi::~HeadlessUi() {
    harness_.flow.set_staff_records(nullptr);
    ImGui::DestroyContext();
}

void HeadlessUi::frame() {
    ImGui::NewFrame();
    ui::Ui ui{harness_.flow, strings_, fonts_, harness_.clock, hits_, state_, reports_.reports};
    ui::draw_kiosk(ui);
    ImGui::Render();
}

bool HeadlessUi::on_screen(const std::string& name) {
    frame();
    return hits_.find(name).has_value();
}

void HeadlessUi::move_to(const std::string& name) {
    frame();
    std::optional<ui::Box> box = hits_.find(name);
    INFO("tap target " << name << " on screen " << to_string(harness_.flow.screen()));
    REQUIRE(box.has_value());
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = box->center();
    frame();
}

void HeadlessUi::tap(const std::string& name) {
    move_to(name);
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    // A finger leaves nothing hovered behind.
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
}

void HeadlessUi::hold(const std::string& name, double seconds) {
    move_to(name);
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = true;
    frame();
    harness_.clock.advance_ms(static_cast<std::int64_t>(seconds * 1000));
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
}

}  // namespace motcua::kiosk::testing
