// Upload health in plain words: ratings waiting, the last success, the last error, the
// ratings the server refused with its reason, and "send now" with progress.

#include <string>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_page.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

void draw_quarantined(Ui& ui, Box area, const SyncView& view) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (view.quarantined_items.empty()) {
        draw_text(draw, ui.fonts.body, ui.t(Str::sync_quarantined_none), area.take_top(1.6f * em),
                  theme::kTextMuted, Align::left);
        return;
    }
    for (const QuarantinedView& item : view.quarantined_items) {
        if (area.h < 3.2f * em) {
            break;
        }
        Box row = area.take_top(2.8f * em);
        area.take_top(0.3f * em);
        draw->AddRectFilled(row.min(), row.max(), theme::kErrorSoft, 0.3f * em);
        Box text = row.inset(0.6f * em, 0.2f * em);
        Box top = text.take_top(text.h * 0.5f);
        draw_text(draw, ui.fonts.bold, item.reason, top, theme::kText, Align::left, VAlign::middle,
                  0.6f);
        draw_text(draw, ui.fonts.body,
                  item.rating_id + "  ·  " + local_time_text(ui.clock, item.quarantined_utc), text,
                  theme::kTextMuted, Align::left, VAlign::middle, 0.6f);
    }
}

}  // namespace

void draw_staff_sync_screen(Ui& ui) {
    float em = ui.em();
    bool left = false;
    Box content = staff_page(ui, ui.t(Str::sync_title), left);
    if (left) {
        return;
    }
    const SyncView& view = ui.flow.sync_view();
    Box column = content.centered(std::min(content.w, 44.0f * em), content.h);
    if (!view.enabled) {
        column.take_top(banner(ui, column, ui.t(Str::sync_off), BannerKind::warning));
        column.take_top(0.8f * em);
    }
    fact_row(ui, column, ui.t(Str::sync_waiting), std::to_string(view.pending));
    fact_row(ui, column, ui.t(Str::sync_last_success),
             view.last_success_utc ? local_time_text(ui.clock, *view.last_success_utc)
                                   : ui.t(Str::sync_never));
    fact_row(ui, column, ui.t(Str::sync_last_error),
             view.last_error.empty() ? ui.t(Str::sync_no_error) : view.last_error);
    fact_row(ui, column, ui.t(Str::sync_quarantined), std::to_string(view.quarantined));
    column.take_top(0.6f * em);

    if (view.running) {
        Box action = column.take_top(3.4f * em);
        std::string progress = ui.format(
            Str::sync_running,
            {{"sent", std::to_string(view.run_sent)}, {"total", std::to_string(view.run_total)}});
        banner(ui, action, progress, BannerKind::info);
        column.take_top(0.4f * em);
        if (!view.run_waiting.empty()) {
            column.take_top(banner(ui, column,
                                   ui.format(Str::sync_retrying, {{"why", view.run_waiting}}),
                                   BannerKind::warning));
        }
    } else if (view.enabled) {
        Box action = column.take_top(3.4f * em);
        Box left_half = action.take_left(std::min(action.w, 14.0f * em));
        if (button(ui, "sync.now", left_half, ui.t(Str::sync_now), ButtonKind::primary)) {
            ui.flow.sync_now();
            return;
        }
        if (view.pending == 0) {
            action.take_left(1.0f * em);
            draw_text(ImGui::GetWindowDrawList(), ui.fonts.body, ui.t(Str::sync_all_sent), action,
                      theme::kSuccess, Align::left);
        }
    }
    column.take_top(1.0f * em);
    draw_quarantined(ui, column, view);
}

}  // namespace motcua::kiosk::ui
