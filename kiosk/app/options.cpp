#include "kiosk/app/options.hpp"

#include "kiosk/app/demo_screens.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <regex>

namespace motcua::kiosk::app {

namespace {

std::optional<WindowSize> parse_size(const std::string& text) {
    static const std::regex shape(R"(^([0-9]{3,5})x([0-9]{3,5})$)");
    std::smatch match;
    if (!std::regex_match(text, match, shape)) {
        return std::nullopt;
    }
    return WindowSize{std::stoi(match[1]), std::stoi(match[2])};
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
    CLI::App cli{
        "motcua-kiosk: the citizen's touch kiosk for rating how a dossier was handled.\n"
        "Fullscreen on the primary monitor unless --windowed. Leaving needs an admin PIN\n"
        "(long press on the top-left corner of Welcome, or F12)."};
    Options options;
    std::string windowed;
    std::string language;
    std::string renderer = "software";
    cli.add_option("--config", options.config, "Kiosk configuration file (TOML)");
    cli.add_option("--db", options.database, "Database file (overrides the configuration)");
    cli.add_option("--windowed", windowed, "Run in a window of this size, e.g. 1280x800");
    cli.add_option("--lang", language, "Language of the screens: vi or en");
    cli.add_option("--screenshot", options.screenshot,
                   "Write the screen to this PNG file after a few frames, then exit");
    cli.add_option("--screenshot-after-frames", options.screenshot_after_frames,
                   "Frames to draw before --screenshot (default 4)")
        ->check(CLI::Range(1, 1000));
    cli.add_option("--demo-screen", options.demo_screen,
                   "Open on this screen with sample answers and no database, for screenshots: " +
                       demo_screen_list());
    cli.add_option("--renderer", renderer,
                   "Who draws the frames: software (the kiosk's own rasteriser, the default; no "
                   "GPU needed) or opengl (for a machine with a GPU driver)")
        ->check(CLI::IsMember({"software", "opengl"}));
    cli.add_flag("--allow-close", options.allow_close,
                 "Let the window manager close the window (desktop demos; a kiosk refuses)");
    cli.add_flag("--frame-stats", options.frame_stats,
                 "Print frames drawn and CPU time per frame on exit (also MOTCUA_FRAME_STATS=1)");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        exit_code = cli.exit(error);
        return std::nullopt;
    }
    if (!windowed.empty()) {
        options.windowed = parse_size(windowed);
        if (!options.windowed) {
            std::cerr << "motcua-kiosk: --windowed: expected WIDTHxHEIGHT such as 1280x800, got '"
                      << windowed << "'\n";
            exit_code = 2;
            return std::nullopt;
        }
    }
    if (!language.empty()) {
        Language parsed;
        if (!parse_language(language, parsed)) {
            std::cerr << "motcua-kiosk: --lang: expected vi or en, got '" << language << "'\n";
            exit_code = 2;
            return std::nullopt;
        }
        options.language = parsed;
    }
    options.renderer = renderer == "opengl" ? Renderer::opengl : Renderer::software;
    if (!options.demo_screen.empty() && !is_demo_screen(options.demo_screen)) {
        std::cerr << "motcua-kiosk: --demo-screen: unknown screen '" << options.demo_screen
                  << "' (see --help)\n";
        exit_code = 2;
        return std::nullopt;
    }
    const char* stats = std::getenv("MOTCUA_FRAME_STATS");
    if (stats && std::string(stats) == "1") {
        options.frame_stats = true;
    }
    return options;
}

}  // namespace motcua::kiosk::app
