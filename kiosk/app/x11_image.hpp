#pragma once
// A 32-bit image the X server copies into a window: in shared memory (MIT-SHM) when the server
// runs on this machine, as a kiosk's does, so a frame's pixels never cross the socket; a plain
// XPutImage otherwise (a remote display). Its pixels are a render::Canvas.

#include <vector>

#include "kiosk/render/pixel_rect.hpp"
#include "kiosk/render/soft_rasteriser.hpp"

namespace motcua::kiosk::app {

class X11Image {
  public:
    // An image of `width` x `height` pixels for `window` on `display` (an X11 Display* and
    // Window, kept without X11's headers). Throws std::runtime_error when the window's visual
    // is not TrueColor with 8-bit red, green and blue at 0xff0000, 0xff00 and 0xff (the
    // layout render::Canvas draws), or the image cannot be made.
    X11Image(void* display, unsigned long window, int width, int height);
    ~X11Image();
    X11Image(const X11Image&) = delete;
    X11Image& operator=(const X11Image&) = delete;

    const render::Canvas& canvas() const { return canvas_; }
    bool shared_memory() const { return shared_; }

    // Copies each of `rects` from the image to the same place in the window, and returns once
    // the server has them: the image may then be drawn over at once.
    void put(const std::vector<render::PixelRect>& rects);

  private:
    void release();

    void* display_;
    unsigned long window_;
    void* gc_ = nullptr;
    void* image_ = nullptr;     // XImage*
    void* shm_info_ = nullptr;  // XShmSegmentInfo*, when shared_
    bool shared_ = false;
    render::Canvas canvas_;
};

}  // namespace motcua::kiosk::app
