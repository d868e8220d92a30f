#include "kiosk/app/opaque_runs.hpp"

#include <GL/gl.h>

#include <cmath>
#include <initializer_list>

namespace motcua::kiosk::app {

bool is_opaque_fill(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c,
                    ImVec2 white_uv) {
    for (const ImDrawVert* vertex : {&a, &b, &c}) {
        bool opaque = (vertex->col & IM_COL32_A_MASK) == IM_COL32_A_MASK;
        bool white = vertex->uv.x == white_uv.x && vertex->uv.y == white_uv.y;
        if (!opaque || !white) {
            return false;
        }
    }
    return true;
}

ImVector<ImDrawCmd> split_opaque_runs(const ImDrawList& list, ImVec2 white_uv) {
    ImVector<ImDrawCmd> split;
    ImDrawCmd off{};
    off.UserCallback = turn_blending_off;
    ImDrawCmd on{};
    on.UserCallback = turn_blending_on;
    for (const ImDrawCmd& command : list.CmdBuffer) {
        if (command.UserCallback != nullptr) {
            split.push_back(command);
            continue;
        }
        // Triangles [from, to) of `command` as a command of their own.
        auto part = [&](unsigned int from, unsigned int to) {
            ImDrawCmd copy = command;
            copy.IdxOffset = command.IdxOffset + from * 3;
            copy.ElemCount = (to - from) * 3;
            return copy;
        };
        auto vertex = [&](unsigned int triangle, unsigned int corner) -> const ImDrawVert& {
            int index = static_cast<int>(command.IdxOffset + triangle * 3 + corner);
            return list.VtxBuffer[static_cast<int>(command.VtxOffset + list.IdxBuffer[index])];
        };
        const unsigned int triangles = command.ElemCount / 3;
        unsigned int blended_from = 0;  // start of the triangles not yet emitted
        unsigned int t = 0;
        while (t < triangles) {
            unsigned int run_end = t;
            float run_pixels = 0;
            while (run_end < triangles && is_opaque_fill(vertex(run_end, 0), vertex(run_end, 1),
                                                         vertex(run_end, 2), white_uv)) {
                ImVec2 a = vertex(run_end, 0).pos;
                ImVec2 b = vertex(run_end, 1).pos;
                ImVec2 c = vertex(run_end, 2).pos;
                run_pixels +=
                    0.5f * std::fabs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
                ++run_end;
            }
            if (run_pixels >= kMinOpaqueRunPixels) {
                if (t > blended_from) {
                    split.push_back(part(blended_from, t));
                }
                split.push_back(off);
                split.push_back(part(t, run_end));
                split.push_back(on);
                blended_from = run_end;
            }
            t = run_end > t ? run_end : t + 1;
        }
        if (triangles > blended_from) {
            split.push_back(part(blended_from, triangles));
        }
    }
    return split;
}

void turn_blending_off(const ImDrawList*, const ImDrawCmd*) {
    glDisable(GL_BLEND);
}

void turn_blending_on(const ImDrawList*, const ImDrawCmd*) {
    glEnable(GL_BLEND);
}

}  // namespace motcua::kiosk::app
