#include "kiosk/ui/text_keyboard.hpp"

#include <vector>

#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace motcua::kiosk::ui {

namespace {

struct KeyDef {
    const char* lower;
    const char* upper;
    float units = 1.0f;  // width in key widths
};

// Rows of ten key widths each; an empty `lower` is a special key named by `upper`.
const std::vector<std::vector<KeyDef>>& keyboard_rows() {
    static const std::vector<std::vector<KeyDef>> rows = {
        {{"1", "1"},
         {"2", "2"},
         {"3", "3"},
         {"4", "4"},
         {"5", "5"},
         {"6", "6"},
         {"7", "7"},
         {"8", "8"},
         {"9", "9"},
         {"0", "0"}},
        {{"q", "Q"},
         {"w", "W"},
         {"e", "E"},
         {"r", "R"},
         {"t", "T"},
         {"y", "Y"},
         {"u", "U"},
         {"i", "I"},
         {"o", "O"},
         {"p", "P"}},
        {{"a", "A"},
         {"s", "S"},
         {"d", "D"},
         {"f", "F"},
         {"g", "G"},
         {"h", "H"},
         {"j", "J"},
         {"k", "K"},
         {"l", "L"},
         {"đ", "Đ"}},
        {{"", "case", 1.5f},
         {"z", "Z"},
         {"x", "X"},
         {"c", "C"},
         {"v", "V"},
         {"b", "B"},
         {"n", "N"},
         {"m", "M"},
         {"", "erase", 1.5f}},
        {{"ă", "Ă"},
         {"â", "Â"},
         {"ê", "Ê"},
         {"ô", "Ô"},
         {"ơ", "Ơ"},
         {"ư", "Ư"},
         {",", ","},
         {".", "."},
         {"-", "-"},
         {"/", "/"}},
        {{"", "tone.0"},
         {"", "tone.1"},
         {"", "tone.2"},
         {"", "tone.3"},
         {"", "tone.4"},
         {"", "space", 5.0f}},
    };
    return rows;
}

// What each tone key shows: its mark on an "a".
constexpr const char* kToneLabels[] = {"á", "à", "ả", "ã", "ạ"};

}  // namespace

KeyboardPress draw_text_keyboard(Ui& ui, const Box& area) {
    float em = ui.em();
    float gap = 0.35f * em;
    const std::vector<std::vector<KeyDef>>& rows = keyboard_rows();
    bool capitals = ui.state.keyboard_capitals;
    KeyboardPress press;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        Box line = area.row(static_cast<int>(r), static_cast<int>(rows.size()), gap);
        float unit = (line.w - 9.0f * gap) / 10.0f;
        float x = line.x;
        for (const KeyDef& key : rows[r]) {
            float width = unit * key.units + gap * (key.units - 1.0f);
            Box cell{x, line.y, width, line.h};
            x += width + gap;
            std::string special = key.upper;
            if (*key.lower == '\0') {
                std::string label;
                std::string icon;
                if (special == "space") {
                    label = ui.t(Str::keyboard_space);
                } else if (special == "erase") {
                    icon = "erase";
                } else if (special == "case") {
                    label = capitals ? "abc" : "ABC";
                } else {
                    label = kToneLabels[special.back() - '0'];
                }
                if (!button(ui, "kbd." + special, cell, label, ButtonKind::secondary, icon)) {
                    continue;
                }
                if (special == "space") {
                    press = {KeyboardPress::Kind::type, " "};
                } else if (special == "erase") {
                    press.kind = KeyboardPress::Kind::erase;
                } else if (special == "case") {
                    ui.state.keyboard_capitals = !capitals;
                } else {
                    press.kind = KeyboardPress::Kind::tone;
                    press.tone = kToneMarks[special.back() - '0'];
                }
                continue;
            }
            std::string text = capitals ? key.upper : key.lower;
            Touch touch = touch_area(ui, "kbd." + text, cell);
            ImDrawList* draw = ImGui::GetWindowDrawList();
            draw->AddRectFilled(cell.min(), cell.max(),
                                touch.pressed ? theme::kSecondaryPressed : theme::kSurface,
                                0.3f * em);
            draw->AddRect(cell.min(), cell.max(), theme::kBorder, 0.3f * em, 0, 0.06f * em);
            draw_text(draw, ui.fonts.bold, text, cell, theme::kText);
            if (touch.tapped) {
                press = {KeyboardPress::Kind::type, text};
            }
        }
    }
    return press;
}

}  // namespace motcua::kiosk::ui
