// The real motcua-kiosk under Xvfb, driven the way a barcode scanner and a button box drive it
// (keystrokes through the X server), checked in its SQLite database.

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "core/config.hpp"
#include "core/form.hpp"
#include "storage/store.hpp"
#include "x_session.hpp"

using namespace motcua;
using namespace motcua::e2e;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path kKiosk = MOTCUA_KIOSK_EXE;
const std::filesystem::path kSource = MOTCUA_SOURCE_DIR;
const std::string kCode = "000.00.24.H18-221228-0042";

bool can_run() {
    if (!have_program("Xvfb") || !have_program("xdotool")) {
        WARN("Xvfb or xdotool is missing: end-to-end kiosk tests skipped");
        return false;
    }
    return true;
}

// The kiosk on the demo configuration and a fresh database, with its window found.
struct RunningKiosk {
    RunningKiosk(const TempDir& dir, const XServer& x, const std::vector<std::string>& extra,
                 const std::vector<std::string>& extra_env = {})
        : database(dir.path / "kiosk.db"), log(dir.path / "kiosk.log") {
        std::vector<std::string> argv{kKiosk.string(), "--config",
                                      (kSource / "assets/config/demo.toml").string(), "--db",
                                      database.string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        std::vector<std::string> env{"DISPLAY=" + x.display(),
                                     "MOTCUA_ASSETS=" + (kSource / "assets").string(),
                                     sanitizer_options()};
        env.insert(env.end(), extra_env.begin(), extra_env.end());
        process.emplace(argv, env, log);
        window = wait_for_window(x.display(), "motcua-kiosk", 60s);
        INFO("kiosk log:\n" << read_file(log));
        REQUIRE(window.has_value());
        // Keys typed through XTEST go to the focused window, as a USB scanner's do.
        run_with_display(x.display(), "xdotool windowfocus --sync " + std::to_string(*window));
        REQUIRE(
            wait_until([this] { return read_file(log).find("ready:") != std::string::npos; }, 60s));
    }

    std::filesystem::path database;
    std::filesystem::path log;
    std::optional<Child> process;
    std::optional<unsigned long> window;
};

void keys(const XServer& x, const std::string& keys) {
    REQUIRE(run_with_display(x.display(), "xdotool key --delay 60 " + keys) == 0);
}

// What the test answers: for each question of the stage, the option index, and for a low
// answer with a follow-up, its first choice.
struct Expected {
    std::string question_id;
    std::string option_id;
    std::optional<int> points;
    std::vector<std::string> follow_ups;
};

// Scans the code, picks the stage by its number key, answers every question with number keys
// and Enter, sends from review. Returns what the rating must contain.
std::vector<Expected> rate_with_keys(const XServer& x, const Form& form, Stage stage) {
    // The scanner: characters then Enter, fast.
    REQUIRE(run_with_display(x.display(), "xdotool type --delay 15 '" + kCode + "'") == 0);
    keys(x, "Return");
    auto stage_at = std::find(form.stages.begin(), form.stages.end(), stage);
    REQUIRE(stage_at != form.stages.end());
    keys(x, std::to_string(stage_at - form.stages.begin() + 1) + " Return");

    std::vector<Expected> expected;
    std::vector<const Question*> questions = form.questions_for(stage);
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const Question& q = *questions[i];
        // Alternate between the last and the first answers, so follow-ups get exercised.
        std::size_t index = i % 2 == 0 ? q.options.size() - 1 : 0;
        const AnswerOption& option = q.options[index];
        keys(x, std::to_string(index + 1) + " Return");
        Expected e{
            q.id, option.id, q.kind == QuestionKind::points ? option.points : std::nullopt, {}};
        if (q.follow_up && option.points && *option.points <= q.follow_up->when_points_at_most) {
            keys(x, "1 Return");
            e.follow_ups.push_back(q.follow_up->choices[0].id);
        }
        expected.push_back(e);
    }
    keys(x, "Return");  // review: send
    return expected;
}

std::optional<Rating> wait_for_rating(const std::filesystem::path& database, Stage stage) {
    std::optional<Rating> rating;
    wait_until(
        [&] {
            if (!std::filesystem::exists(database)) {
                return false;
            }
            try {
                Store store(database, OpenOptions{false, 5000, false});
                rating = store.find_rating_for_dossier(kCode, stage);
            } catch (const StoreError&) {
                return false;
            }
            return rating.has_value();
        },
        60s);
    return rating;
}

void check_rating(const Rating& rating, const std::vector<Expected>& expected, Stage stage) {
    CHECK(rating.dossier_code == kCode);
    CHECK(rating.stage == stage);
    CHECK(rating.channel == Channel::kiosk);
    CHECK(rating.kiosk_id == "DB-STP-01");
    CHECK(rating.unit_code == "000.00.24.H18");
    CHECK(rating.form_id == "dienbien-phieu4");
    REQUIRE(rating.answers.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("answer " << i << " to " << expected[i].question_id);
        CHECK(rating.answers[i].question_id == expected[i].question_id);
        CHECK(rating.answers[i].option_id == expected[i].option_id);
        CHECK(rating.answers[i].points == expected[i].points);
        CHECK(rating.answers[i].follow_ups == expected[i].follow_ups);
    }
}

}  // namespace

TEST_CASE("a scanner and a button box rate a dossier on the real kiosk", "[e2e]") {
    if (!can_run()) {
        return;
    }
    TempDir dir;
    XServer x(1280, 800, dir.path / "xvfb.log");
    RunningKiosk kiosk(dir, x, {});  // fullscreen, as installed
    Form form = load_form_file(kSource / "assets/forms/dienbien-phieu4.json");

    std::vector<Expected> expected = rate_with_keys(x, form, Stage::result_return);
    std::optional<Rating> rating = wait_for_rating(kiosk.database, Stage::result_return);
    INFO("kiosk log:\n" << read_file(kiosk.log));
    REQUIRE(rating.has_value());
    check_rating(*rating, expected, Stage::result_return);

    // A second scan of the same receipt at the same stage is refused; nothing new is saved.
    rate_with_keys(x, form, Stage::result_return);
    CHECK(wait_until(
        [&] { return read_file(kiosk.log).find("already rated") != std::string::npos; }, 30s));
    {
        Store store(kiosk.database, OpenOptions{false, 5000, false});
        CHECK(store.counts().ratings_total == 1);
    }
    CHECK(kiosk.process->terminate(30s) == 0);
}

TEST_CASE("a close request does not end the kiosk", "[e2e]") {
    if (!can_run()) {
        return;
    }
    TempDir dir;
    XServer x(1280, 800, dir.path / "xvfb.log");
    RunningKiosk kiosk(dir, x, {"--windowed", "1280x800"});

    REQUIRE(send_close_request(x.display(), *kiosk.window));
    keys(x, "alt+F4");
    REQUIRE(wait_until(
        [&] { return read_file(kiosk.log).find("close request refused") != std::string::npos; },
        30s));
    std::this_thread::sleep_for(1s);
    CHECK(kiosk.process->running());

    // Still working after it: a whole rating goes through.
    Form form = load_form_file(kSource / "assets/forms/dienbien-phieu4.json");
    std::vector<Expected> expected = rate_with_keys(x, form, Stage::intake);
    std::optional<Rating> rating = wait_for_rating(kiosk.database, Stage::intake);
    INFO("kiosk log:\n" << read_file(kiosk.log));
    REQUIRE(rating.has_value());
    check_rating(*rating, expected, Stage::intake);
    CHECK(kiosk.process->terminate(30s) == 0);
}

TEST_CASE("with --allow-close a desktop demo closes on request", "[e2e]") {
    if (!can_run()) {
        return;
    }
    TempDir dir;
    XServer x(1280, 800, dir.path / "xvfb.log");
    RunningKiosk kiosk(dir, x, {"--windowed", "1280x800", "--allow-close"});
    REQUIRE(send_close_request(x.display(), *kiosk.window));
    CHECK(wait_until([&] { return !kiosk.process->running(); }, 30s));
    CHECK(kiosk.process->terminate(1s) == 0);
}

TEST_CASE("staff sign in from the keyboard on the real kiosk, and a scan meanwhile is no PIN",
          "[e2e][staff]") {
    if (!can_run()) {
        return;
    }
    TempDir dir;
    {
        Store store(dir.path / "kiosk.db");
        store.add_official({"cb07", "Đỗ Thị Lan", Role::official, true}, "7777");
    }
    XServer x(1280, 800, dir.path / "xvfb.log");
    RunningKiosk kiosk(dir, x, {"--windowed", "1280x800"});
    keys(x, "F12 1");  // the staff key, then the first on the list
    keys(x, "7 7");
    // A citizen scans a receipt while the PIN is half typed (a few seconds later: keys closer
    // together than that count as one scan).
    std::this_thread::sleep_for(3s);
    REQUIRE(run_with_display(x.display(), "xdotool type --delay 15 '" + kCode + "'") == 0);
    keys(x, "Return");
    std::this_thread::sleep_for(3s);  // the next keys are a person again, not the scanner
    keys(x, "7 7 Return");
    INFO("kiosk log:\n" << read_file(kiosk.log));
    REQUIRE(wait_until(
        [&] { return read_file(kiosk.log).find("staff sign-in: cb07") != std::string::npos; },
        30s));
    CHECK(read_file(kiosk.log).find("scanned input on the PIN pad ignored") != std::string::npos);
    CHECK(kiosk.process->terminate(30s) == 0);

    Store store(kiosk.database, OpenOptions{false, 5000, false});
    std::vector<std::string> actions;
    for (const AuditEntry& entry : store.list_audit(0, INT64_MAX)) {
        actions.push_back(entry.actor + ":" + entry.action);
    }
    CHECK(std::count(actions.begin(), actions.end(), "cb07:signin_ok") == 1);
    CHECK(std::count(actions.begin(), actions.end(), "cb07:signin_failed") == 0);
    CHECK(store.counts().ratings_total == 0);
}

TEST_CASE("frames the same as the screen are not rendered again, and start-up is logged",
          "[e2e][render]") {
    if (!can_run()) {
        return;
    }
    TempDir dir;
    XServer x(1280, 800, dir.path / "xvfb.log");
    RunningKiosk kiosk(dir, x, {"--windowed", "1280x800", "--frame-stats"});
    REQUIRE(run_with_display(x.display(), "xdotool type --delay 15 '" + kCode + "'") == 0);
    keys(x, "Return 1 Return");  // the code, then the first stage: the first question
    CHECK(kiosk.process->terminate(30s) == 0);

    std::string log = read_file(kiosk.log);
    INFO("kiosk log:\n" << log);
    // Each step once, in order, the first frame last.
    std::size_t at = 0;
    for (const char* step :
         {"start-up: libraries, configuration, form and texts:", "start-up: database open:",
          "start-up: window:", "font atlas: ", "start-up: sync thread, ImGui and font atlas:",
          "start-up: first frame:"}) {
        std::size_t found = log.find(step, at);
        CHECK(found != std::string::npos);
        at = found == std::string::npos ? at : found;
    }
    // Every input draws a few frames; those after the first show the same screen and are
    // built but not rendered.
    std::size_t stats = log.find("frame-stats: frames=");
    REQUIRE(stats != std::string::npos);
    long long shown = 0;
    long long skipped = 0;
    REQUIRE(std::sscanf(log.c_str() + stats, "frame-stats: frames=%lld skipped=%lld", &shown,
                        &skipped) == 2);
    CHECK(shown >= 3);  // Welcome, code entry, stage choice, the first question
    CHECK(skipped > 0);
}

TEST_CASE("the kiosk draws again what another window covered", "[e2e][render]") {
    if (!can_run()) {
        return;
    }
    TempDir dir;
    XServer x(1280, 800, dir.path / "xvfb.log");
    RunningKiosk kiosk(dir, x, {});  // fullscreen: the whole screen is the kiosk's
    REQUIRE(wait_until(
        [&] { return read_file(kiosk.log).find("first frame:") != std::string::npos; }, 60s));
    std::this_thread::sleep_for(1s);  // the frames after the first
    // The top bar's corner and the page, in the part of the screen about to be covered.
    std::optional<unsigned long> bar = screen_pixel(x.display(), 10, 10);
    std::optional<unsigned long> page = screen_pixel(x.display(), 10, 300);
    REQUIRE(bar.has_value());
    REQUIRE(page.has_value());
    CHECK(*bar != 0x000000UL);
    CHECK(*page != 0x000000UL);

    REQUIRE(cover_screen_part(x.display(), 0, 0, 400, 400, 500ms));
    // Nothing else happened: no input, no new minute needed for the pixels to come back.
    CHECK(wait_until([&] { return screen_pixel(x.display(), 10, 300) == page; }, 10s));
    CHECK(screen_pixel(x.display(), 10, 10) == bar);
    CHECK(kiosk.process->terminate(30s) == 0);
}

namespace {

// The screen once two looks 300 ms apart agree (the frames after an input are drawn).
std::vector<unsigned long> settled_screen(const XServer& x, int width, int height) {
    std::optional<std::vector<unsigned long>> last = screen_image(x.display(), width, height);
    REQUIRE(last.has_value());
    for (int attempt = 0; attempt < 50; ++attempt) {
        std::this_thread::sleep_for(300ms);
        std::optional<std::vector<unsigned long>> now = screen_image(x.display(), width, height);
        REQUIRE(now.has_value());
        if (*now == *last) {
            return *now;
        }
        last = std::move(now);
    }
    FAIL("the screen did not settle");
    return {};
}

// Drives the fullscreen kiosk (the screen is the kiosk's) through taps that each change part
// of the screen (a pressed card, the next question's words, the progress); after each, what
// partial redraws left on screen must be what a whole redraw draws: covering the whole screen
// for a moment makes the kiosk draw it whole again. Returns the kiosk's log.
std::string compare_partial_with_whole(const std::string& renderer,
                                       const std::vector<std::string>& extra_env) {
    const int width = 1280;
    const int height = 800;
    TempDir dir;
    XServer x(width, height, dir.path / "xvfb.log");
    RunningKiosk kiosk(dir, x, {"--frame-stats", "--renderer", renderer}, extra_env);
    REQUIRE(wait_until(
        [&] { return read_file(kiosk.log).find("first frame:") != std::string::npos; }, 60s));
    INFO("kiosk log:\n" << read_file(kiosk.log));
    // Each renderer says how it puts frames; both redraw only the damage.
    const char* way = renderer == "opengl" ? "render: partial redraws (GLX_MESA_copy_sub_buffer)"
                                           : "render: software rasteriser, shared-memory image";
    CHECK(read_file(kiosk.log).find(way) != std::string::npos);

    const std::vector<std::string> steps{"Return", "1",      "Return",    "2",
                                         "3",      "Return", "BackSpace", "Escape"};
    REQUIRE(run_with_display(x.display(), "xdotool type --delay 15 '" + kCode + "'") == 0);
    for (const std::string& step : steps) {
        keys(x, step);
        // After a turn of the minute the kiosk draws the clock partially: the next look at the
        // screen is partial redraws' again.
        auto [partial, whole] = within_one_minute([&] {
            std::vector<unsigned long> partial_look = settled_screen(x, width, height);
            REQUIRE(cover_screen_part(x.display(), 0, 0, width, height, 300ms));
            REQUIRE(wait_until(
                [&] { return screen_pixel(x.display(), width / 2, height / 2) != 0x000000UL; },
                10s));
            return std::pair{std::move(partial_look), settled_screen(x, width, height)};
        });
        std::size_t differing = 0;
        std::size_t first = 0;
        for (std::size_t i = 0; i < whole.size(); ++i) {
            if (partial[i] != whole[i]) {
                first = differing == 0 ? i : first;
                ++differing;
            }
        }
        INFO("after " << step << ": " << differing << " pixels differ, the first at "
                      << first % width << "," << first / width);
        CHECK(differing == 0);
    }
    CHECK(kiosk.process->terminate(30s) == 0);
    std::string log = read_file(kiosk.log);
    std::size_t stats = log.find("shaded_pct=");
    REQUIRE(stats != std::string::npos);
    // Partial redraws happened: the frames shown shaded less than the whole screen each.
    CHECK(std::stod(log.substr(stats + 11)) < 100.0);
    return log;
}

// The kiosk's summary of MOTCUA_RENDER_CHECK at exit: "render check: N partial frames, M
// differed from a whole redraw" (differed -1 when the line is missing).
struct RenderCheck {
    long long checked = 0;
    long long differed = -1;
};
RenderCheck render_check(const std::string& log) {
    RenderCheck result;
    std::size_t at = log.find("render check: ");
    while (at != std::string::npos &&
           std::sscanf(log.c_str() + at, "render check: %lld partial frames, %lld differed",
                       &result.checked, &result.differed) != 2) {
        at = log.find("render check: ", at + 1);
    }
    return result;
}

}  // namespace

TEST_CASE("partial redraws leave the same pixels on screen as whole redraws", "[e2e][render]") {
    if (!can_run()) {
        return;
    }
    std::string renderer = GENERATE(as<std::string>{}, "software", "opengl");
    INFO("renderer " << renderer);
    compare_partial_with_whole(renderer, {});
}

TEST_CASE("with MOTCUA_RENDER_CHECK each partial frame is checked against a whole redraw",
          "[e2e][render]") {
    if (!can_run()) {
        return;
    }
    // Inside the kiosk, before it is shown, every partial frame is compared with the same frame
    // drawn whole; the screen is then the whole redraw's, and compared as above.
    // With OpenGL the whole redraw is ImGui's backend alone (no narrowing, no opaque runs).
    std::string renderer = GENERATE(as<std::string>{}, "software", "opengl");
    INFO("renderer " << renderer);
    std::string log = compare_partial_with_whole(renderer, {"MOTCUA_RENDER_CHECK=1"});
    INFO("kiosk log:\n" << log);
    RenderCheck check = render_check(log);
    CHECK(check.checked > 0);
    CHECK(check.differed == 0);
}

TEST_CASE("a resized window is drawn at its new size, and partial redraws stay exact",
          "[e2e][render]") {
    if (!can_run()) {
        return;
    }
    std::string renderer = GENERATE(as<std::string>{}, "software", "opengl");
    INFO("renderer " << renderer);
    TempDir dir;
    XServer x(1280, 800, dir.path / "xvfb.log");
    RunningKiosk kiosk(dir, x, {"--windowed", "900x600", "--frame-stats", "--renderer", renderer},
                       {"MOTCUA_RENDER_CHECK=1"});
    REQUIRE(wait_until(
        [&] { return read_file(kiosk.log).find("first frame:") != std::string::npos; }, 60s));
    const std::string window = std::to_string(*kiosk.window);
    for (const char* size : {"700 500", "1200 760"}) {
        REQUIRE(run_with_display(x.display(), "xdotool windowsize --sync " + window + " " + size) ==
                0);
        settled_screen(x, 1280, 800);  // the frames at the new size are drawn
        REQUIRE(kiosk.process->running());
    }
    // Taps after the resize change parts of the screen: those frames are drawn partially.
    REQUIRE(run_with_display(x.display(), "xdotool type --delay 15 '" + kCode + "'") == 0);
    keys(x, "Return 1 2");
    settled_screen(x, 1280, 800);
    REQUIRE(kiosk.process->running());
    CHECK(kiosk.process->terminate(30s) == 0);
    const std::string log = read_file(kiosk.log);
    INFO("kiosk log:\n" << log);
    // The fonts follow the size (built again for a new em), and every partial frame equals a
    // whole redraw.
    std::size_t font_builds = 0;
    for (std::size_t at = log.find(" glyphs, em "); at != std::string::npos;
         at = log.find(" glyphs, em ", at + 1)) {
        ++font_builds;
    }
    CHECK(font_builds >= 2);
    RenderCheck check = render_check(log);
    CHECK(check.checked > 0);
    CHECK(check.differed == 0);
}
