#include "kiosk/render/soft_rasteriser.hpp"

#include <algorithm>
#include <cmath>

// [SECTION] Arithmetic: 8-bit blending, fixed-point positions, the fill rule
// [SECTION] Sampling the coverage texture
// [SECTION] Rectangles: fills and glyphs, row by row
// [SECTION] Triangles: spans from edge functions
// [SECTION] Commands

namespace motcua::kiosk::render {

namespace {

// [SECTION] Arithmetic: 8-bit blending, fixed-point positions, the fill rule

// Positions are snapped to 1/256 pixel, as Mesa does, so coverage is decided in exact integers.
constexpr int kSubpixelBits = 8;
constexpr std::int64_t kSubpixels = std::int64_t{1} << kSubpixelBits;
constexpr std::int64_t kHalfPixel = kSubpixels / 2;
// Beyond this, the edge functions' products could overflow 64 bits.
constexpr float kFarthest = 1 << 21;

// a * b / 255 in 8 bits as llvmpipe's blending computes it: the nearest integer but for 24
// of the 65,536 pairs (e.g. 152 * 229 / 255 = 136.502 gives 136), measured against it.
inline std::uint32_t mul255(std::uint32_t a, std::uint32_t b) {
    std::uint32_t product = a * b;
    return (product + (product >> 8) + 128) >> 8;
}

// Floor and ceiling of n / d for d > 0, whatever n's sign.
std::int64_t floor_div(std::int64_t n, std::int64_t d) {
    std::int64_t q = n / d;
    return (n % d != 0 && n < 0) ? q - 1 : q;
}

std::int64_t ceil_div(std::int64_t n, std::int64_t d) {
    return -floor_div(-n, d);
}

// `value` within [low, high], NaN as `low`: every float the rasteriser turns into an integer
// goes through here first, so no conversion can overflow.
float bounded(float value, float low, float high) {
    if (!(value >= low)) {
        return low;
    }
    return value <= high ? value : high;
}

bool drawable(const ImVec2& p) {
    return std::fabs(p.x) <= kFarthest && std::fabs(p.y) <= kFarthest;  // false for NaN
}

// Positions in 1/256 pixel, pixel centres at odd multiples of 128, computed the way OpenGL
// gets them: ImGui's backend projects each vertex to clip space (x * 2/w - 1), the viewport
// maps it back to window coordinates, and Mesa snaps the window position less half a pixel
// to 1/256, rounding half to even. The float round trip moves a position by up to about 1/100
// of a subpixel: enough to decide a tie where a position lies half a subpixel off a centre,
// as text shrunk to fit often does (measured: a glyph at x = 204.50197 is snapped onto the
// centre of pixel 204 this way, and just right of it by rounding x * 256 directly).
class Snapper {
  public:
    Snapper(float width, float height)
        : x_scale_(2.0f / width),
          y_scale_(2.0f / -height),
          half_width_(width / 2),
          half_height_(height / 2) {}

    std::int64_t x(float position) const {
        float clip = position * x_scale_ + -1.0f;
        return window_to_fixed(clip * half_width_ + half_width_);
    }
    std::int64_t y(float position) const {
        // The window's rows run top-down in Mesa's framebuffer, so the viewport flips y back.
        float clip = position * y_scale_ + 1.0f;
        return window_to_fixed(clip * -half_height_ + half_height_);
    }

  private:
    static std::int64_t window_to_fixed(float window) {
        return static_cast<std::int64_t>(std::nearbyint((window - 0.5f) * kSubpixels)) + kHalfPixel;
    }

    float x_scale_, y_scale_, half_width_, half_height_;
};

// A pixel whose centre lies exactly on an edge belongs to the triangle whose left or bottom
// edge it is (x right, y down): OpenGL's top-left rule in its own window coordinates (y up),
// which ImGui's projection turns upside down; measured against llvmpipe. For a rectangle that
// means centres in [x0, x1) x (y0, y1].
std::int64_t first_centre_at_or_after(std::int64_t edge) {
    return ceil_div(edge - kHalfPixel, kSubpixels);
}

std::int64_t first_centre_after(std::int64_t edge) {
    return first_centre_at_or_after(edge + 1);
}

// A colour over the canvas: the source's channels premultiplied by its alpha once; each pixel
// then costs two multiplications, red and blue sharing one in separate 16-bit lanes (each
// lane's product stays under 65,536, so the lanes never carry into each other).
struct Paint {
    std::uint32_t red_blue = 0;   // premultiplied, 0x00RR00BB
    std::uint32_t green = 0;      // premultiplied
    std::uint32_t inverse = 255;  // 255 - alpha
    std::uint32_t opaque = 0;     // the colour itself, when alpha is 255

    Paint(std::uint32_t r, std::uint32_t g, std::uint32_t b, std::uint32_t alpha)
        : red_blue((mul255(r, alpha) << 16) | mul255(b, alpha)),
          green(mul255(g, alpha)),
          inverse(255 - alpha),
          opaque((r << 16) | (g << 8) | b) {}

    // mul255(channel, inverse) for every channel of `below`, plus the premultiplied source.
    std::uint32_t over(std::uint32_t below) const {
        std::uint32_t rb = (below & 0x00ff00ff) * inverse;
        rb = ((rb + ((rb >> 8) & 0x00ff00ff) + 0x00800080) >> 8) & 0x00ff00ff;
        std::uint32_t g = ((below >> 8) & 0xff) * inverse;
        g = (g + (g >> 8) + 0x80) >> 8;
        return (red_blue + rb) | ((green + g) << 8);
    }

    void span(std::uint32_t* pixels, int count) const {
        if (inverse == 0) {
            std::fill_n(pixels, count, opaque);
        } else if (inverse != 255) {
            for (int i = 0; i < count; ++i) {
                pixels[i] = over(pixels[i]);
            }
        }
    }
};

struct Rgba {
    std::uint32_t r, g, b, a;
};

Rgba unpack(ImU32 colour) {
    return {colour & 0xff, (colour >> 8) & 0xff, (colour >> 16) & 0xff, colour >> 24};
}

std::uint32_t blend(std::uint32_t below, const Rgba& colour, std::uint32_t coverage) {
    return Paint(colour.r, colour.g, colour.b, mul255(colour.a, coverage)).over(below);
}

// [SECTION] Sampling the coverage texture

// How a triangle reads the texture: OpenGL magnifies (nearest texel) when a pixel spans at
// most one texel along both axes, and minifies (bilinear) otherwise.
enum class Filter { nearest, bilinear };

Filter filter_for(float texels_per_pixel) {
    return texels_per_pixel <= 1.0f ? Filter::nearest : Filter::bilinear;
}

class Sampler {
  public:
    explicit Sampler(const CoverageTexture* texture) : texture_(texture) {}

    // The coverage (0..255) at texture coordinates (u, v).
    std::uint32_t at(float u, float v, Filter filter) const {
        if (texture_ == nullptr || texture_->width <= 0 || texture_->height <= 0) {
            return 255;
        }
        float s = bounded(u * static_cast<float>(texture_->width), -2.0f,
                          static_cast<float>(texture_->width) + 2.0f);
        float t = bounded(v * static_cast<float>(texture_->height), -2.0f,
                          static_cast<float>(texture_->height) + 2.0f);
        if (filter == Filter::nearest) {
            return texel(static_cast<int>(std::floor(s)), static_cast<int>(std::floor(t)));
        }
        s -= 0.5f;
        t -= 0.5f;
        float s0 = std::floor(s);
        float t0 = std::floor(t);
        float fs = s - s0;
        float ft = t - t0;
        int i = static_cast<int>(s0);
        int j = static_cast<int>(t0);
        float top =
            static_cast<float>(texel(i, j)) * (1 - fs) + static_cast<float>(texel(i + 1, j)) * fs;
        float bottom = static_cast<float>(texel(i, j + 1)) * (1 - fs) +
                       static_cast<float>(texel(i + 1, j + 1)) * fs;
        return static_cast<std::uint32_t>(std::lround(top * (1 - ft) + bottom * ft));
    }

    // Texels outside the texture repeat its edge (coordinates are never far outside).
    std::uint32_t texel(int i, int j) const {
        i = std::clamp(i, 0, texture_->width - 1);
        j = std::clamp(j, 0, texture_->height - 1);
        return texture_
            ->texels[static_cast<std::size_t>(j) * static_cast<std::size_t>(texture_->width) +
                     static_cast<std::size_t>(i)];
    }

  private:
    const CoverageTexture* texture_;
};

// Where one column (or row) of a rectangle reads the texture along that axis: two texels and
// the second's weight in 1/256 (nearest: the same texel twice). Coordinates outside the
// texture repeat its edge texel.
struct Tap {
    int first = 0;
    int second = 0;
    std::uint32_t weight = 0;

    static Tap at(float coordinate, int size, Filter filter) {
        float texel =
            bounded(coordinate * static_cast<float>(size), -2.0f, static_cast<float>(size) + 2.0f);
        if (filter == Filter::nearest) {
            int i = std::clamp(static_cast<int>(std::floor(texel)), 0, size - 1);
            return {i, i, 0};
        }
        texel -= 0.5f;
        float below = std::floor(texel);
        int i = static_cast<int>(below);
        auto weight = static_cast<std::uint32_t>(std::lround((texel - below) * 256.0f));
        return {std::clamp(i, 0, size - 1), std::clamp(i + 1, 0, size - 1), weight};
    }

    std::uint32_t mix(std::uint32_t a, std::uint32_t b) const {
        return (a * (256 - weight) + b * weight + 128) >> 8;
    }
};

// [SECTION] Rectangles: fills and glyphs, row by row

// The two triangles ImGui's PrimRect and PrimRectUV make, corners a (x0, y0), b (x1, y0),
// c (x1, y1), d (x0, y1), indices (a, b, c, a, c, d): an axis-aligned rectangle of one colour,
// its texture coordinates varying along x with x and along y with y (or not at all).
struct AxisRect {
    const ImDrawVert* a;
    const ImDrawVert* b;
    const ImDrawVert* c;
    const ImDrawVert* d;
};

bool as_axis_rect(const ImDrawVert* vertices, const ImDrawIdx* index, AxisRect& rect) {
    if (index[3] != index[0] || index[4] != index[2]) {
        return false;
    }
    rect = {&vertices[index[0]], &vertices[index[1]], &vertices[index[2]], &vertices[index[5]]};
    const ImDrawVert& a = *rect.a;
    const ImDrawVert& b = *rect.b;
    const ImDrawVert& c = *rect.c;
    const ImDrawVert& d = *rect.d;
    return a.pos.y == b.pos.y && c.pos.y == d.pos.y && a.pos.x == d.pos.x && b.pos.x == c.pos.x &&
           a.col == b.col && a.col == c.col && a.col == d.col && a.uv.y == b.uv.y &&
           c.uv.y == d.uv.y && a.uv.x == d.uv.x && b.uv.x == c.uv.x && drawable(a.pos) &&
           drawable(c.pos);
}

// The pixels whose centres the rectangle covers, within `box`.
PixelRect covered_pixels(const AxisRect& rect, const PixelRect& box, const Snapper& snap) {
    std::int64_t x0 = snap.x(rect.a->pos.x);
    std::int64_t x1 = snap.x(rect.c->pos.x);
    std::int64_t y0 = snap.y(rect.a->pos.y);
    std::int64_t y1 = snap.y(rect.c->pos.y);
    PixelRect pixels{static_cast<int>(first_centre_at_or_after(std::min(x0, x1))),
                     static_cast<int>(first_centre_after(std::min(y0, y1))),
                     static_cast<int>(first_centre_at_or_after(std::max(x0, x1))),
                     static_cast<int>(first_centre_after(std::max(y0, y1)))};
    return intersect(pixels, box);
}

// Texture coordinate at the centre of pixel `pixel`, along one axis of the rectangle whose
// sides at positions p0 and p1 have coordinates t0 and t1.
float coordinate_at(int pixel, float p0, float p1, float t0, float t1) {
    return t0 + (static_cast<float>(pixel) + 0.5f - p0) * (t1 - t0) / (p1 - p0);
}

void draw_axis_rect(const Canvas& canvas, const PixelRect& box, const Snapper& snap,
                    const AxisRect& rect, const CoverageTexture* texture,
                    std::vector<Tap>& columns) {
    PixelRect pixels = covered_pixels(rect, box, snap);
    if (pixels.empty()) {
        return;
    }
    Rgba colour = unpack(rect.a->col);
    Sampler sampler(texture);
    const ImDrawVert& a = *rect.a;
    const ImDrawVert& c = *rect.c;
    if (texture == nullptr || (a.uv.x == c.uv.x && a.uv.y == c.uv.y)) {
        Paint paint(colour.r, colour.g, colour.b,
                    mul255(colour.a, sampler.at(a.uv.x, a.uv.y, Filter::nearest)));
        for (int y = pixels.y0; y < pixels.y1; ++y) {
            paint.span(canvas.row(y) + pixels.x0, pixels.x1 - pixels.x0);
        }
        return;
    }
    // A glyph (or an image): where each column and row reads the texture, computed once.
    float texels_x =
        std::fabs((c.uv.x - a.uv.x) * static_cast<float>(texture->width) / (c.pos.x - a.pos.x));
    float texels_y =
        std::fabs((c.uv.y - a.uv.y) * static_cast<float>(texture->height) / (c.pos.y - a.pos.y));
    Filter filter = filter_for(std::max(texels_x, texels_y));
    columns.resize(static_cast<std::size_t>(pixels.x1 - pixels.x0));
    for (int x = pixels.x0; x < pixels.x1; ++x) {
        columns[static_cast<std::size_t>(x - pixels.x0)] =
            Tap::at(coordinate_at(x, a.pos.x, c.pos.x, a.uv.x, c.uv.x), texture->width, filter);
    }
    for (int y = pixels.y0; y < pixels.y1; ++y) {
        Tap row_tap =
            Tap::at(coordinate_at(y, a.pos.y, c.pos.y, a.uv.y, c.uv.y), texture->height, filter);
        const unsigned char* near_row = &texture->texels[static_cast<std::size_t>(row_tap.first) *
                                                         static_cast<std::size_t>(texture->width)];
        const unsigned char* far_row = &texture->texels[static_cast<std::size_t>(row_tap.second) *
                                                        static_cast<std::size_t>(texture->width)];
        std::uint32_t* row = canvas.row(y) + pixels.x0;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Tap& column = columns[i];
            std::uint32_t coverage =
                row_tap.mix(column.mix(near_row[column.first], near_row[column.second]),
                            column.mix(far_row[column.first], far_row[column.second]));
            if (coverage != 0) {
                row[i] = blend(row[i], colour, coverage);
            }
        }
    }
}

// [SECTION] Triangles: spans from edge functions

// E(q) = A q.x + B q.y + C, positive inside the triangle, zero on the edge from `from` to
// `to` (in 1/256 pixels).
struct Edge {
    std::int64_t a, b, c;
    std::int64_t least;  // E at a pixel centre must be at least this: 0 on a left or bottom edge

    Edge(std::int64_t from_x, std::int64_t from_y, std::int64_t to_x, std::int64_t to_y) {
        std::int64_t dx = to_x - from_x;
        std::int64_t dy = to_y - from_y;
        a = -dy;
        b = dx;
        c = dy * from_x - dx * from_y;
        // a > 0: the inside is to the right (a left edge); a == 0, b < 0: above (a bottom edge).
        bool left_or_bottom = a > 0 || (a == 0 && b < 0);
        least = left_or_bottom ? 0 : 1;
    }

    // Narrows [first, last] to the pixel columns of row `centre_y` (a centre, in 1/256 px)
    // on the inside of this edge.
    void narrow(std::int64_t centre_y, std::int64_t& first, std::int64_t& last) const {
        // E at column x is step * x + at_zero.
        std::int64_t step = a * kSubpixels;
        std::int64_t at_zero = a * kHalfPixel + b * centre_y + c;
        if (step > 0) {
            first = std::max(first, ceil_div(least - at_zero, step));
        } else if (step < 0) {
            last = std::min(last, floor_div(at_zero - least, -step));
        } else if (at_zero < least) {
            last = first - 1;
        }
    }
};

// An attribute's value across the triangle's plane: at + dx * (x - x0) + dy * (y - y0).
struct Plane {
    float at = 0, dx = 0, dy = 0;
    float value(float x, float y) const { return at + dx * x + dy * y; }
};

struct Planes {
    Plane r, g, b, a, u, v;
    Filter filter = Filter::nearest;
};

// Each attribute's plane, with x and y measured from the triangle's first corner.
Planes planes_of(const ImDrawVert& p, const ImDrawVert& q, const ImDrawVert& s,
                 const CoverageTexture* texture) {
    float x1 = q.pos.x - p.pos.x, y1 = q.pos.y - p.pos.y;
    float x2 = s.pos.x - p.pos.x, y2 = s.pos.y - p.pos.y;
    float det = x1 * y2 - x2 * y1;
    auto plane = [&](float at_p, float at_q, float at_s) {
        Plane plane{at_p, 0, 0};
        if (det != 0) {
            plane.dx = ((at_q - at_p) * y2 - (at_s - at_p) * y1) / det;
            plane.dy = ((at_s - at_p) * x1 - (at_q - at_p) * x2) / det;
        }
        return plane;
    };
    Rgba cp = unpack(p.col), cq = unpack(q.col), cs = unpack(s.col);
    auto f = [](std::uint32_t channel) { return static_cast<float>(channel); };
    Planes planes{plane(f(cp.r), f(cq.r), f(cs.r)), plane(f(cp.g), f(cq.g), f(cs.g)),
                  plane(f(cp.b), f(cq.b), f(cs.b)), plane(f(cp.a), f(cq.a), f(cs.a)),
                  plane(p.uv.x, q.uv.x, s.uv.x),    plane(p.uv.y, q.uv.y, s.uv.y)};
    if (texture != nullptr) {
        float w = static_cast<float>(texture->width);
        float h = static_cast<float>(texture->height);
        float along_x = std::hypot(planes.u.dx * w, planes.v.dx * h);
        float along_y = std::hypot(planes.u.dy * w, planes.v.dy * h);
        planes.filter = filter_for(std::max(along_x, along_y));
    }
    return planes;
}

std::uint32_t channel(float value) {
    return static_cast<std::uint32_t>(bounded(value, 0.0f, 255.0f) + 0.5f);
}

void draw_triangle(const Canvas& canvas, const PixelRect& box, const Snapper& snap,
                   const ImDrawVert& p, const ImDrawVert& q, const ImDrawVert& s,
                   const CoverageTexture* texture) {
    if (!drawable(p.pos) || !drawable(q.pos) || !drawable(s.pos)) {
        return;
    }
    std::int64_t px = snap.x(p.pos.x), py = snap.y(p.pos.y);
    std::int64_t qx = snap.x(q.pos.x), qy = snap.y(q.pos.y);
    std::int64_t sx = snap.x(s.pos.x), sy = snap.y(s.pos.y);
    std::int64_t area = (qx - px) * (sy - py) - (qy - py) * (sx - px);
    if (area == 0) {
        return;
    }
    if (area < 0) {
        // The other winding: walk the edges the other way so the inside is positive.
        std::swap(qx, sx);
        std::swap(qy, sy);
    }
    std::int64_t left = std::min({px, qx, sx});
    std::int64_t right = std::max({px, qx, sx});
    std::int64_t top = std::min({py, qy, sy});
    std::int64_t bottom = std::max({py, qy, sy});
    if (first_centre_at_or_after(right) < box.x0 || first_centre_at_or_after(left) > box.x1 ||
        first_centre_at_or_after(bottom) < box.y0 || first_centre_at_or_after(top) > box.y1) {
        return;  // no pixel centre of the box can be inside
    }
    const Edge edges[3] = {Edge(px, py, qx, qy), Edge(qx, qy, sx, sy), Edge(sx, sy, px, py)};
    int first_row = static_cast<int>(std::max<std::int64_t>(box.y0, first_centre_at_or_after(top)));
    int last_row = static_cast<int>(
        std::min<std::int64_t>(box.y1 - 1, floor_div(bottom - kHalfPixel, kSubpixels)));

    Sampler sampler(texture);
    // Fills and antialiased fringes read one texel (the atlas's white one) at every corner.
    bool one_texel = p.uv.x == q.uv.x && p.uv.x == s.uv.x && p.uv.y == q.uv.y && p.uv.y == s.uv.y;
    bool uniform = one_texel && p.col == q.col && p.col == s.col;
    Rgba colour = unpack(p.col);
    std::uint32_t texel = sampler.at(p.uv.x, p.uv.y, Filter::nearest);
    Paint paint(colour.r, colour.g, colour.b, mul255(colour.a, texel));
    Planes planes = uniform ? Planes{} : planes_of(p, q, s, one_texel ? nullptr : texture);

    for (int y = first_row; y <= last_row; ++y) {
        std::int64_t centre_y = static_cast<std::int64_t>(y) * kSubpixels + kHalfPixel;
        std::int64_t first = box.x0;
        std::int64_t last = box.x1 - 1;
        for (const Edge& edge : edges) {
            edge.narrow(centre_y, first, last);
        }
        if (first > last) {
            continue;
        }
        std::uint32_t* row = canvas.row(y);
        if (uniform) {
            paint.span(row + first, static_cast<int>(last - first + 1));
            continue;
        }
        float ry = static_cast<float>(y) + 0.5f - p.pos.y;
        for (std::int64_t x = first; x <= last; ++x) {
            float rx = static_cast<float>(x) + 0.5f - p.pos.x;
            std::uint32_t coverage = one_texel ? texel
                                               : sampler.at(planes.u.value(rx, ry),
                                                            planes.v.value(rx, ry), planes.filter);
            std::uint32_t alpha =
                channel(planes.a.value(rx, ry) * static_cast<float>(coverage) / 255.0f);
            if (alpha != 0) {
                row[x] = Paint(channel(planes.r.value(rx, ry)), channel(planes.g.value(rx, ry)),
                               channel(planes.b.value(rx, ry)), alpha)
                             .over(row[x]);
            }
        }
    }
}

// [SECTION] Commands

void draw_command(const Canvas& canvas, const PixelRect& box, const Snapper& snap,
                  const ImDrawList& list, const ImDrawCmd& command, std::vector<Tap>& columns) {
    const auto* texture = static_cast<const CoverageTexture*>(command.GetTexID());
    const int vertex_count = list.VtxBuffer.Size - static_cast<int>(command.VtxOffset);
    const unsigned index_end = std::min<unsigned>(command.IdxOffset + command.ElemCount,
                                                  static_cast<unsigned>(list.IdxBuffer.Size));
    if (vertex_count <= 0 || command.IdxOffset >= index_end) {
        return;
    }
    const ImDrawVert* vertices = list.VtxBuffer.Data + command.VtxOffset;
    const ImDrawIdx* indices = list.IdxBuffer.Data + command.IdxOffset;
    const unsigned count = index_end - command.IdxOffset;
    auto in_range = [&](unsigned first, unsigned n) {
        for (unsigned k = first; k < first + n; ++k) {
            if (indices[k] >= vertex_count) {
                return false;
            }
        }
        return true;
    };
    unsigned i = 0;
    while (i + 3 <= count) {
        AxisRect rect{};
        if (i + 6 <= count && in_range(i, 6) && as_axis_rect(vertices, indices + i, rect)) {
            draw_axis_rect(canvas, box, snap, rect, texture, columns);
            i += 6;
            continue;
        }
        if (in_range(i, 3)) {
            draw_triangle(canvas, box, snap, vertices[indices[i]], vertices[indices[i + 1]],
                          vertices[indices[i + 2]], texture);
        }
        i += 3;
    }
}

}  // namespace

std::uint32_t canvas_colour(ImU32 colour) {
    Rgba c = unpack(colour);
    return (c.r << 16) | (c.g << 8) | c.b;
}

void fill(const Canvas& canvas, const PixelRect& rect, std::uint32_t rgb) {
    PixelRect area = intersect(rect, {0, 0, canvas.width, canvas.height});
    for (int y = area.y0; y < area.y1; ++y) {
        std::fill_n(canvas.row(y) + area.x0, area.x1 - area.x0, rgb);
    }
}

void rasterise(const ImDrawData& frame, const Canvas& canvas, const PixelRect& limit) {
    const PixelRect bounds = intersect(limit, {0, 0, canvas.width, canvas.height});
    // ImGui's OpenGL backend measures the scissor from the framebuffer's height.
    const int framebuffer_height =
        static_cast<int>(bounded(frame.DisplaySize.y * frame.FramebufferScale.y, 0.0f, kFarthest));
    if (bounds.empty() || framebuffer_height <= 0) {
        return;
    }
    std::vector<Tap> columns;  // the glyphs' scratch, for every command of the frame
    const Snapper snap(bounded(frame.DisplaySize.x * frame.FramebufferScale.x, 1.0f, kFarthest),
                       static_cast<float>(framebuffer_height));
    for (int l = 0; l < frame.CmdListsCount; ++l) {
        const ImDrawList& list = *frame.CmdLists[l];
        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback != nullptr) {
                if (command.UserCallback != ImDrawCallback_ResetRenderState) {
                    command.UserCallback(&list, &command);
                }
                continue;
            }
            PixelRect box = intersect(bounds, scissor_box(command.ClipRect, framebuffer_height));
            if (!box.empty()) {
                draw_command(canvas, box, snap, list, command, columns);
            }
        }
    }
}

}  // namespace motcua::kiosk::render
