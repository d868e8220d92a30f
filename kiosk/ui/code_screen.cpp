// The dossier code keypad: what was typed over the shape still expected, the reason when a code
// was refused, and keys big enough for a thumb with only the characters codes use.

#include <algorithm>
#include <string>

#include "kiosk/ui/code_keypad.hpp"
#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

Str problem_text(DossierCodeProblem problem) {
    switch (problem) {
        case DossierCodeProblem::empty:
            return Str::code_problem_empty;
        case DossierCodeProblem::too_long:
            return Str::code_problem_too_long;
        case DossierCodeProblem::invalid_utf8:
        case DossierCodeProblem::control_character:
            return Str::code_problem_unreadable;
        default:
            return Str::code_problem_bad_shape;
    }
}

// The unit's own prefix ("000.00.24.H18-") when the example starts with it: one tap instead
// of fourteen.
std::string unit_prefix(const Ui& ui) {
    const std::string& unit = ui.flow.settings().unit_code;
    const std::string& example = ui.flow.code_rules().example;
    if (unit.empty() || example.rfind(unit, 0) != 0 || example.size() <= unit.size()) {
        return {};
    }
    return unit + example[unit.size()];
}

}  // namespace

void draw_code_screen(Ui& ui) {
    float em = ui.em();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)), ui.t(Str::code_title));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box content = page.inset(margin, 0.9f * em);

    // Left (or top): instruction, the field, the example, the reason for a refusal; right (or
    // bottom): the keys.
    Box info;
    KeypadPress press = draw_code_panel(ui, content,
                                        {{},
                                         ui.t(Str::code_instruction),
                                         ui.flow.code_text(),
                                         ui.flow.code_problem() != DossierCodeProblem::none},
                                        info);
    if (press.kind == KeypadPress::Kind::erase) {
        ui.flow.erase_last();
        return;
    }
    if (press.kind == KeypadPress::Kind::type) {
        ui.flow.type_on_keypad(press.text);
        return;
    }
    std::string prefix = unit_prefix(ui);
    if (ui.flow.code_text().empty() && !prefix.empty() &&
        ui.flow.code_problem() == DossierCodeProblem::none) {
        Box chip = info.take_top(2.6f * em);
        chip.w = std::min(chip.w, 12.0f * em);
        if (button(ui, "code.prefix", chip, prefix, ButtonKind::secondary)) {
            ui.flow.type_on_keypad(prefix);
            return;
        }
        info.take_top(0.6f * em);
    }
    if (ui.flow.code_problem() != DossierCodeProblem::none) {
        info.take_top(
            banner(ui, info, ui.t(problem_text(ui.flow.code_problem())), BannerKind::error));
        info.take_top(0.6f * em);
    }
    const std::string& scan_hint = ui.t(Str::code_scan_anytime);
    draw_text(ImGui::GetWindowDrawList(), ui.fonts.body, scan_hint,
              info.take_top(text_height(ui.fonts.body, scan_hint, info.w)), theme::kTextMuted,
              Align::left, VAlign::top);

    // Bottom: back, clear, OK.
    if (back_button(ui, bottom)) {
        ui.flow.go_back();
        return;
    }
    Box slot = bottom.inset(0, 0.6f * em);
    Box ok_box = slot.take_right(std::min(11.0f * em, slot.w * 0.34f));
    slot.take_right(0.8f * em);
    Box clear_box = slot.take_right(std::min(8.0f * em, slot.w * 0.3f));
    if (!ui.flow.code_text().empty() &&
        button(ui, "code.clear", clear_box, ui.t(Str::code_clear), ButtonKind::quiet)) {
        ui.flow.clear_code();
        return;
    }
    if (button(ui, "code.ok", ok_box, ui.t(Str::code_ok), ButtonKind::primary)) {
        ui.flow.submit_code();
    }
}

}  // namespace motcua::kiosk::ui
