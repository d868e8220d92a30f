// The Answers tab's arrangement (kiosk/ui/answer_columns.hpp): every question once, in order,
// the tallest column within the area at the scale chosen, and more columns only when fewer
// would make the text too small.

#include <catch2/catch.hpp>
#include <numeric>
#include <random>
#include <vector>

#include "kiosk/ui/answer_columns.hpp"

using motcua::kiosk::ui::AnswerColumns;
using motcua::kiosk::ui::arrange_answers;
using motcua::kiosk::ui::kReadableScale;

namespace {

float column_height(const AnswerColumns& arrangement, std::size_t c,
                    const std::vector<float>& heights) {
    float height = 0;
    for (std::size_t q : arrangement.columns[c]) {
        height += heights[q];
    }
    return height;
}

float tallest(const AnswerColumns& arrangement, const std::vector<float>& heights) {
    float most = 0;
    for (std::size_t c = 0; c < arrangement.columns.size(); ++c) {
        most = std::max(most, column_height(arrangement, c, heights));
    }
    return most;
}

// Every question exactly once, column after column in the form's order.
bool in_order(const AnswerColumns& arrangement, std::size_t questions) {
    std::size_t next = 0;
    for (const auto& column : arrangement.columns) {
        if (column.empty()) {
            return false;
        }
        for (std::size_t q : column) {
            if (q != next++) {
                return false;
            }
        }
    }
    return next == questions;
}

// The shortest tallest column of any contiguous split into at most `count` columns, by trying
// every set of cut points.
float best_tallest(const std::vector<float>& heights, int count) {
    const std::size_t n = heights.size();
    float best = std::accumulate(heights.begin(), heights.end(), 0.0f);
    // Each of the n - 1 gaps between questions is a cut or not.
    for (unsigned cuts = 0; cuts < (1u << (n - 1)); ++cuts) {
        if (__builtin_popcount(cuts) > count - 1) {
            continue;
        }
        float column = 0, most = 0;
        for (std::size_t q = 0; q < n; ++q) {
            column += heights[q];
            if (q + 1 == n || (cuts & (1u << q)) != 0) {
                most = std::max(most, column);
                column = 0;
            }
        }
        best = std::min(best, most);
    }
    return best;
}

}  // namespace

TEST_CASE("the Dien Bien form's answers at 1080p take a third column instead of unreadable text",
          "[ui][answers]") {
    // Seven questions of 4, 3, 3, 4, 3, 3 and 2 options at em 38 px: heading and gap 2.1 em,
    // 1.9 em per bar row; the tab's area is 520 px high (what 1920x1080 leaves it).
    const float em = 38;
    std::vector<float> heights;
    for (int options : {4, 3, 3, 4, 3, 3, 2}) {
        heights.push_back(2.1f * em + static_cast<float>(options) * 1.9f * em);
    }
    AnswerColumns arrangement = arrange_answers(heights, 520, 2, 3);
    INFO("columns " << arrangement.columns.size() << ", scale " << arrangement.scale);
    // Two columns would need 0.44 of the preferred height (below the readable 0.6; the old
    // layout squeezed them to 0.55 and overflowed): three, at 0.64.
    CHECK(arrangement.columns.size() == 3);
    CHECK(arrangement.scale >= kReadableScale);
    CHECK(in_order(arrangement, heights.size()));
    CHECK(tallest(arrangement, heights) * arrangement.scale <= 520.0f + 0.01f);
}

TEST_CASE("answers that fit take the fewest columns at their full size", "[ui][answers]") {
    std::vector<float> heights{100, 80, 120, 90};
    AnswerColumns two = arrange_answers(heights, 1000, 2, 3);
    CHECK(two.columns.size() == 2);
    CHECK(two.scale == 1.0f);
    CHECK(in_order(two, heights.size()));
    AnswerColumns portrait = arrange_answers(heights, 1000, 1, 2);
    CHECK(portrait.columns.size() == 1);
    CHECK(portrait.scale == 1.0f);
}

TEST_CASE("when nothing is readable, the most columns at the scale that fits, never overflowing",
          "[ui][answers]") {
    std::vector<float> heights(12, 300);
    AnswerColumns arrangement = arrange_answers(heights, 500, 2, 3);
    CHECK(arrangement.columns.size() == 3);
    CHECK(arrangement.scale < kReadableScale);
    CHECK(tallest(arrangement, heights) * arrangement.scale <= 500.0f + 0.01f);
    CHECK(in_order(arrangement, heights.size()));
}

TEST_CASE("fewer questions than columns leave no empty column", "[ui][answers]") {
    std::vector<float> heights{900};
    AnswerColumns arrangement = arrange_answers(heights, 300, 2, 3);
    CHECK(arrangement.columns.size() == 1);
    CHECK(in_order(arrangement, 1));
    CHECK(arrangement.scale == Approx(300.0f / 900.0f));
    CHECK(arrange_answers({}, 300, 2, 3).columns.empty());
}

TEST_CASE("each split's tallest column is the shortest any split in order can have",
          "[ui][answers]") {
    std::mt19937 random(61);
    std::uniform_int_distribution<int> count(1, 11);
    std::uniform_real_distribution<float> height(40, 400);
    for (int trial = 0; trial < 300; ++trial) {
        std::vector<float> heights(static_cast<std::size_t>(count(random)));
        for (float& h : heights) {
            h = height(random);
        }
        for (int columns : {1, 2, 3}) {
            // With no room at all no column count is readable, so `columns` is the one used.
            AnswerColumns arrangement = arrange_answers(heights, 1, columns, columns);
            INFO("trial " << trial << ", " << heights.size() << " questions, " << columns
                          << " columns");
            CHECK(in_order(arrangement, heights.size()));
            CHECK(tallest(arrangement, heights) == Approx(best_tallest(heights, columns)));
        }
    }
}
