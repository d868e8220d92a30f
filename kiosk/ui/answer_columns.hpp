#pragma once
// How the tally's Answers tab arranges its questions: in the form's order, split into as few
// columns as keep them readable, every column at one scale so nothing overflows its area.
// A form of Decree 61's nine indicators plus follow-ups would not fit two columns at 1080p at a
// readable size; a third column does.

#include <cstddef>
#include <vector>

namespace motcua::kiosk::ui {

struct AnswerColumns {
    std::vector<std::vector<std::size_t>> columns;  // question indices, each column in order
    float scale = 1.0f;  // the share of its preferred height every question gets (<= 1)
};

// The share of the preferred height below which text is too small to read at arm's length:
// more columns are tried first.
inline constexpr float kReadableScale = 0.6f;

// `heights`: each question's preferred height (heading, bars and the gap after them), in the
// form's order. Tries `fewest` columns, then one more at a time up to `most`, and takes the
// first whose tallest column fits `available` at kReadableScale or more; otherwise `most`
// columns at whatever scale fits (never more than 1). Each column count's split is the one
// whose tallest column is shortest.
AnswerColumns arrange_answers(const std::vector<float>& heights, float available, int fewest,
                              int most);

}  // namespace motcua::kiosk::ui
