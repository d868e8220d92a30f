#include "kiosk/ui/code_keypad.hpp"

#include <cctype>
#include <cfloat>
#include <vector>

#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

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

// The keypad's width for the page shown, at most `available`.
float code_keypad_width(const Ui& ui, float available) {
    return std::min(available, (ui.state.keypad_letters ? 30.0f : 20.0f) * ui.em());
}

// Draws the keys in `area` (targets "key.<char>", "key.erase", "key.letters", "key.digits");
// the letters page is ui.state.keypad_letters.
KeypadPress draw_code_keypad(Ui& ui, const Box& area) {
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
            return {KeypadPress::Kind::erase, ""};
        }
        if (key.name == "key.letters") {
            ui.state.keypad_letters = true;
        } else if (key.name == "key.digits") {
            ui.state.keypad_letters = false;
        } else {
            return {KeypadPress::Kind::type, key.input};
        }
        return {};
    }
    return {};
}

// The field: `typed` followed by the rest of the example in grey; a red border when refused.
void draw_code_field(Ui& ui, const Box& field, const std::string& typed, bool refused) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(field.min(), field.max(), theme::kSurface, 0.4f * em);
    draw->AddRect(field.min(), field.max(), refused ? theme::kError : theme::kPrimary, 0.4f * em, 0,
                  0.16f * em);
    Box inner = field.inset(0.8f * em, 0.3f * em);
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

}  // namespace

KeypadPress draw_code_panel(Ui& ui, Box content, const CodePanel& panel, Box& rest) {
    float em = ui.em();
    ImDrawList* draw = ImGui::GetWindowDrawList();
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
    if (panel.draw_above) {
        panel.draw_above(info);
    }
    draw_text(draw, ui.fonts.body, panel.instruction,
              info.take_top(text_height(ui.fonts.body, panel.instruction, info.w)), theme::kText,
              Align::left, VAlign::top);
    info.take_top(0.7f * em);
    draw_code_field(ui, info.take_top(3.4f * em), panel.typed, panel.refused);
    info.take_top(0.4f * em);
    draw_text(draw, ui.fonts.bold,
              ui.format(Str::code_example, {{"example", ui.flow.code_rules().example}}),
              info.take_top(1.4f * em), theme::kTextMuted, Align::left);
    info.take_top(0.6f * em);
    rest = info;
    return draw_code_keypad(ui, keypad.centered(code_keypad_width(ui, keypad.w), keypad.h));
}

}  // namespace motcua::kiosk::ui
