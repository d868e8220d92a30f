#include "kiosk/app/x11_image.hpp"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include <bit>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace motcua::kiosk::app {

namespace {

// XShmAttach fails asynchronously (BadAccess when the server cannot reach the segment, e.g.
// from another machine); Xlib's default handler would end the process.
bool attach_failed = false;

int note_attach_error(Display*, XErrorEvent*) {
    attach_failed = true;
    return 0;
}

bool attach(Display* display, XShmSegmentInfo& info) {
    attach_failed = false;
    XErrorHandler previous = XSetErrorHandler(note_attach_error);
    XShmAttach(display, &info);
    XSync(display, False);
    XSetErrorHandler(previous);
    return !attach_failed;
}

}  // namespace

X11Image::X11Image(void* display_handle, unsigned long window, int width, int height)
    : display_(display_handle), window_(window) {
    auto* display = static_cast<Display*>(display_);
    XWindowAttributes attributes{};
    if (!XGetWindowAttributes(display, window, &attributes)) {
        throw std::runtime_error("cannot read the window's attributes from the X server");
    }
    Visual* visual = attributes.visual;
    if (visual->c_class != TrueColor || visual->red_mask != 0xff0000 ||
        visual->green_mask != 0xff00 || visual->blue_mask != 0xff) {
        throw std::runtime_error("the window's visual is not 24-bit TrueColor (depth " +
                                 std::to_string(attributes.depth) +
                                 "); run with --renderer opengl");
    }
    XImage* image = nullptr;
    if (XShmQueryExtension(display)) {
        auto* info = new XShmSegmentInfo{};
        image = XShmCreateImage(display, visual, static_cast<unsigned>(attributes.depth), ZPixmap,
                                nullptr, info, static_cast<unsigned>(width),
                                static_cast<unsigned>(height));
        if (image != nullptr) {
            info->shmid =
                shmget(IPC_PRIVATE, static_cast<std::size_t>(image->bytes_per_line) * height,
                       IPC_CREAT | 0600);
            void* memory = info->shmid >= 0 ? shmat(info->shmid, nullptr, 0) : nullptr;
            if (memory != nullptr && memory != reinterpret_cast<void*>(-1)) {
                info->shmaddr = image->data = static_cast<char*>(memory);
                info->readOnly = False;
                shared_ = attach(display, *info);
                if (!shared_) {
                    shmdt(memory);
                }
            }
            if (info->shmid >= 0) {
                // Freed by the system once both sides have detached.
                shmctl(info->shmid, IPC_RMID, nullptr);
            }
            if (!shared_) {
                image->data = nullptr;
                XDestroyImage(image);
                image = nullptr;
            }
        }
        if (shared_) {
            shm_info_ = info;
        } else {
            delete info;
        }
    }
    if (image == nullptr) {
        auto* pixels = static_cast<char*>(std::calloc(static_cast<std::size_t>(width) * height, 4));
        image = XCreateImage(display, visual, static_cast<unsigned>(attributes.depth), ZPixmap, 0,
                             pixels, static_cast<unsigned>(width), static_cast<unsigned>(height),
                             32, 0);
        if (image == nullptr) {
            std::free(pixels);
            throw std::runtime_error("cannot make an X image of " + std::to_string(width) + "x" +
                                     std::to_string(height));
        }
    }
    image_ = image;
    const int native = std::endian::native == std::endian::little ? LSBFirst : MSBFirst;
    if (image->bits_per_pixel != 32 || image->byte_order != native) {
        release();
        throw std::runtime_error(
            "the X server's images are not 32-bit in this machine's byte "
            "order; run with --renderer opengl");
    }
    gc_ = XCreateGC(display, window, 0, nullptr);
    canvas_ = {reinterpret_cast<std::uint32_t*>(image->data), width, height,
               image->bytes_per_line / 4};
}

X11Image::~X11Image() {
    release();
}

void X11Image::release() {
    auto* display = static_cast<Display*>(display_);
    auto* image = static_cast<XImage*>(image_);
    if (gc_ != nullptr) {
        XFreeGC(display, static_cast<GC>(gc_));
        gc_ = nullptr;
    }
    if (shm_info_ != nullptr) {
        auto* info = static_cast<XShmSegmentInfo*>(shm_info_);
        XShmDetach(display, info);
        XSync(display, False);
        shmdt(info->shmaddr);
        image->data = nullptr;
        delete info;
        shm_info_ = nullptr;
    }
    if (image != nullptr) {
        XDestroyImage(image);  // frees a plain image's pixels too
        image_ = nullptr;
    }
}

void X11Image::put(const std::vector<render::PixelRect>& rects) {
    auto* display = static_cast<Display*>(display_);
    auto* image = static_cast<XImage*>(image_);
    auto gc = static_cast<GC>(gc_);
    for (const render::PixelRect& rect : rects) {
        const unsigned width = static_cast<unsigned>(rect.x1 - rect.x0);
        const unsigned height = static_cast<unsigned>(rect.y1 - rect.y0);
        if (shared_) {
            XShmPutImage(display, window_, gc, image, rect.x0, rect.y0, rect.x0, rect.y0, width,
                         height, False);
        } else {
            XPutImage(display, window_, gc, image, rect.x0, rect.y0, rect.x0, rect.y0, width,
                      height);
        }
    }
    // Until the server has read the shared memory, drawing the next frame into it could show.
    XSync(display, False);
}

}  // namespace motcua::kiosk::app
