// The dossier code keypad: what was typed over the shape still expected, the reason when a code
// was refused, and keys big enough for a thumb with only the characters codes use.

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

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

// Letters real codes use: those of the configured example and unit code, shown on the digit
// page so most codes need no page switch.
std::string common_letters(const Ui& ui) {
    std::string letters;
    std::string sources = ui.flow.code_rules().example + ui.flow.settings().unit_code;
    for (char c : sources) {
        char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (upper >= 'A' && upper <= 'Z' && letters.find(upper) == std::string::npos) {
            letters += upper;
        }
    }
    return letters.substr(0, 2);
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

void draw_field(Ui& ui, const Box& field) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    bool refused = ui.flow.code_problem() != DossierCodeProblem::none;
    draw->AddRectFilled(field.min(), field.max(), theme::kSurface, 0.4f * em);
    draw->AddRect(field.min(), field.max(), refused ? theme::kError : theme::kPrimary, 0.4f * em, 0,
                  0.16f * em);
    Box inner = field.inset(0.8f * em, 0.3f * em);
    const std::string& typed = ui.flow.code_text();
    if (typed.empty()) {
        draw_text(draw, ui.fonts.body, ui.t(Str::code_placeholder), inner, theme::kTextMuted,
                  Align::left);
        return;
    }
    // The rest of the example in light grey after what was typed shows the shape to come.
    const std::string& example = ui.flow.code_rules().example;
    std::string ghost = typed.size() < example.size() ? example.substr(typed.size()) : "";
    ImFont* font = ui.fonts.heading;
    float size = font->FontSize;
    float typed_w = font->CalcTextSizeA(size, FLT_MAX, 0, typed.c_str()).x;
    float ghost_w = font->CalcTextSizeA(size, FLT_MAX, 0, ghost.c_str()).x;
    if (typed_w + ghost_w > inner.w) {
        size = std::max(size * 0.6f, size * inner.w / (typed_w + ghost_w));
        typed_w = font->CalcTextSizeA(size, FLT_MAX, 0, typed.c_str()).x;
    }
    // Always keep the end of what was typed in view.
    float x = inner.x + std::min(0.0f, inner.w - typed_w - 0.3f * em);
    float y = inner.center().y - size * 0.5f;
    draw->PushClipRect(inner.min(), inner.max(), true);
    draw->AddText(font, size, ImVec2(x, y), theme::kText, typed.c_str());
    draw->AddText(font, size, ImVec2(x + typed_w, y), theme::kGhost, ghost.c_str());
    // A steady caret where the next character goes.
    draw->AddLine(ImVec2(x + typed_w + 0.08f * em, y + 0.1f * size),
                  ImVec2(x + typed_w + 0.08f * em, y + 0.95f * size), theme::kPrimary, 0.12f * em);
    draw->PopClipRect();
}

struct Key {
    std::string name;   // hit-map name
    std::string label;  // what the key shows
    std::string input;  // what it types; empty for the special keys
};

std::vector<Key> keypad_keys(Ui& ui, int& columns) {
    std::vector<Key> keys;
    auto type_key = [&keys](const std::string& text) {
        keys.push_back({"key." + text, text, text});
    };
    Key erase{"key.erase", ui.t(Str::code_erase), ""};
    if (ui.state.keypad_letters) {
        columns = 6;
        for (char c = 'A'; c <= 'Z'; ++c) {
            type_key(std::string(1, c));
        }
        type_key(".");
        type_key("-");
        keys.push_back({"key.digits", ui.t(Str::code_digits), ""});
        keys.push_back(erase);
        return keys;
    }
    columns = 3;
    for (const char* digit : {"1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0", "-"}) {
        type_key(digit);
    }
    std::string letters = common_letters(ui);
    for (char letter : letters.substr(0, 1)) {
        type_key(std::string(1, letter));
    }
    keys.push_back({"key.letters", ui.t(Str::code_letters), ""});
    keys.push_back(erase);
    return keys;
}

void draw_keypad(Ui& ui, const Box& area) {
    float em = ui.em();
    int columns = 3;
    std::vector<Key> keys = keypad_keys(ui, columns);
    int rows = static_cast<int>((keys.size() + columns - 1) / columns);
    float gap = 0.45f * em;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const Key& key = keys[i];
        int r = static_cast<int>(i) / columns;
        int c = static_cast<int>(i) % columns;
        Box cell = area.row(r, rows, gap).column(c, columns, gap);
        bool tapped = false;
        if (key.input.empty()) {
            tapped = button(ui, key.name, cell, key.label, ButtonKind::secondary,
                            key.name == "key.erase" ? "erase" : "");
        } else {
            Touch touch = touch_area(ui, key.name, cell);
            ImDrawList* draw = ImGui::GetWindowDrawList();
            draw->AddRectFilled(cell.min(), cell.max(),
                                touch.pressed ? theme::kSecondaryPressed : theme::kSurface,
                                0.4f * em);
            draw->AddRect(cell.min(), cell.max(), theme::kBorder, 0.4f * em, 0, 0.08f * em);
            draw_text(draw, ui.fonts.heading, key.label, cell, theme::kText);
            tapped = touch.tapped;
        }
        if (!tapped) {
            continue;
        }
        if (key.name == "key.erase") {
            ui.flow.erase_last();
        } else if (key.name == "key.letters") {
            ui.state.keypad_letters = true;
        } else if (key.name == "key.digits") {
            ui.state.keypad_letters = false;
        } else {
            ui.flow.type_on_keypad(key.input);
        }
        return;
    }
}

}  // namespace

void draw_code_screen(Ui& ui) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    Box page = screen_box();
    top_bar(ui, page.take_top(top_bar_height(em)), ui.t(Str::code_title));
    float margin = page_margin(em);
    Box bottom = page.take_bottom(bottom_bar_height(em)).inset(margin, 0);
    Box content = page.inset(margin, 0.9f * em);

    Box info = content;
    Box keypad = content;
    if (is_portrait()) {
        info = content.take_top(content.h * 0.42f);
        content.take_top(0.8f * em);
        keypad = content;
    } else {
        info = content.take_left(content.w * 0.5f);
        content.take_left(1.6f * em);
        keypad = content;
    }

    // Left (or top): instruction, the field, the example, the reason for a refusal.
    const std::string& instruction = ui.t(Str::code_instruction);
    Box instruction_box = info.take_top(text_height(ui.fonts.body, instruction, info.w));
    draw_text(draw, ui.fonts.body, instruction, instruction_box, theme::kText, Align::left);
    info.take_top(0.7f * em);
    draw_field(ui, info.take_top(3.4f * em));
    info.take_top(0.4f * em);
    std::string example = ui.format(Str::code_example, {{"example", ui.flow.code_rules().example}});
    draw_text(draw, ui.fonts.bold, example, info.take_top(1.4f * em), theme::kTextMuted,
              Align::left);
    info.take_top(0.6f * em);

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
    draw_text(draw, ui.fonts.body, scan_hint,
              info.take_top(text_height(ui.fonts.body, scan_hint, info.w)), theme::kTextMuted,
              Align::left, VAlign::top);

    // Right (or bottom): the keys.
    float keypad_width = std::min(keypad.w, (ui.state.keypad_letters ? 30.0f : 20.0f) * em);
    draw_keypad(ui, keypad.centered(keypad_width, keypad.h));
    if (ui.flow.screen() != Screen::code_entry) {
        return;
    }

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
