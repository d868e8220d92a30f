// gl_floor: what the screen itself costs the kiosk's renderer, the physical floor under
// bench/kiosk-idle's CPU per frame (issue #6 item 4). Fullscreen on the primary monitor (run
// it under the same Xvfb 1920x1080 as the kiosk), it measures the process CPU per frame of
//   1. a glClear and a buffer swap alone (the least any frame costs), and
//   2. that plus one screen-sized quad drawn the way ImGui draws every shape: vertex colour
//      times a texture sample, blended; with GL_LINEAR and with GL_NEAREST magnification;
//   3. its own peak resident memory (VmHWM): what a bare fullscreen OpenGL program takes;
//   4. with GLX_MESA_copy_sub_buffer, the kiosk's partial redraws (docs/kiosk.md,
//      "Rendering"): the whole screen cleared and copied to the window instead of swapped,
//      and a quarter of it (960x540 at 1080p) cleared with the scissor, covered by the quad
//      and copied.
// Medians of RUNS runs of FRAMES frames each.
//
// Usage: gl_floor [--json FILE] [--frames N] [--runs N]

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#define GLFW_EXPOSE_NATIVE_X11
#define GLFW_EXPOSE_NATIVE_GLX
#include <GLFW/glfw3.h>
#include <GLFW/glfw3native.h>

#include <cstdio>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "bench/figures.hpp"
#include "bench/floor_window.hpp"
#include "core/cpu_time.hpp"

using motcua::bench::Figure;

namespace {

using motcua::process_cpu_ms;

GLuint compile(GLenum kind, const char* source) {
    GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        throw std::runtime_error("gl_floor: shader does not compile");
    }
    return shader;
}

// ImGui's OpenGL 3 backend's shaders (GLSL 130), fed one quad covering the screen.
class ScreenQuad {
  public:
    ScreenQuad() {
        const char* vertex =
            "#version 130\n"
            "in vec2 Position; in vec2 UV; in vec4 Color;\n"
            "out vec2 Frag_UV; out vec4 Frag_Color;\n"
            "void main() { Frag_UV = UV; Frag_Color = Color; gl_Position = vec4(Position, 0, 1); "
            "}\n";
        const char* fragment =
            "#version 130\n"
            "uniform sampler2D Texture; in vec2 Frag_UV; in vec4 Frag_Color; out vec4 Out_Color;\n"
            "void main() { Out_Color = Frag_Color * texture(Texture, Frag_UV.st); }\n";
        program_ = glCreateProgram();
        glAttachShader(program_, compile(GL_VERTEX_SHADER, vertex));
        glAttachShader(program_, compile(GL_FRAGMENT_SHADER, fragment));
        glBindAttribLocation(program_, 0, "Position");
        glBindAttribLocation(program_, 1, "UV");
        glBindAttribLocation(program_, 2, "Color");
        glLinkProgram(program_);
        // Two triangles over the screen, all at the texture's white texel, as ImGui's fills.
        const float c = 0.5f;
        const float vertices[] = {-1, -1, c, c, 1, 1, 1, 1, 1,  -1, c, c, 1, 1, 1, 1,
                                  1,  1,  c, c, 1, 1, 1, 1, -1, -1, c, c, 1, 1, 1, 1,
                                  1,  1,  c, c, 1, 1, 1, 1, -1, 1,  c, c, 1, 1, 1, 1};
        glGenVertexArrays(1, &vao_);
        glBindVertexArray(vao_);
        GLuint buffer = 0;
        glGenBuffers(1, &buffer);
        glBindBuffer(GL_ARRAY_BUFFER, buffer);
        glBufferData(GL_ARRAY_BUFFER, sizeof vertices, vertices, GL_STATIC_DRAW);
        const GLsizei stride = 8 * sizeof(float);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                              reinterpret_cast<const void*>(2 * sizeof(float)));
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride,
                              reinterpret_cast<const void*>(4 * sizeof(float)));
        std::vector<unsigned char> white(16 * 16 * 4, 0xFF);
        glGenTextures(1, &texture_);
        glBindTexture(GL_TEXTURE_2D, texture_);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, 16, 16, 0, GL_RGBA, GL_UNSIGNED_BYTE, white.data());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    }

    void draw(GLint magnification) const {
        glUseProgram(program_);
        glBindVertexArray(vao_);
        glBindTexture(GL_TEXTURE_2D, texture_);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, magnification);
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glDrawArrays(GL_TRIANGLES, 0, 6);
    }

  private:
    GLuint program_ = 0;
    GLuint vao_ = 0;
    GLuint texture_ = 0;
};

// Median over `runs` of the mean process CPU per frame of `frames` frames of `draw` (which
// clears and draws) then `present`.
template <typename Draw, typename Present>
double cpu_ms_per_frame(int frames, int runs, Draw draw, Present present) {
    std::vector<double> means;
    for (int run = 0; run < runs; ++run) {
        double start = process_cpu_ms();
        for (int frame = 0; frame < frames; ++frame) {
            glClearColor(0.965f, 0.957f, 0.937f, 1.0f);
            draw();
            present();
            glfwPollEvents();
        }
        means.push_back((process_cpu_ms() - start) / frames);
    }
    return motcua::bench::median(means);
}

// A whole frame: clear, `draw`, swap.
template <typename Draw>
double cpu_ms_per_frame(GLFWwindow* window, int frames, int runs, Draw draw) {
    return cpu_ms_per_frame(
        frames, runs,
        [&] {
            glClear(GL_COLOR_BUFFER_BIT);
            draw();
        },
        [&] { glfwSwapBuffers(window); });
}

using CopySubBuffer = void (*)(Display*, GLXDrawable, int, int, int, int);

}  // namespace

int main(int argc, char** argv) {
    auto start = motcua::bench::open_floor_window("gl_floor", argc, argv, [] {
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
        // As the kiosk asks (kiosk/app/kiosk_window.cpp): ImGui needs no depth or stencil buffer.
        glfwWindowHint(GLFW_DEPTH_BITS, 0);
        glfwWindowHint(GLFW_STENCIL_BITS, 0);
    });
    if (const int* exit_code = std::get_if<int>(&start)) {
        return *exit_code;
    }
    const auto& [options, window, width, height] = std::get<motcua::bench::FloorWindow>(start);
    const int frames = options.frames;
    const int runs = options.runs;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    ScreenQuad quad;
    cpu_ms_per_frame(window, 10, 1, [] {});  // warm up: first swaps, shader compilation
    cpu_ms_per_frame(window, 10, 1, [&] { quad.draw(GL_LINEAR); });

    double clear_swap = cpu_ms_per_frame(window, frames, runs, [] {});
    double linear = cpu_ms_per_frame(window, frames, runs, [&] { quad.draw(GL_LINEAR); });
    double nearest = cpu_ms_per_frame(window, frames, runs, [&] { quad.draw(GL_NEAREST); });
    // The kiosk's partial redraws, when the driver offers them.
    std::optional<double> copy_whole;
    std::optional<double> quarter;
    GLXWindow drawable = glfwGetGLXWindow(window);
    if (drawable != 0 && glfwExtensionSupported("GLX_MESA_copy_sub_buffer")) {
        auto copy = reinterpret_cast<CopySubBuffer>(glfwGetProcAddress("glXCopySubBufferMESA"));
        Display* display = glfwGetX11Display();
        copy_whole = cpu_ms_per_frame(
            frames, runs, [] { glClear(GL_COLOR_BUFFER_BIT); },
            [&] { copy(display, drawable, 0, 0, width, height); });
        quarter = cpu_ms_per_frame(
            frames, runs,
            [&] {
                glEnable(GL_SCISSOR_TEST);
                glScissor(0, 0, width / 2, height / 2);
                glClear(GL_COLOR_BUFFER_BIT);
                quad.draw(GL_NEAREST);
                glDisable(GL_SCISSOR_TEST);
            },
            [&] { copy(display, drawable, 0, 0, width / 2, height / 2); });
    }
    double resident_mb = motcua::bench::peak_resident_mb();
    glfwDestroyWindow(window);
    glfwTerminate();

    std::string size = std::to_string(width) + "x" + std::to_string(height);
    std::string renderer = "process CPU per frame, " + std::to_string(frames) + " frames a run";
    std::vector<Figure> figures;
    figures.push_back({"gl_clear_swap_cpu_ms", "glClear + swap alone, " + size, clear_swap, "ms",
                       "", std::nullopt, "", std::nullopt, runs, renderer});
    figures.push_back({"gl_screen_quad_linear_cpu_ms",
                       "One screen of ImGui-style pixels (GL_LINEAR), " + size, linear - clear_swap,
                       "ms", "", std::nullopt, "", std::nullopt, runs,
                       "textured, blended quad over the whole screen, beyond clear + swap"});
    figures.push_back({"gl_screen_quad_nearest_cpu_ms",
                       "One screen of ImGui-style pixels (GL_NEAREST), " + size,
                       nearest - clear_swap, "ms", "", std::nullopt, "", std::nullopt, runs,
                       "the same with nearest magnification"});
    if (copy_whole && quarter) {
        figures.push_back({"gl_clear_copy_sub_buffer_cpu_ms",
                           "glClear + copy to the window (no swap), " + size, *copy_whole, "ms",
                           "glClear + swap", clear_swap, "", std::nullopt, runs,
                           "GLX_MESA_copy_sub_buffer of the whole screen, as the kiosk's whole "
                           "redraws"});
        figures.push_back({"gl_quarter_partial_cpu_ms",
                           "A quarter of the screen redrawn (GL_NEAREST) and copied, " + size,
                           *quarter, "ms", "the whole screen, swapped", nearest, "", std::nullopt,
                           runs,
                           "scissored clear + the quad + copy of that rectangle: a partial "
                           "redraw"});
    }
    figures.push_back({"gl_floor_rss_mb", "Peak resident memory of this program, " + size,
                       resident_mb, "MB", "", std::nullopt, "", std::nullopt, 1,
                       "VmHWM: a fullscreen OpenGL 3 context, one shader, one small texture"});
    motcua::bench::publish("gl_floor", figures, options.json);
    return 0;
}
