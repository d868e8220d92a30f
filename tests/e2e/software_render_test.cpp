// The kiosk's software renderer drawn against ImGui's OpenGL backend (Mesa llvmpipe), screen by
// screen: the real motcua-kiosk writes each demo screen with --screenshot once per renderer,
// and the two PNGs must agree to within rounding.
//
// [SECTION] Running the kiosk and the command line
// [SECTION] Comparing two screenshots
// [SECTION] The screens compared

#include <stb/stb_image.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "x_session.hpp"

using namespace motcua::e2e;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path kKiosk = MOTCUA_KIOSK_EXE;
const std::filesystem::path kMotcua = MOTCUA_EXE;
const std::filesystem::path kSource = MOTCUA_SOURCE_DIR;
// Where the two screenshots and their difference are kept when a screen differs too much.
const std::filesystem::path kKeptDir = std::filesystem::temp_directory_path() / "e2e-compare";

// [SECTION] Running the kiosk and the command line

// Waits for a child that ends by itself; its exit status, or -1 if it ran past `timeout`.
// Polls every 10 ms: a screenshot run takes under half a second, and there are many.
int wait_for_exit(Child& child, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (child.running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    return child.terminate(0ms);
}

// The database behind the screens, filled the way scripts/screenshots fills its own:
// officials cb01..cb05 and a month of ratings ending today, so tallies, bars and tables show.
std::filesystem::path demo_database(const TempDir& dir) {
    std::filesystem::path database = dir.path / "demo.db";
    std::filesystem::path log = dir.path / "demo-data.log";
    Child motcua(
        {kMotcua.string(), "--config", (kSource / "assets/config/demo.toml").string(), "--db",
         database.string(), "demo-data", "--ratings", "400", "--days", "30", "--seed", "7"},
        {}, log);
    INFO("motcua demo-data:\n" << read_file(log));
    REQUIRE(wait_for_exit(motcua, 60s) == 0);
    return database;
}

// One screen as the demo shows it: its --demo-screen name, language and window size.
struct Shot {
    std::string screen;
    std::string lang;
    std::string size;  // WxH, as --windowed takes it

    std::string name() const { return screen + "-" + lang + "-" + size; }
};

// Starts the kiosk writing `shot` with `renderer` to `png`, then exiting.
Child start_screenshot(const XServer& x, const Shot& shot, const std::string& renderer,
                       const std::filesystem::path& database, const std::filesystem::path& png,
                       const std::filesystem::path& log) {
    std::vector<std::string> argv{
        kKiosk.string(), "--config",      (kSource / "assets/config/demo.toml").string(),
        "--windowed",    shot.size,       "--lang",
        shot.lang,       "--demo-screen", shot.screen,
        "--renderer",    renderer,        "--screenshot",
        png.string()};
    // The staff screens show the database's figures; the citizen screens save nothing, but
    // without --db the kiosk would open the configuration's default file beside demo.toml.
    argv.insert(argv.end(), {"--db", database.string()});
    return Child(argv,
                 {"DISPLAY=" + x.display(), "MOTCUA_ASSETS=" + (kSource / "assets").string(),
                  sanitizer_options()},
                 log);
}

// [SECTION] Comparing two screenshots

struct Image {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgb;
};

std::optional<Image> load_png(const std::filesystem::path& path) {
    int width = 0;
    int height = 0;
    int channels = 0;
    unsigned char* pixels = stbi_load(path.c_str(), &width, &height, &channels, 3);
    if (pixels == nullptr) {
        return std::nullopt;
    }
    Image image{width, height, std::vector<unsigned char>(pixels, pixels + width * height * 3)};
    stbi_image_free(pixels);
    return image;
}

// How two images of the same size differ: pixels with any channel different, the largest
// channel difference, and the box (inclusive) around the differing pixels.
struct Difference {
    std::size_t pixels = 0;
    int largest = 0;
    int left = 0;
    int top = 0;
    int right = -1;
    int bottom = -1;
};

Difference difference(const Image& a, const Image& b) {
    Difference d;
    d.left = a.width;
    d.top = a.height;
    for (int y = 0; y < a.height; ++y) {
        for (int x = 0; x < a.width; ++x) {
            std::size_t at = (static_cast<std::size_t>(y) * a.width + x) * 3;
            int largest = 0;
            for (int c = 0; c < 3; ++c) {
                largest = std::max(largest, std::abs(a.rgb[at + c] - b.rgb[at + c]));
            }
            if (largest > 0) {
                ++d.pixels;
                d.largest = std::max(d.largest, largest);
                d.left = std::min(d.left, x);
                d.top = std::min(d.top, y);
                d.right = std::max(d.right, x);
                d.bottom = std::max(d.bottom, y);
            }
        }
    }
    return d;
}

// Keeps both screenshots under kKeptDir, with ImageMagick's picture of where they differ.
void keep_for_inspection(const Shot& shot, const std::filesystem::path& software,
                         const std::filesystem::path& opengl) {
    std::filesystem::create_directories(kKeptDir);
    std::filesystem::path base = kKeptDir / shot.name();
    std::filesystem::copy_file(software, base.string() + "-software.png",
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(opengl, base.string() + "-opengl.png",
                               std::filesystem::copy_options::overwrite_existing);
    if (have_program("compare")) {
        // compare exits 1 when the images differ, which they do here.
        std::string command = "compare '" + software.string() + "' '" + opengl.string() + "' '" +
                              base.string() + "-diff.png'";
        std::system(command.c_str());
    }
}

// [SECTION] The screens compared

const std::vector<std::string> kCitizenScreens{
    "welcome", "code_entry", "code_refused",  "stage_choice", "question", "follow_up",
    "review",  "thank_you",  "already_rated", "save_failed",  "countdown"};
const std::vector<std::string> kStaffScreens{
    "staff_who",          "staff_pin",           "staff_menu",
    "staff_tally",        "staff_tally_answers", "staff_tally_officials",
    "staff_report",       "staff_export",        "staff_sync",
    "staff_admin",        "staff_paper",         "staff_paper_question",
    "staff_paper_review", "staff_paper_date",    "staff_void",
    "staff_void_reason",  "staff_audit"};

// Every screen in Vietnamese at the landscape size the kiosks mostly have; the citizen screens
// and the busiest staff ones in portrait and at 1280x800; a few in English (longer words, other
// glyphs). 73 pairs, about a minute on a busy 2-core machine; all 168 (28 screens, 3 sizes, 2
// languages) take 2.5 minutes, too long for every run.
std::vector<Shot> shots() {
    std::vector<Shot> all;
    for (const std::string& screen : kCitizenScreens) {
        all.push_back({screen, "vi", "1920x1080"});
    }
    for (const std::string& screen : kStaffScreens) {
        all.push_back({screen, "vi", "1920x1080"});
    }
    const std::vector<std::string> busiest_staff{
        "staff_menu",  "staff_tally",        "staff_tally_answers", "staff_report",
        "staff_paper", "staff_paper_review", "staff_audit"};
    for (const char* size : {"1080x1920", "1280x800"}) {
        for (const std::string& screen : kCitizenScreens) {
            all.push_back({screen, "vi", size});
        }
        for (const std::string& screen : busiest_staff) {
            all.push_back({screen, "vi", size});
        }
    }
    for (const char* size : {"1920x1080", "1080x1920", "1280x800"}) {
        for (const char* screen : {"question", "review", "staff_tally"}) {
            all.push_back({screen, "en", size});
        }
    }
    return all;
}

}  // namespace

TEST_CASE("the software renderer draws every screen as OpenGL does", "[e2e][render]") {
    if (!have_program("Xvfb")) {
        WARN("Xvfb is missing: the software renderer is not compared with OpenGL");
        return;
    }
    TempDir dir;
    // Big enough for the landscape and the portrait windows.
    XServer x(1920, 1920, dir.path / "xvfb.log");
    const std::filesystem::path database = demo_database(dir);

    for (const Shot& shot : shots()) {
        const std::filesystem::path software = dir.path / (shot.name() + "-software.png");
        const std::filesystem::path opengl = dir.path / (shot.name() + "-opengl.png");
        const std::filesystem::path log = dir.path / (shot.name() + ".log");
        // The two renderers at once: two kiosks at a time at most on this machine. Both shots
        // inside one minute, for the clock on Welcome.
        const auto [software_exit, opengl_exit] = within_one_minute([&] {
            Child software_kiosk = start_screenshot(x, shot, "software", database, software, log);
            Child opengl_kiosk = start_screenshot(x, shot, "opengl", database, opengl, log);
            const int software_result = wait_for_exit(software_kiosk, 60s);
            return std::pair{software_result, wait_for_exit(opengl_kiosk, 60s)};
        });
        {
            INFO(shot.name() << ", kiosk log:\n" << read_file(log));
            REQUIRE(software_exit == 0);
            REQUIRE(opengl_exit == 0);
        }
        std::optional<Image> a = load_png(software);
        std::optional<Image> b = load_png(opengl);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        REQUIRE(a->width == b->width);
        REQUIRE(a->height == b->height);
        REQUIRE(std::to_string(a->width) + "x" + std::to_string(a->height) == shot.size);

        const Difference d = difference(*a, *b);
        const double screen_pixels = static_cast<double>(a->width) * a->height;
        const double differing_pct = 100.0 * static_cast<double>(d.pixels) / screen_pixels;
        std::ostringstream report;
        report << "render compare " << shot.name() << ": " << d.pixels << " pixels differ ("
               << std::fixed << std::setprecision(3) << differing_pct
               << "%), largest channel difference " << d.largest;
        if (d.pixels > 0) {
            report << ", within x " << d.left << ".." << d.right << " y " << d.top << ".."
                   << d.bottom;
        }
        std::cout << report.str() << "\n";

        // Measured (session 7, Mesa llvmpipe under Xvfb, all 168 screen, size and language
        // combinations): the largest channel difference is 1, or 2 on four of them (text on
        // staff_tally_answers, staff_paper_review, stage_choice at 1920x1080), and at most
        // 0.091% of the pixels differ (countdown 1080x1920: 1880), all antialiased edges and
        // glyphs rounded one way or the other. The bounds sit a little above that: a row or a
        // column of a glyph or a fill drawn by one renderer only differs by 18 to 244 (as
        // staff_paper_review at 1280x800 did, 18, until the rasteriser snapped positions
        // through the projection as Mesa does).
        const bool close_enough = d.largest <= 2 && differing_pct <= 0.2;
        if (!close_enough) {
            keep_for_inspection(shot, software, opengl);
        }
        INFO(report.str() << "; both screenshots and their difference kept in " << kKeptDir);
        CHECK(d.largest <= 2);
        CHECK(differing_pct <= 0.2);
    }
}
