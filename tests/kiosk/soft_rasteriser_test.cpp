// The software rasteriser (kiosk/render/soft_rasteriser.hpp): ImGui draw data built by hand,
// or taken from the real kiosk screens, drawn into canvases the tests own and compared pixel by
// pixel with references computed here.
//
// [SECTION] Helpers: contexts, canvases, draw lists and frames
// [SECTION] The reference: snapping, the tie rule, blending (each stated once, here)
// [SECTION] 1. Fill rule: rectangles
// [SECTION] 2. Fill rule: random triangles
// [SECTION] 3. No seams, no double blending
// [SECTION] 4. Blending arithmetic
// [SECTION] 5. Texture sampling
// [SECTION] 6. Clipping and the limit
// [SECTION] 7. Pieces equal the whole
// [SECTION] 8. Robustness
// [SECTION] 9. Callbacks

#include "kiosk/render/soft_rasteriser.hpp"

#include <imgui.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ui_harness.hpp"

using motcua::kiosk::render::Canvas;
using motcua::kiosk::render::canvas_colour;
using motcua::kiosk::render::CoverageTexture;
using motcua::kiosk::render::intersect;
using motcua::kiosk::render::PixelRect;
using motcua::kiosk::render::rasterise;
using motcua::kiosk::render::scissor_box;

namespace {

// [SECTION] Helpers: contexts, canvases, draw lists and frames

// Not a 0x00RRGGBB pixel: a pixel the rasteriser writes can never keep it.
constexpr std::uint32_t kSentinel = 0xA5C3E1F7u;

// An ImGui context of the test's own: draw lists built by hand keep their shared data in it.
class ImGuiScope {
  public:
    ImGuiScope() { ImGui::CreateContext(); }
    ~ImGuiScope() { ImGui::DestroyContext(); }
    ImGuiScope(const ImGuiScope&) = delete;
    ImGuiScope& operator=(const ImGuiScope&) = delete;
};

// A frame buffer the test owns; `padding` pixels past each row's end hold kSentinel.
struct Picture {
    int width;
    int height;
    int stride;
    std::vector<std::uint32_t> pixels;

    Picture(int w, int h, std::uint32_t background, int padding = 0)
        : width(w),
          height(h),
          stride(w + padding),
          pixels(std::size_t(w + padding) * h, kSentinel) {
        paint(whole(), background);
    }
    Canvas canvas() { return Canvas{pixels.data(), width, height, stride}; }
    PixelRect whole() const { return {0, 0, width, height}; }
    std::uint32_t& at(int x, int y) { return pixels[std::size_t(y) * stride + x]; }
    std::uint32_t at(int x, int y) const { return pixels[std::size_t(y) * stride + x]; }
    // Written here rather than with render::fill, so no test leans on the code under test.
    void paint(const PixelRect& rect, std::uint32_t value) {
        for (int y = rect.y0; y < rect.y1; ++y) {
            for (int x = rect.x0; x < rect.x1; ++x) {
                at(x, y) = value;
            }
        }
    }
};

std::string hex(std::uint32_t value) {
    std::ostringstream out;
    out << "0x" << std::hex << std::setw(8) << std::setfill('0') << value;
    return out.str();
}

// Each channel within `tolerance` of the expected one.
bool near(std::uint32_t got, std::uint32_t expected, int tolerance) {
    for (int shift : {0, 8, 16, 24}) {
        int difference = int((got >> shift) & 0xff) - int((expected >> shift) & 0xff);
        if (std::abs(difference) > tolerance) {
            return false;
        }
    }
    return true;
}

std::uint32_t grey(std::uint32_t level) {
    return level * 0x010101u;
}

// "" when both pictures hold the same words (padding included), else how many differ and the
// first of them.
std::string differences(const Picture& got, const Picture& expected) {
    REQUIRE(got.pixels.size() == expected.pixels.size());
    std::size_t count = 0;
    std::size_t first = 0;
    for (std::size_t i = 0; i < got.pixels.size(); ++i) {
        if (got.pixels[i] != expected.pixels[i]) {
            first = count == 0 ? i : first;
            ++count;
        }
    }
    if (count == 0) {
        return "";
    }
    std::ostringstream out;
    out << count << " pixels differ, the first at (" << first % std::size_t(got.stride) << ", "
        << first / std::size_t(got.stride) << "): got " << hex(got.pixels[first]) << ", expected "
        << hex(expected.pixels[first]);
    return out.str();
}

// A draw list filled with ImDrawList's own API, as ImGui's windows fill theirs; AA off.
class DrawList {
  public:
    explicit DrawList(ImVec4 clip = ImVec4(0, 0, 4096, 4096), ImTextureID texture = nullptr)
        : list_(ImGui::GetDrawListSharedData()) {
        list_._ResetForNewFrame();
        list_.Flags &= ~(ImDrawListFlags_AntiAliasedFill | ImDrawListFlags_AntiAliasedLines);
        list_.PushClipRect(ImVec2(clip.x, clip.y), ImVec2(clip.z, clip.w));
        list_.PushTextureID(texture);
    }
    ImDrawList* operator->() { return &list_; }
    ImDrawList* get() { return &list_; }

    void triangle(ImVec2 a, ImVec2 b, ImVec2 c, ImU32 colour, ImVec2 uv = ImVec2(0, 0)) {
        list_.PrimReserve(3, 3);
        list_.PrimVtx(a, uv, colour);
        list_.PrimVtx(b, uv, colour);
        list_.PrimVtx(c, uv, colour);
    }
    // Two triangles as ImGui's PrimRect makes them, whatever the colour's alpha (AddRectFilled
    // draws nothing for alpha 0).
    void rect(ImVec2 a, ImVec2 b, ImU32 colour) {
        list_.PrimReserve(6, 4);
        list_.PrimRect(a, b, colour);
    }

  private:
    ImDrawList list_;
};

// ImDrawData over draw lists, as ImGui::Render() fills it on X11.
class Frame {
  public:
    Frame(std::vector<ImDrawList*> lists, int width, int height) : lists_(std::move(lists)) {
        data_.Valid = true;
        data_.CmdLists = lists_.data();
        data_.CmdListsCount = static_cast<int>(lists_.size());
        for (ImDrawList* list : lists_) {
            data_.TotalVtxCount += list->VtxBuffer.Size;
            data_.TotalIdxCount += list->IdxBuffer.Size;
        }
        data_.DisplayPos = ImVec2(0, 0);
        data_.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        data_.FramebufferScale = ImVec2(1, 1);
    }
    Frame(const Frame&) = delete;
    Frame& operator=(const Frame&) = delete;
    const ImDrawData& data() const { return data_; }

  private:
    std::vector<ImDrawList*> lists_;
    ImDrawData data_;
};

ImTextureID texture_id(CoverageTexture& texture) {
    return static_cast<ImTextureID>(&texture);
}

CoverageTexture random_texture(int width, int height, std::uint32_t seed) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    CoverageTexture texture;
    texture.width = width;
    texture.height = height;
    for (int i = 0; i < width * height; ++i) {
        texture.texels.push_back(static_cast<unsigned char>(byte(random)));
    }
    return texture;
}

// Reallocates the vector at exactly its size, so ASan reports any read past its end.
template <typename T>
void tighten(ImVector<T>& vector) {
    ImVector<T> tight;
    tight.reserve(vector.Size);
    for (const T& item : vector) {
        tight.push_back(item);
    }
    vector.swap(tight);
}

// [SECTION] The reference: snapping, the tie rule, blending (each stated once, here)

// A position in 1/256 pixel, as the rasteriser snaps it. The tests never place a coordinate
// exactly halfway between two steps, where the rounding direction is not part of the contract.
std::int64_t snap(float coordinate) {
    return static_cast<std::int64_t>(std::floor(static_cast<double>(coordinate) * 256.0 + 0.5));
}

// THE tie rule, the one place the tests state it. An edge runs (dx, dy) in ImGui's y-down
// pixels with the triangle's inside on its right-hand side (clockwise on screen); a pixel
// centre exactly on it belongs to the triangle when it is a left edge (going up) or a bottom
// edge (horizontal, going left). That is OpenGL's top-left rule in its own window coordinates
// (y up), which ImGui's projection turns upside down. Measured with llvmpipe (Mesa 22.3.6 under
// Xvfb) through ImGui's OpenGL 3 backend on a GL 3.0 context, as the kiosk draws: of 300
// triangles and 100 PrimRect rectangles with corners on the half-pixel grid, none covered
// other pixels than this rule says; the top-left rule in ImGui's y-down pixels, `dy < 0 ||
// (dy == 0 && dx > 0)`, missed 45 triangles and 68 rectangles. Should another Mesa differ,
// change it here only.
bool owns_ties(std::int64_t dx, std::int64_t dy) {
    return dy < 0 || (dy == 0 && dx < 0);
}

// x * y / 255 in 8 bits as llvmpipe's blending computes it (Mesa's lp_build_mul_norm): the
// nearest integer but for 24 of the 65,536 pairs, e.g. 152 * 229 / 255 = 136.502 gives 136.
std::uint32_t llvmpipe_multiply(std::uint32_t x, std::uint32_t y) {
    std::uint32_t product = x * y;
    return (product + (product >> 8) + 128) >> 8;
}

// THE blending arithmetic, the one place the tests state it: ImGui's (src_alpha,
// one_minus_src_alpha) as llvmpipe does it in 8 bits, each term rounded on its own, per
// channel s*a/255 + d*(255-a)/255. Measured as above over 196,608 channels (every alpha,
// random colours over random backgrounds): all equal; with each term rounded to the nearest
// instead, 160 differ; with one rounding of the sum, round((s*a + d*(255-a))/255), 48,283.
std::uint32_t blend(std::uint32_t source_rgb, std::uint32_t alpha, std::uint32_t below) {
    std::uint32_t out = 0;
    for (int shift : {0, 8, 16}) {
        std::uint32_t s = (source_rgb >> shift) & 0xff;
        std::uint32_t d = (below >> shift) & 0xff;
        out |= (llvmpipe_multiply(s, alpha) + llvmpipe_multiply(d, 255 - alpha)) << shift;
    }
    return out;
}

std::uint32_t blend(ImU32 colour, std::uint32_t below) {
    return blend(canvas_colour(colour), colour >> 24, below);
}

// Whether a triangle covers a pixel: its centre inside all three edges, or on one the tie rule
// gives it; evaluated in exact integers on the snapped corners.
class ReferenceTriangle {
  public:
    ReferenceTriangle(ImVec2 a, ImVec2 b, ImVec2 c)
        : x_{snap(a.x), snap(b.x), snap(c.x)}, y_{snap(a.y), snap(b.y), snap(c.y)} {
        std::int64_t area = (x_[1] - x_[0]) * (y_[2] - y_[0]) - (y_[1] - y_[0]) * (x_[2] - x_[0]);
        empty_ = area == 0;
        if (area < 0) {
            std::swap(x_[1], x_[2]);
            std::swap(y_[1], y_[2]);
        }
    }

    bool covers(int x, int y) const {
        if (empty_) {
            return false;
        }
        std::int64_t px = 256 * std::int64_t{x} + 128;
        std::int64_t py = 256 * std::int64_t{y} + 128;
        for (int i = 0; i < 3; ++i) {
            int j = (i + 1) % 3;
            std::int64_t dx = x_[j] - x_[i];
            std::int64_t dy = y_[j] - y_[i];
            std::int64_t side = dx * (py - y_[i]) - dy * (px - x_[i]);
            if (side < 0 || (side == 0 && !owns_ties(dx, dy))) {
                return false;
            }
        }
        return true;
    }

    // The pixels of `area` whose centres may be inside (a pixel to spare).
    PixelRect candidates(const PixelRect& area) const {
        auto pixel = [&](std::int64_t subpixel, int low, int high) {
            return static_cast<int>(std::clamp<std::int64_t>(subpixel / 256, low, high));
        };
        auto [x0, x1] = std::minmax({x_[0], x_[1], x_[2]});
        auto [y0, y1] = std::minmax({y_[0], y_[1], y_[2]});
        return {pixel(x0, area.x0, area.x1) - 1, pixel(y0, area.y0, area.y1) - 1,
                pixel(x1, area.x0, area.x1) + 2, pixel(y1, area.y0, area.y1) + 2};
    }

  private:
    std::int64_t x_[3];
    std::int64_t y_[3];
    bool empty_ = false;
};

// Calls `visit(x, y)` for every pixel of `area` the triangle covers.
template <typename Visit>
void for_covered(const ReferenceTriangle& triangle, const PixelRect& area, Visit visit) {
    PixelRect candidates = intersect(triangle.candidates(area), area);
    for (int y = candidates.y0; y < candidates.y1; ++y) {
        for (int x = candidates.x0; x < candidates.x1; ++x) {
            if (triangle.covers(x, y)) {
                visit(x, y);
            }
        }
    }
}

// The reference picture of a frame of untextured triangles of one colour each: every pixel a
// triangle covers within its command's scissor box and `limit` blended once per triangle, in
// order.
void reference_render(const ImDrawData& frame, Picture& picture, const PixelRect& limit) {
    const int height = static_cast<int>(frame.DisplaySize.y);
    for (int l = 0; l < frame.CmdListsCount; ++l) {
        const ImDrawList& list = *frame.CmdLists[l];
        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback != nullptr) {
                continue;
            }
            REQUIRE(command.TextureId == nullptr);
            PixelRect box =
                intersect(intersect(scissor_box(command.ClipRect, height), limit), picture.whole());
            for (unsigned i = 0; i + 3 <= command.ElemCount; i += 3) {
                const ImDrawVert* corner[3];
                for (unsigned k = 0; k < 3; ++k) {
                    corner[k] = &list.VtxBuffer[static_cast<int>(
                        command.VtxOffset +
                        list.IdxBuffer[static_cast<int>(command.IdxOffset + i + k)])];
                }
                REQUIRE(corner[0]->col == corner[1]->col);
                REQUIRE(corner[0]->col == corner[2]->col);
                ImU32 colour = corner[0]->col;
                for_covered(
                    ReferenceTriangle(corner[0]->pos, corner[1]->pos, corner[2]->pos), box,
                    [&](int x, int y) { picture.at(x, y) = blend(colour, picture.at(x, y)); });
            }
        }
    }
}

// Which pixels along one axis a rectangle [low, high) covers: centres strictly inside, and
// centres on a side its edge's tie rule gives it.
bool inside_span(int pixel, float low, float high, bool low_owns, bool high_owns) {
    std::int64_t centre = 256 * std::int64_t{pixel} + 128;
    std::int64_t l = snap(low);
    std::int64_t h = snap(high);
    return (centre > l || (centre == l && low_owns)) && (centre < h || (centre == h && high_owns));
}

// A rectangle from (x0, y0) to (x1, y1), x0 < x1 and y0 < y1, by the tie rule of its edges
// walked clockwise on screen: top going right, right going down, bottom going left, left going
// up.
bool inside_rect(int x, int y, float x0, float y0, float x1, float y1) {
    return inside_span(x, x0, x1, owns_ties(0, -1), owns_ties(0, 1)) &&
           inside_span(y, y0, y1, owns_ties(1, 0), owns_ties(-1, 0));
}

}  // namespace

// [SECTION] 1. Fill rule: rectangles

TEST_CASE("a filled rectangle sets the pixels whose centres are inside, ties as llvmpipe does",
          "[rasteriser]") {
    ImGuiScope imgui;
    struct Rect {
        float x0, y0, x1, y1;
    };
    // Fractional sides, sides through pixel centres, whole-pixel sides, too thin to reach a
    // centre, and no width at all.
    const Rect rects[] = {
        {10.5f, 3.25f, 20.5f, 7.75f},   {2.5f, 12.5f, 5.5f, 15.5f}, {30, 10, 37, 14},
        {0.25f, 20.75f, 0.75f, 21.25f}, {1.5f, 24, 12.5f, 24.5f},   {40.5f, 2, 40.5f, 9},
        {41.3f, 20.6f, 47.7f, 22.4f}};
    const std::uint32_t background = 0x123456;
    const ImU32 colour = IM_COL32(0xE0, 0x40, 0x10, 0xFF);
    for (const Rect& r : rects) {
        INFO("rectangle (" << r.x0 << ", " << r.y0 << ") to (" << r.x1 << ", " << r.y1 << ")");
        DrawList list;
        list->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), colour);
        Frame frame({list.get()}, 50, 30);
        Picture got(50, 30, background);
        rasterise(frame.data(), got.canvas(), got.whole());

        Picture expected(50, 30, background);
        int inside = 0;
        for (int y = 0; y < 30; ++y) {
            for (int x = 0; x < 50; ++x) {
                if (inside_rect(x, y, r.x0, r.y0, r.x1, r.y1)) {
                    expected.at(x, y) = canvas_colour(colour);
                    ++inside;
                }
            }
        }
        if (r.x0 == 10.5f) {
            // The helpers' own sanity: columns 10..19 (the left side's centres in, the right
            // side's out), rows 3..7.
            CHECK(inside == 10 * 5);
        }
        CHECK(differences(got, expected) == "");
    }
}

// [SECTION] 2. Fill rule: random triangles

namespace {

// A random coordinate in [low, high): on the half-pixel grid (through pixel centres, where ties
// happen), on the 1/256 grid, or off it (in 1/4096 steps, never halfway between two 1/256
// steps).
// `coordinate` moved to the 1/4096 grid, off the points halfway between two 1/256 steps.
float off_halfway(float coordinate) {
    auto step = static_cast<int>(std::lround(coordinate * 4096));
    if (((step % 16) + 16) % 16 == 8) {
        ++step;
    }
    return static_cast<float>(step) / 4096;
}

float random_coordinate(std::mt19937& random, float low, float high) {
    int kind = std::uniform_int_distribution<int>(0, 2)(random);
    int steps_per_pixel = kind == 0 ? 2 : kind == 1 ? 256 : 4096;
    auto steps = static_cast<float>(steps_per_pixel);
    auto first = static_cast<int>(std::ceil(low * steps));
    int last = std::max(first, static_cast<int>(std::ceil(high * steps)) - 1);
    float coordinate =
        static_cast<float>(std::uniform_int_distribution<int>(first, last)(random)) / steps;
    return kind == 2 ? off_halfway(coordinate) : coordinate;
}

ImVec2 random_point(std::mt19937& random, float low, float high) {
    float x = random_coordinate(random, low, high);
    return ImVec2(x, random_coordinate(random, low, high));
}

std::string describe(ImVec2 a, ImVec2 b, ImVec2 c) {
    std::ostringstream out;
    out << std::setprecision(9) << "(" << a.x << ", " << a.y << ") (" << b.x << ", " << b.y << ") ("
        << c.x << ", " << c.y << ")";
    return out.str();
}

}  // namespace

TEST_CASE("random triangles and rectangles cover the pixels a brute-force reference says",
          "[rasteriser]") {
    ImGuiScope imgui;
    constexpr int kWidth = 48;
    constexpr int kHeight = 40;
    const std::uint32_t background = 0x000000;
    const ImU32 colour = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    std::mt19937 random(20261128);
    std::uniform_real_distribution<float> unit(0, 1);
    int shapes = 0;
    int failures = 0;
    std::string first_failure;
    for (int i = 0; i < 800; ++i) {
        DrawList list;
        ImVec2 a = random_point(random, -6, kWidth + 6);
        ImVec2 b = random_point(random, -6, kWidth + 6);
        ImVec2 c = random_point(random, -6, kWidth + 6);
        std::string shape;
        int kind = i % 5;
        if (kind == 1) {
            // Tiny: within a pixel or two of a.
            b = ImVec2(a.x + random_coordinate(random, -1.5f, 1.5f),
                       a.y + random_coordinate(random, -1.5f, 1.5f));
            c = ImVec2(a.x + random_coordinate(random, -1.5f, 1.5f),
                       a.y + random_coordinate(random, -1.5f, 1.5f));
        } else if (kind == 2) {
            // A sliver: c close to the line from a to b.
            float t = unit(random);
            float offset = random_coordinate(random, -0.5f, 0.5f);
            c = ImVec2(off_halfway(a.x + t * (b.x - a.x) + offset),
                       off_halfway(a.y + t * (b.y - a.y) - offset));
        } else if (kind == 3 && i % 2 == 0) {
            // No area: c on the line through a and b (exactly, on the half-pixel grid).
            a = ImVec2(std::round(a.x) + 0.5f, std::round(a.y));
            b = ImVec2(a.x + 4, a.y + 2);
            c = ImVec2(a.x - 6, a.y - 3);
        }
        if (kind == 4) {
            // An axis-aligned rectangle as ImGui makes them (both corner orders).
            list.rect(a, c, colour);
            shape = "rectangle " + describe(a, c, c);
        } else {
            if (i % 2 == 1) {
                std::swap(b, c);  // the other winding
            }
            list.triangle(a, b, c, colour);
            shape = "triangle " + describe(a, b, c);
        }
        Frame frame({list.get()}, kWidth, kHeight);
        Picture got(kWidth, kHeight, background);
        rasterise(frame.data(), got.canvas(), got.whole());
        Picture expected(kWidth, kHeight, background);
        reference_render(frame.data(), expected, expected.whole());
        std::string difference = differences(got, expected);
        if (!difference.empty()) {
            if (failures == 0) {
                first_failure = shape + ": " + difference;
            }
            ++failures;
        }
        ++shapes;
    }
    INFO(failures << " of " << shapes << " shapes differ; the first, " << first_failure);
    CHECK(failures == 0);
}

// [SECTION] 3. No seams, no double blending

TEST_CASE("a translucent convex polygon blends every pixel it covers exactly once",
          "[rasteriser]") {
    ImGuiScope imgui;
    const std::uint32_t background = 0x204060;
    const ImU32 colour = IM_COL32(200, 40, 90, 128);
    std::vector<ImVec2> points;
    for (int i = 0; i < 40; ++i) {
        double angle = 2 * 3.14159265358979 * i / 40;  // clockwise on screen (y down)
        points.emplace_back(static_cast<float>(50.3 + 33.1 * std::cos(angle)),
                            static_cast<float>(40.7 + 33.1 * std::sin(angle)));
    }
    DrawList list;
    list->AddConvexPolyFilled(points.data(), static_cast<int>(points.size()), colour);
    Frame frame({list.get()}, 100, 80);
    Picture got(100, 80, background);
    rasterise(frame.data(), got.canvas(), got.whole());

    int once = 0;
    int other = 0;
    for (int y = 0; y < 80; ++y) {
        for (int x = 0; x < 100; ++x) {
            if (got.at(x, y) == blend(colour, background)) {
                ++once;
            } else if (got.at(x, y) != background) {
                ++other;
            }
        }
    }
    INFO(once << " pixels blended once, " << other << " neither once nor untouched");
    CHECK(other == 0);
    CHECK(once > 3000);  // the disc's area is about 3,440 pixels
    Picture expected(100, 80, background);
    reference_render(frame.data(), expected, expected.whole());
    CHECK(differences(got, expected) == "");
}

TEST_CASE("a mesh of triangles tiling a rectangle covers each of its pixels exactly once",
          "[rasteriser]") {
    ImGuiScope imgui;
    constexpr int kWidth = 90;
    constexpr int kHeight = 66;
    constexpr int kColumns = 8;
    constexpr int kRows = 6;
    // Every side through pixel centres: ties, the tie rule's to settle.
    const float x0 = 4.5f, y0 = 3.5f, x1 = 84.5f, y1 = 61.5f;
    std::mt19937 random(7);
    const float cell_w = (x1 - x0) / kColumns;
    const float cell_h = (y1 - y0) / kRows;
    // Grid points moved at random: inside ones anywhere near their place, side ones along
    // their side only, corners not at all.
    std::vector<ImVec2> grid;
    for (int j = 0; j <= kRows; ++j) {
        for (int i = 0; i <= kColumns; ++i) {
            float x = i == 0 ? x0 : i == kColumns ? x1 : x0 + cell_w * static_cast<float>(i);
            float y = j == 0 ? y0 : j == kRows ? y1 : y0 + cell_h * static_cast<float>(j);
            if (i != 0 && i != kColumns) {
                x = std::round(x) + random_coordinate(random, -0.3f * cell_w, 0.3f * cell_w);
            }
            if (j != 0 && j != kRows) {
                y = std::round(y) + random_coordinate(random, -0.3f * cell_h, 0.3f * cell_h);
            }
            grid.emplace_back(x, y);
        }
    }
    auto point = [&](int i, int j) { return grid[std::size_t(j * (kColumns + 1) + i)]; };
    auto area = [](ImVec2 a, ImVec2 b, ImVec2 c) {
        return (double(b.x) - a.x) * (double(c.y) - a.y) -
               (double(b.y) - a.y) * (double(c.x) - a.x);
    };
    struct Triangle {
        ImVec2 a, b, c;
    };
    std::vector<Triangle> triangles;
    for (int j = 0; j < kRows; ++j) {
        for (int i = 0; i < kColumns; ++i) {
            ImVec2 p00 = point(i, j), p10 = point(i + 1, j), p11 = point(i + 1, j + 1),
                   p01 = point(i, j + 1);
            // A random diagonal, or the other one where the quad is not convex across it.
            bool first = random() % 2 == 0;
            if ((area(p00, p10, p11) > 0) != (area(p00, p11, p01) > 0)) {
                first = false;
            } else if ((area(p00, p10, p01) > 0) != (area(p10, p11, p01) > 0)) {
                first = true;
            }
            if (first) {
                triangles.push_back({p00, p10, p11});
                triangles.push_back({p00, p11, p01});
            } else {
                triangles.push_back({p00, p10, p01});
                triangles.push_back({p10, p11, p01});
            }
        }
    }

    // Each triangle alone, its pixels counted.
    std::vector<int> count(std::size_t(kWidth) * kHeight, 0);
    std::vector<int> reference_count(count.size(), 0);
    for (const Triangle& t : triangles) {
        DrawList list;
        list.triangle(t.a, t.b, t.c, IM_COL32_WHITE);
        Frame frame({list.get()}, kWidth, kHeight);
        Picture alone(kWidth, kHeight, 0x000000);
        rasterise(frame.data(), alone.canvas(), alone.whole());
        for (int y = 0; y < kHeight; ++y) {
            for (int x = 0; x < kWidth; ++x) {
                count[std::size_t(y * kWidth + x)] += alone.at(x, y) != 0 ? 1 : 0;
            }
        }
        for_covered(ReferenceTriangle(t.a, t.b, t.c), alone.whole(),
                    [&](int x, int y) { ++reference_count[std::size_t(y * kWidth + x)]; });
    }
    int wrong = 0;
    int reference_wrong = 0;
    std::string first_wrong;
    for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth; ++x) {
            int expected = inside_rect(x, y, x0, y0, x1, y1) ? 1 : 0;
            int got = count[std::size_t(y * kWidth + x)];
            reference_wrong += reference_count[std::size_t(y * kWidth + x)] != expected ? 1 : 0;
            if (got != expected) {
                if (wrong == 0) {
                    first_wrong = "(" + std::to_string(x) + ", " + std::to_string(y) + ") drawn " +
                                  std::to_string(got) + " times";
                }
                ++wrong;
            }
        }
    }
    REQUIRE(reference_wrong == 0);  // the mesh itself tiles the rectangle
    INFO(wrong << " pixels not drawn exactly once; the first " << first_wrong);
    CHECK(wrong == 0);

    // All of them at once, translucent: each pixel inside blended once, none outside.
    const std::uint32_t background = 0x808080;
    const ImU32 colour = IM_COL32(30, 200, 120, 100);
    DrawList mesh;
    for (const Triangle& t : triangles) {
        mesh.triangle(t.a, t.b, t.c, colour);
    }
    Frame frame({mesh.get()}, kWidth, kHeight);
    Picture got(kWidth, kHeight, background);
    rasterise(frame.data(), got.canvas(), got.whole());
    Picture expected(kWidth, kHeight, background);
    for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth; ++x) {
            if (inside_rect(x, y, x0, y0, x1, y1)) {
                expected.at(x, y) = blend(colour, background);
            }
        }
    }
    CHECK(differences(got, expected) == "");
}

// [SECTION] 4. Blending arithmetic

TEST_CASE("canvas_colour drops alpha and swaps ImGui's byte order", "[rasteriser]") {
    CHECK(canvas_colour(IM_COL32(0x12, 0x34, 0x56, 0x78)) == 0x123456u);
    CHECK(canvas_colour(IM_COL32(0xFF, 0x00, 0x01, 0xFF)) == 0xFF0001u);
}

TEST_CASE("fill sets the rectangle's pixels within the canvas and nothing else", "[rasteriser]") {
    Picture got(20, 10, 0x000000, 3);
    motcua::kiosk::render::fill(got.canvas(), PixelRect{15, -4, 40, 6}, 0xABCDEF);
    Picture expected(20, 10, 0x000000, 3);
    expected.paint({15, 0, 20, 6}, 0xABCDEF);
    CHECK(differences(got, expected) == "");
}

TEST_CASE("every alpha over every background blends by llvmpipe's 8-bit arithmetic",
          "[rasteriser]") {
    ImGuiScope imgui;
    // Pixel (x, y): alpha y; red x over 255 - x, green 255 - x over x, blue (x + 3y) over 7x.
    // Each row so meets every (channel, alpha) and (channel, 255 - alpha) pair: both of the
    // blend's products at every value. One draw list a row: 16-bit indices.
    auto source = [](int x, int y) { return IM_COL32(x, 255 - x, (x + 3 * y) & 0xff, y); };
    auto background = [](int x) {
        return std::uint32_t((255 - x) << 16 | x << 8 | ((7 * x) & 0xff));
    };
    Picture got(256, 256, 0);
    Picture expected(256, 256, 0);
    std::vector<std::unique_ptr<DrawList>> rows;
    std::vector<ImDrawList*> lists;
    for (int y = 0; y < 256; ++y) {
        rows.push_back(std::make_unique<DrawList>());
        for (int x = 0; x < 256; ++x) {
            got.at(x, y) = background(x);
            expected.at(x, y) = blend(source(x, y), background(x));
            rows.back()->rect(ImVec2(float(x), float(y)), ImVec2(float(x + 1), float(y + 1)),
                              source(x, y));
        }
        lists.push_back(rows.back()->get());
    }
    Frame frame(lists, 256, 256);
    rasterise(frame.data(), got.canvas(), got.whole());
    CHECK(differences(got, expected) == "");
}

TEST_CASE("an opaque colour replaces the pixels exactly, over any background", "[rasteriser]") {
    ImGuiScope imgui;
    for (ImU32 colour : {IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255),
                         IM_COL32(1, 254, 128, 255), IM_COL32(0x0B, 0x57, 0xB0, 0xFF)}) {
        DrawList list;
        list.triangle(ImVec2(0, 0), ImVec2(16, 0), ImVec2(0, 16), colour);  // the triangle path
        list->AddRectFilled(ImVec2(16, 0), ImVec2(32, 16), colour);         // the rectangle path
        Frame frame({list.get()}, 32, 16);
        Picture got(32, 16, 0x7F80FE);
        rasterise(frame.data(), got.canvas(), got.whole());
        CHECK(got.at(2, 2) == canvas_colour(colour));
        CHECK(got.at(20, 10) == canvas_colour(colour));
        CHECK(got.at(14, 14) == 0x7F80FEu);
    }
}

TEST_CASE("colours interpolate across triangles, taken at the pixels' centres", "[rasteriser]") {
    ImGuiScope imgui;
    // Black on the left side to white on the right, over 64 pixels: pixel x's centre is
    // (x + 0.5) / 64 of the way.
    DrawList list;
    const ImU32 black = IM_COL32(0, 0, 0, 255);
    const ImU32 white = IM_COL32(255, 255, 255, 255);
    list->AddRectFilledMultiColor(ImVec2(0, 0), ImVec2(64, 8), black, white, white, black);
    Frame frame({list.get()}, 64, 8);
    Picture got(64, 8, 0x123456);
    rasterise(frame.data(), got.canvas(), got.whole());
    int off = 0;
    std::string first_off;
    for (int y = 0; y < 8; ++y) {
        for (int x = 0; x < 64; ++x) {
            auto level = static_cast<std::uint32_t>(std::lround(255.0 * (x + 0.5) / 64));
            if (!near(got.at(x, y), grey(level), 1)) {
                first_off = first_off.empty() ? "(" + std::to_string(x) + ", " + std::to_string(y) +
                                                    ") " + hex(got.at(x, y))
                                              : first_off;
                ++off;
            }
        }
    }
    INFO(off << " pixels off; the first " << first_off);
    CHECK(off == 0);
}

// [SECTION] 5. Texture sampling

namespace {

// Draws texels [tx, tx + tw) x [ty, ty + th) of `texture` as a quad from (x, y), `w` x `h`
// pixels, in `colour`, over `background`.
// How an image's quad is cut into triangles: as PrimRectUV cuts it (corners 0-1-2, 0-2-3
// clockwise from the top left), or along the other diagonal (0-1-3, 1-2-3).
enum class Cut { prim_rect, other_diagonal };

// Draws texels [tx, tx + tw) x [ty, ty + th) of `texture` as a quad from (x, y), `w` x `h`
// pixels, in `colour`, over `background`.
Picture draw_image(CoverageTexture& texture, int tx, int ty, int tw, int th, float x, float y,
                   float w, float h, ImU32 colour, std::uint32_t background,
                   Cut cut = Cut::prim_rect) {
    DrawList list(ImVec4(0, 0, 4096, 4096), texture_id(texture));
    auto width = static_cast<float>(texture.width);
    auto height = static_cast<float>(texture.height);
    ImVec2 uv0(float(tx) / width, float(ty) / height);
    ImVec2 uv1(float(tx + tw) / width, float(ty + th) / height);
    list->PrimReserve(6, 4);
    if (cut == Cut::prim_rect) {
        list->PrimRectUV(ImVec2(x, y), ImVec2(x + w, y + h), uv0, uv1, colour);
    } else {
        auto first = static_cast<ImDrawIdx>(list->_VtxCurrentIdx);
        for (int corner : {0, 1, 3, 1, 2, 3}) {
            list->PrimWriteIdx(static_cast<ImDrawIdx>(first + corner));
        }
        list->PrimWriteVtx(ImVec2(x, y), uv0, colour);
        list->PrimWriteVtx(ImVec2(x + w, y), ImVec2(uv1.x, uv0.y), colour);
        list->PrimWriteVtx(ImVec2(x + w, y + h), uv1, colour);
        list->PrimWriteVtx(ImVec2(x, y + h), ImVec2(uv0.x, uv1.y), colour);
    }
    Frame frame({list.get()}, 64, 32);
    Picture got(64, 32, background);
    rasterise(frame.data(), got.canvas(), got.whole());
    return got;
}

unsigned char texel(const CoverageTexture& texture, int i, int j) {
    return texture.texels[std::size_t(j * texture.width + i)];
}

}  // namespace

TEST_CASE("a texture drawn at its own size on the pixel grid copies its coverage", "[rasteriser]") {
    ImGuiScope imgui;
    CoverageTexture texture = random_texture(64, 16, 5);
    Picture got = draw_image(texture, 8, 4, 20, 9, 3, 5, 20, 9, IM_COL32_WHITE, 0x000000);
    Picture expected(64, 32, 0x000000);
    for (int j = 0; j < 9; ++j) {
        for (int i = 0; i < 20; ++i) {
            expected.at(3 + i, 5 + j) = grey(texel(texture, 8 + i, 4 + j));
        }
    }
    CHECK(differences(got, expected) == "");

    // In a colour over a colour: the colour blended with the coverage as its alpha.
    const ImU32 colour = IM_COL32(0x40, 0x80, 0xC0, 0xFF);
    const std::uint32_t background = 0x102030;
    Picture coloured = draw_image(texture, 8, 4, 20, 9, 3, 5, 20, 9, colour, background);
    int off = 0;
    for (int j = 0; j < 9; ++j) {
        for (int i = 0; i < 20; ++i) {
            std::uint32_t want =
                blend(canvas_colour(colour), texel(texture, 8 + i, 4 + j), background);
            off += near(coloured.at(3 + i, 5 + j), want, 1) ? 0 : 1;
        }
    }
    CHECK(off == 0);
    CHECK(coloured.at(2, 5) == background);
    CHECK(coloured.at(23, 5) == background);
}

TEST_CASE("a texture drawn twice as wide repeats each texel over two pixels (nearest)",
          "[rasteriser]") {
    ImGuiScope imgui;
    CoverageTexture texture = random_texture(64, 16, 6);
    Picture got = draw_image(texture, 8, 4, 20, 9, 3, 5, 40, 9, IM_COL32_WHITE, 0x000000);
    Picture expected(64, 32, 0x000000);
    for (int j = 0; j < 9; ++j) {
        for (int k = 0; k < 40; ++k) {
            expected.at(3 + k, 5 + j) = grey(texel(texture, 8 + k / 2, 4 + j));
        }
    }
    CHECK(differences(got, expected) == "");
}

TEST_CASE("a texture drawn at half its width averages each pair of texels (bilinear)",
          "[rasteriser]") {
    ImGuiScope imgui;
    CoverageTexture texture = random_texture(64, 16, 7);
    Picture got = draw_image(texture, 8, 4, 20, 9, 3, 5, 10, 9, IM_COL32_WHITE, 0x000000);
    int off = 0;
    int nearest_like = 0;
    std::string first_off;
    for (int j = 0; j < 9; ++j) {
        for (int k = 0; k < 10; ++k) {
            int left = texel(texture, 8 + 2 * k, 4 + j);
            int right = texel(texture, 8 + 2 * k + 1, 4 + j);
            std::uint32_t want = grey(std::uint32_t(left + right) / 2);
            if (!near(got.at(3 + k, 5 + j), want, 1)) {
                if (off == 0) {
                    first_off = "pixel (" + std::to_string(3 + k) + ", " + std::to_string(5 + j) +
                                ") " + hex(got.at(3 + k, 5 + j)) + ", texels " +
                                std::to_string(left) + " and " + std::to_string(right);
                }
                ++off;
            }
            nearest_like +=
                std::abs(left - right) > 4 && (got.at(3 + k, 5 + j) == grey(std::uint32_t(left)) ||
                                               got.at(3 + k, 5 + j) == grey(std::uint32_t(right)))
                    ? 1
                    : 0;
        }
    }
    INFO(off << " pixels off the average; the first " << first_off);
    CHECK(off == 0);
    CHECK(nearest_like == 0);
    CHECK(got.at(13, 5) == 0u);  // nothing past the quad's right side
}

TEST_CASE("an image cut along its other diagonal samples as PrimRectUV's pair does",
          "[rasteriser]") {
    ImGuiScope imgui;
    CoverageTexture texture = random_texture(64, 16, 8);
    struct Size {
        float w, h;
        int tolerance;  // bilinear sampling, for the minified one, may round either way
    };
    for (Size size : {Size{20, 9, 0}, Size{40, 9, 0}, Size{40, 18, 0}, Size{10, 9, 1}}) {
        INFO("drawn " << size.w << " x " << size.h << " from 20 x 9 texels");
        Picture rect = draw_image(texture, 8, 4, 20, 9, 3, 5, size.w, size.h, IM_COL32_WHITE, 0);
        Picture cut = draw_image(texture, 8, 4, 20, 9, 3, 5, size.w, size.h, IM_COL32_WHITE, 0,
                                 Cut::other_diagonal);
        int off = 0;
        for (std::size_t i = 0; i < rect.pixels.size(); ++i) {
            off += near(cut.pixels[i], rect.pixels[i], size.tolerance) ? 0 : 1;
        }
        CHECK(off == 0);
    }
}

// [SECTION] 6. Clipping and the limit

TEST_CASE("commands draw nothing outside their scissor box, nor outside the limit",
          "[rasteriser]") {
    ImGuiScope imgui;
    constexpr int kWidth = 120;
    constexpr int kHeight = 100;
    const ImVec4 clip(10.7f, 20.3f, 100.9f, 50.5f);
    // The OpenGL backend's glScissor(10, 49, 90, 30), counted from the bottom of 100 rows.
    REQUIRE(scissor_box(clip, kHeight) == PixelRect{10, 21, 100, 51});

    DrawList clipped(clip);
    clipped->AddRectFilled(ImVec2(-50, -50), ImVec2(500, 500), IM_COL32(255, 0, 0, 255));
    DrawList beyond(ImVec4(-20, -20, 1000, 1000));
    beyond->AddRectFilled(ImVec2(-50, 90), ImVec2(500, 500), IM_COL32(0, 255, 0, 255));
    beyond.triangle(ImVec2(-300, -300), ImVec2(-300, 8), ImVec2(400, 8), IM_COL32(0, 0, 255, 255));
    DrawList empty_clip(ImVec4(60, 60, 60, 90));
    empty_clip->AddRectFilled(ImVec2(0, 0), ImVec2(500, 500), IM_COL32(255, 255, 0, 255));
    Frame frame({clipped.get(), beyond.get(), empty_clip.get()}, kWidth, kHeight);

    const std::uint32_t background = 0x000000;
    const PixelRect limits[] = {{0, 0, kWidth, kHeight},
                                {30, 0, 70, 40},
                                {-10, -10, 200, 200},
                                {95, 45, 120, 95},
                                {50, 50, 50, 60}};
    for (const PixelRect& limit : limits) {
        INFO("limit (" << limit.x0 << ", " << limit.y0 << ") to (" << limit.x1 << ", " << limit.y1
                       << ")");
        Picture got(kWidth, kHeight, kSentinel, 8);
        Picture expected(kWidth, kHeight, kSentinel, 8);
        PixelRect inside = intersect(limit, got.whole());
        got.paint(inside, background);
        expected.paint(inside, background);
        rasterise(frame.data(), got.canvas(), limit);
        reference_render(frame.data(), expected, limit);
        CHECK(differences(got, expected) == "");
        // Independently of the reference: red only within the scissor box and the limit.
        for (int y = 0; y < kHeight; ++y) {
            for (int x = 0; x < kWidth; ++x) {
                bool red = got.at(x, y) == 0xFF0000u;
                bool may = x >= std::max(10, limit.x0) && x < std::min(100, limit.x1) &&
                           y >= std::max(21, limit.y0) && y < std::min(51, limit.y1);
                if (red != may) {
                    FAIL_CHECK("pixel (" << x << ", " << y << ") is " << hex(got.at(x, y)));
                    x = kWidth;
                    y = kHeight;
                }
            }
        }
    }
}

// [SECTION] 7. Pieces equal the whole

namespace {

// Disjoint rectangles covering the canvas, of uneven sizes (one a single column).
std::vector<PixelRect> pieces_of(int width, int height) {
    std::vector<int> xs = {0, width / 7, width / 7 + 1, width / 2 + 3, width};
    std::vector<int> ys = {0, height / 3, height / 3 + 1, height};
    std::vector<PixelRect> pieces;
    for (std::size_t j = 0; j + 1 < ys.size(); ++j) {
        // Every other band cut at other places, so pieces' corners do not line up.
        int shift = j % 2 == 0 ? 0 : 5;
        for (std::size_t i = 0; i + 1 < xs.size(); ++i) {
            int x0 = i == 0 ? 0 : xs[i] + shift;
            int x1 = i + 2 == xs.size() ? width : xs[i + 1] + shift;
            pieces.push_back({x0, ys[j], x1, ys[j + 1]});
        }
    }
    return pieces;
}

// The frame drawn whole and drawn in pieces (each filled with the background first): "" when
// both pictures are the same, else how they differ.
std::string whole_versus_pieces(const ImDrawData& frame, int width, int height,
                                std::uint32_t background, long long* changed = nullptr) {
    Picture whole(width, height, kSentinel, 4);
    motcua::kiosk::render::fill(whole.canvas(), whole.whole(), background);
    rasterise(frame, whole.canvas(), whole.whole());
    Picture pieces(width, height, kSentinel, 4);
    for (const PixelRect& piece : pieces_of(width, height)) {
        motcua::kiosk::render::fill(pieces.canvas(), piece, background);
        rasterise(frame, pieces.canvas(), piece);
    }
    if (changed != nullptr) {
        *changed = std::count_if(whole.pixels.begin(), whole.pixels.end(), [&](std::uint32_t p) {
            return p != background && p != kSentinel;
        });
    }
    return differences(pieces, whole);
}

}  // namespace

TEST_CASE("a hand-made frame drawn in pieces equals the frame drawn whole", "[rasteriser]") {
    ImGuiScope imgui;
    ImGuiIO& io = ImGui::GetIO();
    ImFont* font = io.Fonts->AddFontDefault();
    unsigned char* texels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsAlpha8(&texels, &width, &height);
    CoverageTexture atlas{std::vector<unsigned char>(texels, texels + std::size_t(width) * height),
                          width, height};
    io.Fonts->SetTexID(texture_id(atlas));
    const ImVec2 white = io.Fonts->TexUvWhitePixel;

    constexpr int kWidth = 160;
    constexpr int kHeight = 120;
    std::mt19937 random(99);
    std::uniform_int_distribution<int> byte(0, 255);
    auto random_colour = [&] {
        return IM_COL32(byte(random), byte(random), byte(random), byte(random));
    };

    DrawList shapes(ImVec4(0, 0, kWidth, kHeight), texture_id(atlas));
    for (int i = 0; i < 60; ++i) {
        // Triangles with a colour per corner (interpolated), both windings.
        shapes->PrimReserve(3, 3);
        for (int k = 0; k < 3; ++k) {
            shapes->PrimVtx(random_point(random, -10, 170), white, random_colour());
        }
    }
    for (int i = 0; i < 20; ++i) {
        ImVec2 a = random_point(random, -5, 165);
        shapes->AddRectFilled(a, ImVec2(a.x + 23.4f, a.y + 17.6f), random_colour());
    }
    const char* text = "Xin chao! 0123456789 The quick brown fox";
    shapes->AddText(font, 13, ImVec2(3, 4), IM_COL32(0, 0, 0, 255), text);              // own size
    shapes->AddText(font, 26, ImVec2(2.5f, 30.25f), IM_COL32(200, 0, 0, 230), text);    // magnified
    shapes->AddText(font, 6.5f, ImVec2(7.3f, 70.6f), IM_COL32(0, 90, 200, 255), text);  // minified
    shapes->AddImage(texture_id(atlas), ImVec2(20.2f, 80.7f), ImVec2(150.1f, 118.9f), ImVec2(0, 0),
                     ImVec2(0.5f, 0.25f), IM_COL32(255, 255, 255, 200));
    DrawList overlay(ImVec4(15.5f, 25.2f, 140.8f, 99.9f), texture_id(atlas));
    overlay->AddText(font, 20, ImVec2(11.1f, 50.2f), IM_COL32(20, 120, 20, 180), text);
    overlay->AddRectFilled(ImVec2(0, 60), ImVec2(160, 70), IM_COL32(250, 250, 0, 60));
    Frame frame({shapes.get(), overlay.get()}, kWidth, kHeight);

    long long changed = 0;
    CHECK(whole_versus_pieces(frame.data(), kWidth, kHeight, 0xF4F1EA, &changed) == "");
    CHECK(changed > kWidth * kHeight / 2);
}

TEST_CASE("the kiosk's screens at 1920x1080 drawn in pieces equal the screens drawn whole",
          "[rasteriser]") {
    using namespace motcua::kiosk::testing;
    FlowHarness h(true);
    HeadlessUi ui(h, 1920, 1080);
    unsigned char* texels = nullptr;
    int width = 0;
    int height = 0;
    ImFontAtlas& fonts = *ImGui::GetIO().Fonts;
    fonts.GetTexDataAsAlpha8(&texels, &width, &height);
    CoverageTexture atlas{std::vector<unsigned char>(texels, texels + std::size_t(width) * height),
                          width, height};
    fonts.SetTexID(texture_id(atlas));
    const std::uint32_t page = 0xF4F1EA;

    auto check_screen = [&](const std::string& name) {
        ui.frame();
        const ImDrawData* frame = ImGui::GetDrawData();
        REQUIRE(frame != nullptr);
        long long changed = 0;
        INFO("screen " << name);
        CHECK(whole_versus_pieces(*frame, 1920, 1080, page, &changed) == "");
        CHECK(changed > 1920 * 1080 / 100);  // the screen is drawn at all
    };
    check_screen("welcome");
    h.flow.begin_code_entry();
    check_screen("code entry");
    h.scan(kGoodCode);
    ui.tap("stage.0");
    REQUIRE(h.flow.screen() == motcua::kiosk::Screen::question);
    check_screen("question 1");
    h.type("3");
    check_screen("question 1, answer marked");
}

// [SECTION] 8. Robustness

TEST_CASE("bad geometry draws nothing, crashes nothing and touches nothing outside the limit",
          "[rasteriser]") {
    ImGuiScope imgui;
    constexpr int kWidth = 64;
    constexpr int kHeight = 48;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    const ImU32 red = IM_COL32(255, 0, 0, 255);
    CoverageTexture texture = random_texture(16, 16, 3);

    DrawList bad;
    bad.triangle(ImVec2(nan, 10), ImVec2(50, 10), ImVec2(30, 40), red);
    bad.triangle(ImVec2(10, 10), ImVec2(50, nan), ImVec2(30, 40), red);
    bad.triangle(ImVec2(-1e30f, -1e30f), ImVec2(1e30f, -1e30f), ImVec2(0, 1e30f), red);
    bad.triangle(ImVec2(-inf, 0), ImVec2(inf, 0), ImVec2(0, inf), red);
    bad.rect(ImVec2(-1e30f, -1e30f), ImVec2(1e30f, 1e30f), red);
    bad.rect(ImVec2(nan, nan), ImVec2(nan, nan), red);
    bad.triangle(ImVec2(10, 10), ImVec2(20, 20), ImVec2(40, 40), red);      // no area
    bad.triangle(ImVec2(33, 21), ImVec2(33, 21), ImVec2(33, 21), red);      // a point
    bad.triangle(ImVec2(5.5f, 5), ImVec2(5.5f, 30), ImVec2(5.5f, 9), red);  // a vertical line
    bad->AddDrawCmd();                                                      // empty commands
    bad->AddDrawCmd();
    // Textured, with coordinates NaN and far outside the texture.
    bad->PushTextureID(texture_id(texture));
    bad.triangle(ImVec2(nan, 1), ImVec2(9, 1), ImVec2(1, 9), red, ImVec2(0.5f, 0.5f));
    bad.rect(ImVec2(nan, 3), ImVec2(12, 9), red);
    bad->PopTextureID();
    Frame bad_frame({bad.get()}, kWidth, kHeight);

    const PixelRect limit{8, 8, 56, 40};
    const std::uint32_t background = 0x336699;
    Picture got(kWidth, kHeight, kSentinel, 5);
    got.paint(limit, background);
    Picture untouched = got;
    rasterise(bad_frame.data(), got.canvas(), limit);
    CHECK(differences(got, untouched) == "");

    // Texture coordinates that are NaN or far outside the texture, on real triangles: drawn
    // somehow, but only within the limit.
    DrawList odd_uv(ImVec4(0, 0, kWidth, kHeight), texture_id(texture));
    odd_uv->PrimReserve(3, 3);
    odd_uv->PrimVtx(ImVec2(0, 0), ImVec2(nan, 0), red);
    odd_uv->PrimVtx(ImVec2(64, 0), ImVec2(1e30f, -1e30f), red);
    odd_uv->PrimVtx(ImVec2(0, 48), ImVec2(-5, 7), red);
    odd_uv->AddImage(texture_id(texture), ImVec2(20, 20), ImVec2(60, 48), ImVec2(-1e9f, nan),
                     ImVec2(1e9f, 3), red);
    odd_uv->AddImage(texture_id(texture), ImVec2(20, 0), ImVec2(60, 20), ImVec2(-3, -3),
                     ImVec2(4, 4), red);
    // The list's last index is its last vertex (the buffers end exactly there: ASan sees a
    // read past them).
    odd_uv->PrimReserve(3, 3);
    odd_uv->PrimVtx(ImVec2(60, 44), ImVec2(0, 0), red);
    odd_uv->PrimVtx(ImVec2(63, 47), ImVec2(0, 0), red);
    odd_uv->PrimVtx(ImVec2(60, 47), ImVec2(0, 0), red);
    REQUIRE(odd_uv->IdxBuffer.back() == odd_uv->VtxBuffer.Size - 1);
    tighten(odd_uv->IdxBuffer);
    tighten(odd_uv->VtxBuffer);
    Frame odd_frame({odd_uv.get()}, kWidth, kHeight);
    Picture odd(kWidth, kHeight, kSentinel, 5);
    odd.paint(limit, background);
    rasterise(odd_frame.data(), odd.canvas(), limit);
    for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth + 5; ++x) {
            bool in_limit = x >= limit.x0 && x < limit.x1 && y >= limit.y0 && y < limit.y1;
            std::uint32_t pixel = odd.pixels[std::size_t(y * odd.stride + x)];
            if (!in_limit && pixel != kSentinel) {
                FAIL_CHECK("pixel (" << x << ", " << y << ") outside the limit is " << hex(pixel));
            }
            if (in_limit && (pixel & 0xFF000000u) != 0) {
                FAIL_CHECK("pixel (" << x << ", " << y << ") is not 0x00RRGGBB: " << hex(pixel));
            }
        }
    }
}

TEST_CASE("clip rectangles that are NaN, huge or inverted draw within the limit at most",
          "[rasteriser]") {
    ImGuiScope imgui;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    DrawList list;
    list->AddRectFilled(ImVec2(0, 0), ImVec2(64, 48), IM_COL32(255, 0, 0, 255));
    list->CmdBuffer.back().ClipRect = ImVec4(nan, nan, nan, nan);
    for (ImVec4 clip : {ImVec4(0, 0, 1e30f, 1e30f), ImVec4(-1e30f, -1e30f, 1e30f, 1e30f),
                        ImVec4(40, 40, 10, 10), ImVec4(0, 0, 3e9f, 48)}) {
        ImDrawCmd command = list->CmdBuffer.back();
        command.ClipRect = clip;
        list->CmdBuffer.push_back(command);
    }
    Frame frame({list.get()}, 64, 48);
    const PixelRect limit{8, 8, 56, 40};
    Picture got(64, 48, kSentinel, 5);
    got.paint(limit, 0x000000);
    rasterise(frame.data(), got.canvas(), limit);
    for (int y = 0; y < 48; ++y) {
        for (int x = 0; x < 64 + 5; ++x) {
            bool in_limit = x >= limit.x0 && x < limit.x1 && y >= limit.y0 && y < limit.y1;
            std::uint32_t pixel = got.pixels[std::size_t(y * got.stride + x)];
            if (!in_limit && pixel != kSentinel) {
                FAIL_CHECK("pixel (" << x << ", " << y << ") outside the limit is " << hex(pixel));
            }
        }
    }
}

TEST_CASE("triangles reaching far outside the canvas (but within 2^21 px) still draw exactly",
          "[rasteriser]") {
    ImGuiScope imgui;
    const ImU32 colour = IM_COL32(10, 200, 30, 255);
    DrawList list;
    list.triangle(ImVec2(-2e6f, -1e6f), ImVec2(2e6f, -1e6f), ImVec2(0.25f, 2e6f), colour);
    list.triangle(ImVec2(-1e6f, 30.5f), ImVec2(1e6f, 31.5f), ImVec2(1e6f, 30.75f),
                  IM_COL32(0, 0, 0, 255));
    Frame frame({list.get()}, 64, 48);
    Picture got(64, 48, 0xFFFFFF);
    rasterise(frame.data(), got.canvas(), got.whole());
    Picture expected(64, 48, 0xFFFFFF);
    reference_render(frame.data(), expected, expected.whole());
    CHECK(differences(got, expected) == "");
    CHECK(got.at(0, 0) == canvas_colour(colour));
    CHECK(got.at(63, 47) == canvas_colour(colour));
}

// [SECTION] 9. Callbacks

namespace {

struct Call {
    const ImDrawList* list;
    const ImDrawCmd* command;
    void* data;
    std::uint32_t pixel_before;  // what the canvas held at (1, 1) when the callback ran
};

std::vector<Call> calls;
const Picture* watched = nullptr;

void capture_call(const ImDrawList* list, const ImDrawCmd* command) {
    calls.push_back({list, command, command->UserCallbackData, watched->at(1, 1)});
}

}  // namespace

TEST_CASE("user callbacks are called once per command, in order, and ResetRenderState never",
          "[rasteriser]") {
    ImGuiScope imgui;
    int tag[3] = {0, 1, 2};
    DrawList first;
    first->AddRectFilled(ImVec2(0, 0), ImVec2(4, 4), IM_COL32(255, 0, 0, 255));
    first->AddCallback(capture_call, &tag[0]);
    first->AddRectFilled(ImVec2(0, 0), ImVec2(4, 4), IM_COL32(0, 255, 0, 255));
    first->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    first->AddCallback(capture_call, &tag[1]);
    first->AddRectFilled(ImVec2(0, 0), ImVec2(4, 4), IM_COL32(0, 0, 255, 255));
    DrawList second;
    second->AddCallback(capture_call, &tag[2]);
    second->AddRectFilled(ImVec2(4, 0), ImVec2(8, 4), IM_COL32(255, 255, 255, 255));
    Frame frame({first.get(), second.get()}, 8, 4);

    Picture got(8, 4, 0x000000);
    calls.clear();
    watched = &got;
    rasterise(frame.data(), got.canvas(), got.whole());
    watched = nullptr;

    REQUIRE(calls.size() == 3);
    CHECK(calls[0].list == first.get());
    CHECK(calls[0].data == &tag[0]);
    CHECK(calls[0].pixel_before == 0xFF0000u);  // after the red, before the green
    CHECK(calls[1].list == first.get());
    CHECK(calls[1].data == &tag[1]);
    CHECK(calls[1].pixel_before == 0x00FF00u);
    CHECK(calls[2].list == second.get());
    CHECK(calls[2].data == &tag[2]);
    CHECK(calls[2].command == &second->CmdBuffer[0]);
    CHECK(calls[0].command < calls[1].command);
    CHECK(got.at(1, 1) == 0x0000FFu);
    CHECK(got.at(5, 1) == 0xFFFFFFu);
}
