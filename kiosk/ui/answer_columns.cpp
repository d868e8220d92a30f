#include "kiosk/ui/answer_columns.hpp"

#include <algorithm>
#include <limits>

namespace motcua::kiosk::ui {

namespace {

// The contiguous split of `heights` into at most `count` columns whose tallest column is the
// shortest (an exact search: a form has a few dozen questions at most).
std::vector<std::vector<std::size_t>> balanced_split(const std::vector<float>& heights, int count) {
    const std::size_t n = heights.size();
    const auto columns = static_cast<std::size_t>(std::max(count, 1));
    std::vector<float> prefix(n + 1, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        prefix[i + 1] = prefix[i] + heights[i];
    }
    // tallest[c][i]: the shortest tallest column splitting the first i questions into c columns;
    // cut[c][i]: where the last of those columns starts.
    const float none = std::numeric_limits<float>::infinity();
    std::vector<std::vector<float>> tallest(columns + 1, std::vector<float>(n + 1, none));
    std::vector<std::vector<std::size_t>> cut(columns + 1, std::vector<std::size_t>(n + 1, 0));
    tallest[0][0] = 0.0f;
    for (std::size_t c = 1; c <= columns; ++c) {
        for (std::size_t i = 0; i <= n; ++i) {
            for (std::size_t start = 0; start <= i; ++start) {
                float candidate = std::max(tallest[c - 1][start], prefix[i] - prefix[start]);
                if (candidate < tallest[c][i]) {
                    tallest[c][i] = candidate;
                    cut[c][i] = start;
                }
            }
        }
    }
    std::vector<std::vector<std::size_t>> split(columns);
    std::size_t end = n;
    for (std::size_t c = columns; c >= 1; --c) {
        for (std::size_t q = cut[c][end]; q < end; ++q) {
            split[c - 1].push_back(q);
        }
        end = cut[c][end];
    }
    // Empty columns (fewer questions than columns) are dropped.
    split.erase(
        std::remove_if(split.begin(), split.end(),
                       [](const std::vector<std::size_t>& column) { return column.empty(); }),
        split.end());
    return split;
}

}  // namespace

AnswerColumns arrange_answers(const std::vector<float>& heights, float available, int fewest,
                              int most) {
    AnswerColumns best;
    for (int count = std::max(fewest, 1); count <= std::max(most, fewest); ++count) {
        AnswerColumns arrangement;
        arrangement.columns = balanced_split(heights, count);
        float tallest = 0.0f;
        for (const std::vector<std::size_t>& column : arrangement.columns) {
            float height = 0.0f;
            for (std::size_t q : column) {
                height += heights[q];
            }
            tallest = std::max(tallest, height);
        }
        arrangement.scale = tallest > 0.0f ? std::clamp(available / tallest, 0.0f, 1.0f) : 1.0f;
        best = arrangement;
        if (arrangement.scale >= kReadableScale) {
            break;
        }
    }
    return best;
}

}  // namespace motcua::kiosk::ui
