#include "kiosk/app/frame_damage.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace motcua::kiosk::app {

namespace {

std::uint32_t bits(float value) {
    return std::bit_cast<std::uint32_t>(value);
}

float value(std::uint32_t word) {
    return std::bit_cast<float>(word);
}

std::uint64_t hash_words(const std::uint32_t* words, std::size_t count) {
    std::uint64_t hash = 0x9E3779B97F4A7C15ULL;
    for (std::size_t i = 0; i < count; ++i) {
        hash = (hash ^ words[i]) * 0xFF51AFD7ED558CCDULL;
        hash ^= hash >> 32;
    }
    return hash;
}

// Far enough off any screen; a coordinate beyond it is clamped so it fits an int.
constexpr float kFar = 1 << 20;

int pixel(float coordinate) {
    return static_cast<int>(std::clamp(coordinate, -kFar, kFar));
}

}  // namespace

PixelRect triangle_pixels(ImVec2 a, ImVec2 b, ImVec2 c) {
    if (std::isnan(a.x + a.y + b.x + b.y + c.x + c.y)) {
        return {-static_cast<int>(kFar), -static_cast<int>(kFar), static_cast<int>(kFar),
                static_cast<int>(kFar)};
    }
    return {pixel(std::floor(std::min({a.x, b.x, c.x}))) - 1,
            pixel(std::floor(std::min({a.y, b.y, c.y}))) - 1,
            pixel(std::ceil(std::max({a.x, b.x, c.x}))) + 1,
            pixel(std::ceil(std::max({a.y, b.y, c.y}))) + 1};
}

long long Damage::area() const {
    long long total = 0;
    for (const PixelRect& rect : rects) {
        total += rect.area();
    }
    return total;
}

void FrameDamage::forget() {
    known_ = false;
    shown_.clear();
    shown_keys_.clear();
}

Damage whole_screen(int width, int height) {
    Damage damage;
    damage.full = true;
    damage.rects.push_back({0, 0, width, height});
    return damage;
}

Damage FrameDamage::update(const ImDrawData& frame) {
    bool comparable = frame.DisplayPos.x == 0 && frame.DisplayPos.y == 0 &&
                      frame.FramebufferScale.x == 1 && frame.FramebufferScale.y == 1;
    // A callback draws what this class cannot see.
    for (int list_index = 0; comparable && list_index < frame.CmdListsCount; ++list_index) {
        for (const ImDrawCmd& command : frame.CmdLists[list_index]->CmdBuffer) {
            comparable = comparable && command.UserCallback == nullptr;
        }
    }
    int width = static_cast<int>(frame.DisplaySize.x);
    int height = static_cast<int>(frame.DisplaySize.y);
    bool same_size = width == width_ && height == height_;
    width_ = width;
    height_ = height;
    if (!comparable) {
        forget();
        return whole_screen(width_, height_);
    }
    // The buffers of the frame before last are reused: no allocation per frame.
    next_.clear();
    next_keys_.clear();
    collect(frame, next_, next_keys_);
    Damage damage = known_ && same_size ? diff(next_, next_keys_) : whole_screen(width_, height_);
    known_ = true;
    shown_.swap(next_);
    shown_keys_.swap(next_keys_);
    return damage;
}

void FrameDamage::collect(const ImDrawData& frame, std::vector<Triangle>& triangles,
                          std::vector<Key>& keys) const {
    for (int list_index = 0; list_index < frame.CmdListsCount; ++list_index) {
        const ImDrawList& list = *frame.CmdLists[list_index];
        for (const ImDrawCmd& command : list.CmdBuffer) {
            PixelRect box = scissor_box(command.ClipRect, height_);
            if (box.empty()) {
                continue;  // the backend draws nothing of it
            }
            std::uint32_t texture[2] = {};
            static_assert(sizeof command.TextureId <= sizeof texture);
            std::memcpy(texture, &command.TextureId, sizeof command.TextureId);
            for (unsigned int i = 0; i + 2 < command.ElemCount; i += 3) {
                Triangle triangle{};
                for (unsigned int corner = 0; corner < 3; ++corner) {
                    const ImDrawVert& vertex = list.VtxBuffer[static_cast<int>(
                        command.VtxOffset +
                        list.IdxBuffer[static_cast<int>(command.IdxOffset + i + corner)])];
                    std::uint32_t* at = triangle.data() + corner * 5;
                    at[0] = bits(vertex.pos.x);
                    at[1] = bits(vertex.pos.y);
                    at[2] = bits(vertex.uv.x);
                    at[3] = bits(vertex.uv.y);
                    at[4] = vertex.col;
                }
                triangle[15] = texture[0];
                triangle[16] = texture[1];
                triangle[17] = static_cast<std::uint32_t>(box.x0);
                triangle[18] = static_cast<std::uint32_t>(box.y0);
                triangle[19] = static_cast<std::uint32_t>(box.x1);
                triangle[20] = static_cast<std::uint32_t>(box.y1);
                keys.push_back({hash_words(triangle.data(), triangle.size()),
                                static_cast<std::uint32_t>(triangles.size())});
                triangles.push_back(triangle);
            }
        }
    }
    // By hash alone: the triangles themselves are compared in draw order (diff()), where
    // reading them is close to sequential.
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        return a.hash != b.hash ? a.hash < b.hash : a.index < b.index;
    });
}

Damage FrameDamage::diff(const std::vector<Triangle>& triangles,
                         const std::vector<Key>& keys) const {
    const int columns = (width_ + kTile - 1) / kTile;
    const int rows = (height_ + kTile - 1) / kTile;
    std::vector<unsigned char> tiles(static_cast<std::size_t>(columns) * rows, 0);
    const PixelRect screen{0, 0, width_, height_};
    // The pixels a triangle can touch, within its scissor box and the screen.
    auto damage_triangle = [&](const Triangle& triangle) {
        PixelRect scissor{static_cast<int>(triangle[17]), static_cast<int>(triangle[18]),
                          static_cast<int>(triangle[19]), static_cast<int>(triangle[20])};
        PixelRect box = triangle_pixels(ImVec2(value(triangle[0]), value(triangle[1])),
                                        ImVec2(value(triangle[5]), value(triangle[6])),
                                        ImVec2(value(triangle[10]), value(triangle[11])));
        box = intersect(intersect(box, scissor), screen);
        if (box.empty()) {
            return;
        }
        for (int row = box.y0 / kTile; row <= (box.y1 - 1) / kTile; ++row) {
            for (int column = box.x0 / kTile; column <= (box.x1 - 1) / kTile; ++column) {
                tiles[static_cast<std::size_t>(row) * columns + column] = 1;
            }
        }
    };

    // Walk both lists sorted by hash: triangles of equal hashes pair up, the n-th in one frame
    // with the n-th in the other. The triangles themselves are read afterwards, in draw order,
    // where reading them is close to sequential.
    constexpr std::uint32_t kUnmatched = UINT32_MAX;
    std::vector<std::uint32_t> shown_index_of(triangles.size(), kUnmatched);
    std::vector<bool> shown_paired(shown_.size(), false);
    std::size_t old_at = 0;
    std::size_t new_at = 0;
    while (old_at < shown_keys_.size() && new_at < keys.size()) {
        if (shown_keys_[old_at].hash < keys[new_at].hash) {
            ++old_at;
        } else if (keys[new_at].hash < shown_keys_[old_at].hash) {
            ++new_at;
        } else {
            shown_paired[shown_keys_[old_at].index] = true;
            shown_index_of[keys[new_at++].index] = shown_keys_[old_at++].index;
        }
    }
    // A triangle only in the frame on screen is damage where it was.
    for (std::size_t i = 0; i < shown_.size(); ++i) {
        if (!shown_paired[i]) {
            damage_triangle(shown_[i]);
        }
    }
    // A triangle only in the new frame is damage where it is; so is a pair that is not the same
    // triangle after all (equal hashes), in both places. A triangle in both frames but now
    // drawn before one it used to follow is damage too: blending makes the order visible where
    // the two overlap, which is in this one's box.
    std::uint32_t latest = 0;
    bool any = false;
    for (std::size_t i = 0; i < triangles.size(); ++i) {
        std::uint32_t shown_index = shown_index_of[i];
        if (shown_index == kUnmatched) {
            damage_triangle(triangles[i]);
        } else if (triangles[i] != shown_[shown_index]) {
            damage_triangle(triangles[i]);
            damage_triangle(shown_[shown_index]);
        } else if (any && shown_index < latest) {
            damage_triangle(triangles[i]);
        } else {
            latest = shown_index;
            any = true;
        }
    }

    // Tiles to rectangles: runs of damaged tiles in each row, a run that continues the run
    // right above it (the same columns) extending that rectangle down.
    Damage damage;
    for (int row = 0; row < rows; ++row) {
        int column = 0;
        while (column < columns) {
            if (!tiles[static_cast<std::size_t>(row) * columns + column]) {
                ++column;
                continue;
            }
            int start = column;
            while (column < columns && tiles[static_cast<std::size_t>(row) * columns + column]) {
                ++column;
            }
            PixelRect run{start * kTile, row * kTile, std::min(column * kTile, width_),
                          std::min((row + 1) * kTile, height_)};
            auto above = std::find_if(damage.rects.begin(), damage.rects.end(), [&](const auto& r) {
                return r.y1 == run.y0 && r.x0 == run.x0 && r.x1 == run.x1;
            });
            if (above != damage.rects.end()) {
                above->y1 = run.y1;
            } else {
                damage.rects.push_back(run);
            }
        }
    }
    if (damage.rects.size() > kMaxRects) {
        PixelRect bounds = damage.rects.front();
        for (const PixelRect& rect : damage.rects) {
            bounds = {std::min(bounds.x0, rect.x0), std::min(bounds.y0, rect.y0),
                      std::max(bounds.x1, rect.x1), std::max(bounds.y1, rect.y1)};
        }
        damage.rects.assign(1, bounds);
    }
    if (static_cast<double>(damage.area()) > kFullShare * static_cast<double>(screen.area())) {
        return whole_screen(width_, height_);
    }
    return damage;
}

ImVector<ImDrawCmd> clip_to_damage(const ImDrawList& list, const Damage& damage, int height) {
    ImVector<ImDrawCmd> clipped;
    std::vector<PixelRect> boxes;
    for (const ImDrawCmd& command : list.CmdBuffer) {
        if (command.UserCallback != nullptr) {
            clipped.push_back(command);
            continue;
        }
        boxes.clear();
        for (unsigned int i = 0; i + 2 < command.ElemCount; i += 3) {
            auto corner = [&](unsigned int k) {
                int index = static_cast<int>(command.IdxOffset + i + k);
                return list.VtxBuffer[static_cast<int>(command.VtxOffset + list.IdxBuffer[index])]
                    .pos;
            };
            boxes.push_back(triangle_pixels(corner(0), corner(1), corner(2)));
        }
        PixelRect scissor = scissor_box(command.ClipRect, height);
        for (const PixelRect& rect : damage.rects) {
            PixelRect part = intersect(scissor, rect);
            if (part.empty()) {
                continue;
            }
            ImDrawCmd copy = command;
            // Whole pixels, so the backend's truncation gives back exactly `part`.
            copy.ClipRect = ImVec4(static_cast<float>(part.x0), static_cast<float>(part.y0),
                                   static_cast<float>(part.x1), static_cast<float>(part.y1));
            // The runs of consecutive triangles that reach `part`, in order.
            std::size_t start = 0;
            std::size_t end = 0;  // an empty run
            auto flush = [&] {
                if (end > start) {
                    copy.IdxOffset = command.IdxOffset + static_cast<unsigned int>(start * 3);
                    copy.ElemCount = static_cast<unsigned int>((end - start) * 3);
                    clipped.push_back(copy);
                }
            };
            for (std::size_t t = 0; t < boxes.size(); ++t) {
                if (intersect(boxes[t], part).empty()) {
                    continue;
                }
                if (end == start || t > end) {
                    flush();
                    start = t;
                }
                end = t + 1;
            }
            flush();
        }
    }
    return clipped;
}

}  // namespace motcua::kiosk::app
