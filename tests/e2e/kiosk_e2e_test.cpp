// The real motcua-kiosk under Xvfb, driven the way a barcode scanner and a button box drive it
// (keystrokes through the X server), checked in its SQLite database.

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>

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

// In a sanitizer build, Mesa's software driver (loaded and unloaded by libGL) leaks a few
// hundred bytes at exit from frames that can no longer be symbolised. Leak checking of the
// kiosk's own code is done by kiosk_tests; here address and undefined-behaviour checks stay on.
std::string sanitizer_options() {
    const char* existing = std::getenv("ASAN_OPTIONS");
    std::string options = existing && *existing ? std::string(existing) + ":" : "";
    return "ASAN_OPTIONS=" + options + "detect_leaks=0";
}

struct TempDir {
    TempDir() {
        std::random_device random;
        path = std::filesystem::temp_directory_path() /
               ("motcua-e2e-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
};

// The kiosk on the demo configuration and a fresh database, with its window found.
struct RunningKiosk {
    RunningKiosk(const TempDir& dir, const XServer& x, const std::vector<std::string>& extra)
        : database(dir.path / "kiosk.db"), log(dir.path / "kiosk.log") {
        std::vector<std::string> argv{kKiosk.string(), "--config",
                                      (kSource / "assets/config/demo.toml").string(), "--db",
                                      database.string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        process.emplace(argv,
                        std::vector<std::string>{"DISPLAY=" + x.display(),
                                                 "MOTCUA_ASSETS=" + (kSource / "assets").string(),
                                                 sanitizer_options()},
                        log);
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
