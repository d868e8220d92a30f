#pragma once
// MOTCUA_RENDER_CHECK=1, a test and diagnosis mode (slow): every partial frame is also drawn
// whole and the two compared pixel for pixel before the frame is shown. Each presenter draws
// and compares its own way; this keeps the tally and writes the log lines both share (tests
// read them: "render check: N partial frames, M differed from a whole redraw").

#include <functional>
#include <string_view>

namespace motcua::kiosk::app {

class RenderCheck {
  public:
    // On when MOTCUA_RENDER_CHECK is "1" and the presenter draws partial frames; logs that it
    // is on.
    RenderCheck(bool partial_frames, std::function<void(std::string_view)> log);
    // When on, logs how many partial frames were checked and how many differed.
    ~RenderCheck();
    RenderCheck(const RenderCheck&) = delete;
    RenderCheck& operator=(const RenderCheck&) = delete;

    bool on() const { return on_; }
    // One partial frame compared: `differing` pixels differ from the whole redraw, the first at
    // (x, y) with rows counted from the top.
    void record(long long differing, int first_x, int first_y);

  private:
    bool on_ = false;
    long long checked_ = 0;
    long long differed_ = 0;
    std::function<void(std::string_view)> log_;
};

}  // namespace motcua::kiosk::app
