#pragma once
// The bytes of the ImGui frame last put on screen: display size, every command (clip rect,
// texture, offsets, count) and every vertex and index. A frame whose bytes are the same would
// draw the same pixels, so the loop does not render it again: with a software rasteriser a
// 1080p frame costs tens of milliseconds, the comparison a few microseconds. A frame that
// differs is compared triangle by triangle (FrameDamage) to find where it differs.

#include <imgui.h>

#include <vector>

#include "kiosk/app/frame_damage.hpp"

namespace motcua::kiosk::app {

class ShownFrame {
  public:
    // Where `frame` differs from the frame last shown (full damage when nothing is shown yet);
    // `frame` then becomes the frame shown. No damage when it is the same, byte for byte, or
    // draws the same pixels.
    Damage replace(const ImDrawData& frame);
    // The screen's pixels are no longer known (exposed, resized, new font texture): the next
    // frame gets full damage.
    void forget() {
        shown_.clear();
        damage_.forget();
    }

  private:
    FrameDamage damage_;
    std::vector<unsigned char> shown_;
    std::vector<unsigned char> candidate_;
};

}  // namespace motcua::kiosk::app
