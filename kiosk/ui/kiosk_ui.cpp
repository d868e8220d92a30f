#include "kiosk/ui/kiosk_ui.hpp"

#include <cstdio>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"

namespace motcua::kiosk::ui {

std::string clock_text(const Clock& clock) {
    UtcMillis now = clock.now_utc();
    std::int64_t local_minutes = (now / 60000) + clock.utc_offset_minutes(now);
    std::int64_t minute_of_day = ((local_minutes % 1440) + 1440) % 1440;
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                  static_cast<int>(minute_of_day % 60));
    return text;
}

void draw_kiosk(Ui& ui) {
    ui.hits.clear();
    if (ui.flow.screen() != ui.state.last_screen) {
        ui.state = UiState{};
        ui.state.last_screen = ui.flow.screen();
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav |
                                   ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::PushFont(ui.fonts.body);
    ImGui::Begin("##kiosk", nullptr, flags);
    switch (ui.flow.screen()) {
        case Screen::welcome:
            draw_welcome_screen(ui);
            break;
        case Screen::code_entry:
            draw_code_screen(ui);
            break;
        case Screen::stage_choice:
            draw_stage_screen(ui);
            break;
        case Screen::question:
            draw_question_screen(ui);
            break;
        case Screen::follow_up:
            draw_follow_up_screen(ui);
            break;
        case Screen::review:
            draw_review_screen(ui);
            break;
        case Screen::thank_you:
            draw_thanks_screen(ui);
            break;
        case Screen::already_rated:
            draw_already_rated_screen(ui);
            break;
        case Screen::save_failed:
            draw_save_failed_screen(ui);
            break;
        case Screen::staff_pin:
            draw_pin_screen(ui);
            break;
        case Screen::staff_menu:
            draw_staff_menu_screen(ui);
            break;
        case Screen::staff_tally:
            draw_staff_tally_screen(ui);
            break;
        case Screen::staff_report:
            draw_staff_report_screen(ui);
            break;
        case Screen::staff_export:
            draw_staff_export_screen(ui);
            break;
        case Screen::staff_sync:
            draw_staff_sync_screen(ui);
            break;
        case Screen::staff_admin:
            draw_staff_admin_screen(ui);
            break;
        case Screen::staff_paper:
            draw_staff_paper_screen(ui);
            break;
        case Screen::staff_void:
            draw_staff_void_screen(ui);
            break;
        case Screen::staff_audit:
            draw_staff_audit_screen(ui);
            break;
    }
    ImGui::End();
    if (std::optional<int> seconds = ui.flow.countdown_seconds_left()) {
        draw_countdown_overlay(ui, *seconds);
    }
    ImGui::PopFont();

    // Pointer activity keeps the session alive. Noted after drawing, so the touch that
    // dismisses the countdown does not also press what lies under it.
    bool pointer_moved = io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
    if (io.MouseClicked[0] || io.MouseReleased[0] || pointer_moved) {
        ui.flow.on_pointer();
    }
}

}  // namespace motcua::kiosk::ui
