// FrameDamage: which pixels the kiosk draws again when a frame differs from the one on screen,
// and clip_to_damage, which narrows the frame's commands to them.

#include "kiosk/app/frame_damage.hpp"

#include <imgui.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <vector>

using motcua::kiosk::app::clip_to_damage;
using motcua::kiosk::app::Damage;
using motcua::kiosk::app::FrameDamage;
using motcua::kiosk::app::intersect;
using motcua::kiosk::app::PixelRect;
using motcua::kiosk::app::scissor_box;

namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 480;
const ImVec4 kScreen(0, 0, kWidth, kHeight);

const ImU32 kBlue = IM_COL32(0x0B, 0x57, 0xB0, 0xFF);
const ImU32 kRed = IM_COL32(0xB3, 0x26, 0x1E, 0xFF);
const ImU32 kSeeThrough = IM_COL32(0x20, 0xA0, 0x20, 0x80);

struct Quad {
    float x0, y0, x1, y1;
    ImU32 colour;
};

// Draw data built by hand: draw lists, commands with their clip rects, quads as two triangles.
class Frame {
  public:
    explicit Frame(ImVec2 size = ImVec2(kWidth, kHeight)) {
        data_.Valid = true;
        data_.DisplayPos = ImVec2(0, 0);
        data_.DisplaySize = size;
        data_.FramebufferScale = ImVec2(1, 1);
    }
    Frame(Frame&&) = default;
    Frame& operator=(Frame&&) = default;
    Frame& list() {
        lists_.push_back(std::make_unique<ImDrawList>(nullptr));
        return *this;
    }
    Frame& command(ImVec4 clip = kScreen) {
        if (lists_.empty()) {
            list();
        }
        ImDrawList& draw = *lists_.back();
        ImDrawCmd command;
        command.ClipRect = clip;
        command.IdxOffset = static_cast<unsigned int>(draw.IdxBuffer.Size);
        draw.CmdBuffer.push_back(command);
        return *this;
    }
    Frame& quad(const Quad& q) {
        if (lists_.empty() || lists_.back()->CmdBuffer.empty()) {
            command();
        }
        ImDrawList& draw = *lists_.back();
        auto first = static_cast<ImDrawIdx>(draw.VtxBuffer.Size);
        for (ImVec2 corner :
             {ImVec2(q.x0, q.y0), ImVec2(q.x1, q.y0), ImVec2(q.x1, q.y1), ImVec2(q.x0, q.y1)}) {
            draw.VtxBuffer.push_back(ImDrawVert{corner, ImVec2(0, 0), q.colour});
        }
        for (int offset : {0, 1, 2, 0, 2, 3}) {
            draw.IdxBuffer.push_back(static_cast<ImDrawIdx>(first + offset));
        }
        draw.CmdBuffer.back().ElemCount += 6;
        return *this;
    }
    const ImDrawData& data() {
        pointers_.clear();
        for (auto& list : lists_) {
            pointers_.push_back(list.get());
        }
        data_.CmdLists = pointers_.data();
        data_.CmdListsCount = static_cast<int>(pointers_.size());
        return data_;
    }

  private:
    std::vector<std::unique_ptr<ImDrawList>> lists_;
    std::vector<ImDrawList*> pointers_;
    ImDrawData data_;
};

Frame of(const std::vector<Quad>& quads) {
    Frame frame;
    for (const Quad& q : quads) {
        frame.quad(q);
    }
    return frame;
}

// Every pixel of `rect` is in the damage (its rectangles are disjoint).
bool covers(const Damage& damage, const PixelRect& rect) {
    long long inside = 0;
    for (const PixelRect& part : damage.rects) {
        inside += intersect(part, rect).area();
    }
    return inside == rect.area();
}

bool touches(const Damage& damage, const PixelRect& rect) {
    for (const PixelRect& part : damage.rects) {
        if (!intersect(part, rect).empty()) {
            return true;
        }
    }
    return false;
}

bool disjoint(const Damage& damage) {
    for (std::size_t i = 0; i < damage.rects.size(); ++i) {
        for (std::size_t j = i + 1; j < damage.rects.size(); ++j) {
            if (!intersect(damage.rects[i], damage.rects[j]).empty()) {
                return false;
            }
        }
    }
    return true;
}

// The damage of `after` over `before`.
Damage damage_between(Frame&& before, Frame&& after) {
    FrameDamage damage;
    REQUIRE(damage.update(before.data()).full);
    return damage.update(after.data());
}

}  // namespace

TEST_CASE("the first frame has full damage, the same frame again none", "[damage]") {
    FrameDamage damage;
    Frame frame = of({{10, 10, 110, 60, kBlue}});
    Damage first = damage.update(frame.data());
    CHECK(first.full);
    CHECK(first.rects == std::vector<PixelRect>{{0, 0, kWidth, kHeight}});
    CHECK(damage.update(frame.data()).empty());
    CHECK(damage.update(of({{10, 10, 110, 60, kBlue}}).data()).empty());
}

TEST_CASE("a quad of another colour damages its pixels and no far ones", "[damage]") {
    Damage damage = damage_between(of({{10, 10, 110, 60, kBlue}, {400, 300, 500, 400, kBlue}}),
                                   of({{10, 10, 110, 60, kRed}, {400, 300, 500, 400, kBlue}}));
    CHECK_FALSE(damage.full);
    CHECK(covers(damage, {10, 10, 110, 60}));
    CHECK_FALSE(touches(damage, {400, 300, 500, 400}));
    CHECK(damage.area() < kWidth * kHeight / 4);
    CHECK(disjoint(damage));
}

TEST_CASE("a moved, added or removed quad damages where it was and where it is", "[damage]") {
    Quad still{300, 300, 400, 400, kBlue};
    SECTION("moved") {
        Damage damage = damage_between(of({{10, 10, 50, 50, kBlue}, still}),
                                       of({{200, 100, 240, 140, kBlue}, still}));
        CHECK(covers(damage, {10, 10, 50, 50}));
        CHECK(covers(damage, {200, 100, 240, 140}));
        CHECK_FALSE(touches(damage, {300, 300, 400, 400}));
        CHECK(disjoint(damage));
    }
    SECTION("moved by a fraction of a pixel") {
        Damage damage = damage_between(of({{10, 10, 50, 50, kBlue}, still}),
                                       of({{10.25f, 10, 50.25f, 50, kBlue}, still}));
        CHECK(covers(damage, {10, 10, 51, 50}));
    }
    SECTION("added") {
        Damage damage = damage_between(of({still}), of({still, {600, 440, 640, 480, kRed}}));
        CHECK(covers(damage, {600, 440, 640, 480}));
        CHECK_FALSE(touches(damage, {300, 300, 400, 400}));
    }
    SECTION("removed") {
        Damage damage = damage_between(of({{0, 0, 30, 30, kRed}, still}), of({still}));
        CHECK(covers(damage, {0, 0, 30, 30}));
        CHECK_FALSE(touches(damage, {300, 300, 400, 400}));
    }
}

TEST_CASE("the same triangles in other lists, commands and buffer places are no damage",
          "[damage]") {
    Quad a{10, 10, 110, 60, kBlue};
    Quad b{200, 10, 300, 60, kRed};
    Quad c{10, 200, 110, 260, kSeeThrough};
    Frame one = of({a, b, c});
    Frame split;
    split.list().command().quad(a).list().command().quad(b).command().quad(c);
    CHECK(damage_between(std::move(one), std::move(split)).empty());
}

TEST_CASE("overlapping triangles drawn in the other order damage their overlap", "[damage]") {
    Quad under{100, 100, 200, 200, kBlue};
    Quad over{150, 150, 250, 250, kSeeThrough};
    Damage damage = damage_between(of({under, over}), of({over, under}));
    CHECK(covers(damage, {150, 150, 200, 200}));
    CHECK_FALSE(touches(damage, {400, 300, 640, 480}));
}

TEST_CASE("clip rects bound the damage and are part of a triangle", "[damage]") {
    Quad wide{0, 100, 640, 150, kBlue};
    Quad changed = wide;
    changed.colour = kRed;
    SECTION("a change seen only through a clip rect damages only inside it") {
        Frame before;
        before.command(ImVec4(0, 0, 100, 480)).quad(wide);
        Frame after;
        after.command(ImVec4(0, 0, 100, 480)).quad(changed);
        Damage damage = damage_between(std::move(before), std::move(after));
        CHECK(covers(damage, {0, 100, 100, 150}));
        CHECK_FALSE(touches(damage, {200, 0, 640, 480}));
    }
    SECTION("a wider clip rect over the same triangles damages what it uncovers") {
        Frame before;
        before.command(ImVec4(0, 0, 100, 480)).quad(wide);
        Frame after;
        after.command(ImVec4(0, 0, 300, 480)).quad(wide);
        Damage damage = damage_between(std::move(before), std::move(after));
        CHECK(covers(damage, {0, 100, 300, 150}));
        CHECK_FALSE(touches(damage, {400, 0, 640, 480}));
    }
}

TEST_CASE("a new display size or forget() gives full damage", "[damage]") {
    FrameDamage damage;
    Frame small(ImVec2(320, 240));
    small.quad({10, 10, 20, 20, kBlue});
    REQUIRE(damage.update(of({{10, 10, 20, 20, kBlue}}).data()).full);
    Damage resized = damage.update(small.data());
    CHECK(resized.full);
    CHECK(resized.rects == std::vector<PixelRect>{{0, 0, 320, 240}});
    CHECK(damage.update(small.data()).empty());
    damage.forget();
    CHECK(damage.update(small.data()).full);
}

TEST_CASE("scattered damage becomes a few rectangles, most of the screen becomes full",
          "[damage]") {
    std::vector<Quad> dots;
    std::vector<Quad> moved;
    for (int i = 0; i < 40; ++i) {
        float x = static_cast<float>((i * 97) % 600);
        float y = static_cast<float>((i * 53) % 440);
        dots.push_back({x, y, x + 4, y + 4, kBlue});
        moved.push_back({x, y, x + 4, y + 4, kRed});
    }
    Damage scattered = damage_between(of(dots), of(moved));
    CHECK(scattered.rects.size() <= FrameDamage::kMaxRects);
    for (const Quad& q : moved) {
        CHECK(covers(scattered, {static_cast<int>(q.x0), static_cast<int>(q.y0),
                                 static_cast<int>(q.x1), static_cast<int>(q.y1)}));
    }
    Damage most = damage_between(of({{0, 0, 640, 400, kBlue}}), of({{0, 0, 640, 400, kRed}}));
    CHECK(most.full);
}

TEST_CASE("the scissor box is the OpenGL backend's, fractions truncated", "[damage]") {
    CHECK(scissor_box(ImVec4(10.5f, 20.25f, 100.7f, 50.5f), 480) == PixelRect{10, 21, 100, 51});
    CHECK(scissor_box(ImVec4(0, 0, 640, 480), 480) == PixelRect{0, 0, 640, 480});
    CHECK(scissor_box(ImVec4(50, 50, 50, 80), 480).empty());
}

TEST_CASE("commands narrowed to the damage keep their order within each rectangle", "[damage]") {
    Frame frame;
    frame.command(ImVec4(0, 0, 640, 480))
        .quad({10, 10, 40, 40, kBlue})   // triangles 0-1: in the first rectangle
        .quad({330, 70, 350, 90, kRed})  // 2-3: in the second
        .command(ImVec4(300.5f, 0, 640, 480))
        .quad({320, 80, 380, 120, kBlue})   // 0-1 of the second command: in the second
        .quad({500, 400, 600, 450, kRed});  // 2-3: in neither
    const ImDrawList& list = *frame.data().CmdLists[0];
    Damage damage;
    damage.rects = {{0, 0, 64, 64}, {320, 64, 384, 128}};
    ImVector<ImDrawCmd> clipped = clip_to_damage(list, damage, 480);
    // The first command in both rectangles, with the triangles that reach each; the second
    // only in the one it reaches, without the quad far from both.
    REQUIRE(clipped.Size == 3);
    CHECK(scissor_box(clipped[0].ClipRect, 480) == PixelRect{0, 0, 64, 64});
    CHECK(clipped[0].IdxOffset == 0);
    CHECK(clipped[0].ElemCount == 6);
    CHECK(scissor_box(clipped[1].ClipRect, 480) == PixelRect{320, 64, 384, 128});
    CHECK(clipped[1].IdxOffset == 6);
    CHECK(clipped[1].ElemCount == 6);
    CHECK(scissor_box(clipped[2].ClipRect, 480) == PixelRect{320, 64, 384, 128});
    CHECK(clipped[2].IdxOffset == 12);
    CHECK(clipped[2].ElemCount == 6);
}

// A software model of the OpenGL backend for axis-aligned quads: a pixel is drawn by a quad
// when its centre is inside the quad and the pixel inside the command's scissor box; colours
// blend "over". Used to check that every pixel that differs between two frames is damaged.
namespace {

struct Drawn {
    Quad quad;
    ImVec4 clip;
};

std::vector<float> paint(const std::vector<Drawn>& drawn, int width, int height) {
    std::vector<float> pixels(static_cast<std::size_t>(width) * height * 3, 1.0f);
    for (const Drawn& d : drawn) {
        PixelRect box = scissor_box(d.clip, height);
        ImVec4 colour = ImGui::ColorConvertU32ToFloat4(d.quad.colour);
        for (int y = std::max(0, box.y0); y < std::min(height, box.y1); ++y) {
            for (int x = std::max(0, box.x0); x < std::min(width, box.x1); ++x) {
                float cx = static_cast<float>(x) + 0.5f;
                float cy = static_cast<float>(y) + 0.5f;
                if (cx < d.quad.x0 || cx >= d.quad.x1 || cy < d.quad.y0 || cy >= d.quad.y1) {
                    continue;
                }
                float* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 3];
                p[0] = p[0] * (1 - colour.w) + colour.x * colour.w;
                p[1] = p[1] * (1 - colour.w) + colour.y * colour.w;
                p[2] = p[2] * (1 - colour.w) + colour.z * colour.w;
            }
        }
    }
    return pixels;
}

Frame frame_of(const std::vector<Drawn>& drawn, std::mt19937& random) {
    Frame frame;
    for (const Drawn& d : drawn) {
        // Lists and commands split at random: the pixels do not depend on it.
        if (random() % 4 == 0) {
            frame.list();
        }
        frame.command(d.clip).quad(d.quad);
    }
    return frame;
}

}  // namespace

TEST_CASE("every pixel that differs is damaged, over random frames and changes", "[damage]") {
    const int width = 256;
    const int height = 192;
    std::mt19937 random(20261128);
    auto coordinate = [&](int limit) {
        return static_cast<float>(random() % static_cast<unsigned>(limit * 4)) / 4.0f;
    };
    const std::vector<ImU32> colours{kBlue, kRed, kSeeThrough, IM_COL32(0, 0, 0, 0x40)};
    auto random_drawn = [&] {
        float x = coordinate(width);
        float y = coordinate(height);
        Quad q{x, y, x + 1 + coordinate(80), y + 1 + coordinate(60),
               colours[random() % colours.size()]};
        ImVec4 clip(0, 0, width, height);
        if (random() % 3 == 0) {
            clip = ImVec4(coordinate(width / 2), coordinate(height / 2),
                          width / 2 + coordinate(width / 2), height / 2 + coordinate(height / 2));
        }
        return Drawn{q, clip};
    };
    std::vector<Drawn> shown;
    for (int i = 0; i < 30; ++i) {
        shown.push_back(random_drawn());
    }
    FrameDamage damage;
    Frame first = frame_of(shown, random);
    ImDrawData first_data = first.data();
    first_data.DisplaySize = ImVec2(width, height);
    REQUIRE(damage.update(first_data).full);
    for (int step = 0; step < 200; ++step) {
        std::vector<Drawn> next = shown;
        switch (random() % 5) {
            case 0:
                next[random() % next.size()].quad.colour = colours[random() % colours.size()];
                break;
            case 1:
                next[random() % next.size()] = random_drawn();
                break;
            case 2:
                next.insert(next.begin() + static_cast<long>(random() % next.size()),
                            random_drawn());
                break;
            case 3:
                if (next.size() > 2) {
                    next.erase(next.begin() + static_cast<long>(random() % next.size()));
                }
                break;
            default:
                std::swap(next[random() % next.size()], next[random() % next.size()]);
                break;
        }
        Frame frame = frame_of(next, random);
        ImDrawData data = frame.data();
        data.DisplaySize = ImVec2(width, height);
        Damage found = damage.update(data);
        std::vector<float> before = paint(shown, width, height);
        std::vector<float> after = paint(next, width, height);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                std::size_t at = (static_cast<std::size_t>(y) * width + x) * 3;
                bool differs = before[at] != after[at] || before[at + 1] != after[at + 1] ||
                               before[at + 2] != after[at + 2];
                if (differs && !covers(found, {x, y, x + 1, y + 1})) {
                    FAIL("step " << step << ": pixel " << x << "," << y << " differs, undamaged");
                }
            }
        }
        CHECK(disjoint(found));
        shown = next;
    }
}
