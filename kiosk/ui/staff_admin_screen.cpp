// The admin screen: the settings in force and where to change them, "test connection", and
// "exit the app".

#include <string>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/staff_page.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

void draw_staff_admin_screen(Ui& ui) {
    float em = ui.em();
    bool left = false;
    Box content = staff_page(ui, ui.t(Str::admin_title), left);
    if (left) {
        return;
    }
    const KioskSettings& settings = ui.flow.settings();
    const SettingsFacts& facts = ui.flow.settings_facts();
    const SyncView& view = ui.flow.sync_view();
    Box column =
        content.centered(std::min(content.w, (is_portrait() ? 48.0f : 64.0f) * em), content.h);

    const std::string& not_set = ui.t(Str::admin_not_set);
    // Landscape: two columns of settings side by side; portrait: one.
    Box left_facts = column;
    Box right_facts = column;
    if (!is_portrait()) {
        Box both = column;
        left_facts = both.take_left(both.w * 0.5f - 0.8f * em);
        both.take_left(1.6f * em);
        right_facts = both;
    }
    fact_row(ui, left_facts, ui.t(Str::admin_unit),
             ui.text(settings.unit_name) + " (" + settings.unit_code + ")");
    fact_row(ui, left_facts, ui.t(Str::admin_kiosk), settings.kiosk_id);
    fact_row(ui, left_facts, ui.t(Str::admin_server),
             facts.server_url.empty() ? not_set : facts.server_url);
    fact_row(ui, left_facts, ui.t(Str::admin_window), facts.sync_window);
    fact_row(
        ui, left_facts, ui.t(Str::admin_idle),
        ui.format(Str::admin_seconds, {{"citizen", std::to_string(settings.idle_seconds)},
                                       {"staff", std::to_string(settings.staff_idle_seconds)}}));
    if (is_portrait()) {
        right_facts = left_facts;
    }
    fact_row(ui, right_facts, ui.t(Str::admin_language),
             ui.t(settings.language == Language::vi ? Str::language_vi : Str::language_en));
    fact_row(ui, right_facts, ui.t(Str::admin_pattern), facts.dossier_pattern);
    fact_row(ui, right_facts, ui.t(Str::admin_form), facts.form);
    fact_row(ui, right_facts, ui.t(Str::admin_scoring), facts.scoring_profile);
    fact_row(ui, right_facts, ui.t(Str::admin_config),
             facts.config_file.empty() ? ui.t(Str::admin_defaults) : facts.config_file);
    float used = std::max(left_facts.y, right_facts.y) - column.y;
    if (is_portrait()) {
        used = right_facts.y - column.y;
    }
    column.take_top(used);
    column.take_top(0.3f * em);
    column.take_top(banner(ui, column, ui.t(Str::admin_edit_there), BannerKind::info));
    column.take_top(0.8f * em);

    if (view.testing_connection) {
        column.take_top(banner(ui, column, ui.t(Str::admin_testing), BannerKind::info));
        column.take_top(0.6f * em);
    } else if (view.connection_ok) {
        Str text = *view.connection_ok ? Str::admin_test_ok : Str::admin_test_failed;
        column.take_top(banner(ui, column, ui.format(text, {{"message", view.connection_message}}),
                               *view.connection_ok ? BannerKind::info : BannerKind::error));
        column.take_top(0.6f * em);
    }
    Box row = column.take_top(3.4f * em);
    if (view.enabled && !view.testing_connection &&
        button(ui, "admin.test", row.column(0, 2, 0.8f * em), ui.t(Str::admin_test),
               ButtonKind::secondary)) {
        ui.flow.test_connection();
        return;
    }
    if (ui.flow.unsaved_count() > 0) {
        std::string warning =
            ui.format(Str::staff_unsaved, {{"n", std::to_string(ui.flow.unsaved_count())}});
        column.take_top(0.6f * em);
        banner(ui, column, warning, BannerKind::warning);
    }
    if (button(ui, "staff.exit", row.column(1, 2, 0.8f * em), ui.t(Str::staff_exit),
               ButtonKind::danger)) {
        ui.flow.request_exit();
    }
}

}  // namespace motcua::kiosk::ui
