#pragma once
// The bytes of the ImGui frame last put on screen: display size, every command (clip rect,
// texture, offsets, count) and every vertex and index. A frame whose bytes are the same would
// draw the same pixels, so the loop does not render it again: with a software rasteriser a
// 1080p frame costs tens of milliseconds, the comparison a few microseconds.

#include <imgui.h>

#include <vector>

namespace motcua::kiosk::app {

class ShownFrame {
  public:
    // True when `frame` differs from the frame last shown, or nothing is shown yet; `frame`
    // then becomes the frame shown. False when it is the same, byte for byte.
    bool replace_if_changed(const ImDrawData& frame);
    // The screen's pixels are no longer known (exposed, resized, new font texture): the next
    // frame counts as changed.
    void forget() { shown_.clear(); }

  private:
    std::vector<unsigned char> shown_;
    std::vector<unsigned char> candidate_;
};

}  // namespace motcua::kiosk::app
