// Disk-full drill on the real motcua-kiosk under Xvfb: its database on a tiny tmpfs that fills
// up while it runs. The citizen who finishes a rating sees the apology (the flow's save_failed
// screen, logged with the staff alert), the answers are kept in memory, and once space returns
// the citizen's "try again" (Enter) saves the kept rating. Needs mount permission (root): where
// the kernel refuses the mount, the test says so and checks nothing.

#include <sys/mount.h>

#include <catch2/catch.hpp>

#include <cstdio>

#include "core/form.hpp"
#include "storage/store.hpp"
#include "tests/e2e/x_session.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::e2e;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path kKiosk = MOTCUA_KIOSK_EXE;
const std::filesystem::path kSource = MOTCUA_SOURCE_DIR;
const std::string kCode = "000.00.24.H18-221228-0077";

void keys(const XServer& x, const std::string& keys) {
    REQUIRE(run_with_display(x.display(), "xdotool key --delay 60 " + keys) == 0);
}

// Scans the code, picks the first stage and the first answer of every question (and the first
// follow-up choice when one is asked), then sends from the review screen.
void rate_with_keys(const XServer& x, const Form& form) {
    REQUIRE(run_with_display(x.display(), "xdotool type --delay 15 '" + kCode + "'") == 0);
    keys(x, "Return");
    keys(x, "1 Return");
    for (const Question* question : form.questions_for(form.stages.front())) {
        keys(x, "1 Return");
        const AnswerOption& option = question->options.front();
        if (question->follow_up && option.points &&
            *option.points <= question->follow_up->when_points_at_most) {
            keys(x, "1 Return");
        }
    }
    keys(x, "Return");  // review: send
}

// Writes `path` until the filesystem is full.
void fill_up(const std::filesystem::path& path) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    REQUIRE(file != nullptr);
    std::setvbuf(file, nullptr, _IONBF, 0);
    const std::string block(4096, 'x');
    while (std::fwrite(block.data(), 1, block.size(), file) == block.size()) {
    }
    std::fclose(file);
}

bool log_has(const std::filesystem::path& log, const std::string& text) {
    return read_file(log).find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("disk full on the real kiosk: apology, staff alert, the kept rating saves later",
          "[drills][disk][kiosk]") {
    if (!have_program("Xvfb") || !have_program("xdotool")) {
        WARN("Xvfb or xdotool is missing: the kiosk disk-full drill is skipped");
        return;
    }
    test::TempDir dir;
    const auto mnt = dir / "mnt";
    std::filesystem::create_directories(mnt);
    if (mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=4194304") != 0) {
        WARN(
            "mounting a tmpfs is not permitted here: the kiosk disk-full drill is skipped "
            "(the store-level drill falls back to max_page_count)");
        return;
    }
    struct Unmount {
        std::filesystem::path folder;
        ~Unmount() { umount2(folder.c_str(), MNT_DETACH); }
    } unmount{mnt};

    const auto database = mnt / "kiosk.db";
    const auto log = dir / "kiosk.log";
    const Form form = load_form_file(kSource / "assets/forms/dienbien-phieu4.json");
    XServer x(1280, 800, dir / "xvfb.log");
    Child kiosk({kKiosk.string(), "--config", (kSource / "assets/config/demo.toml").string(),
                 "--db", database.string(), "--windowed", "1280x800"},
                {"DISPLAY=" + x.display(), "MOTCUA_ASSETS=" + (kSource / "assets").string(),
                 "ASAN_OPTIONS=detect_leaks=0"},
                log);
    const auto window = wait_for_window(x.display(), "motcua-kiosk", 60s);
    INFO("kiosk log:\n" << read_file(log));
    REQUIRE(window.has_value());
    run_with_display(x.display(), "xdotool windowfocus --sync " + std::to_string(*window));
    REQUIRE(wait_until([&] { return log_has(log, "ready:"); }, 60s));

    // The disk fills up while the kiosk runs; a citizen finishes a rating.
    fill_up(mnt / "filler");
    rate_with_keys(x, form);
    CHECK(wait_until([&] { return log_has(log, "STAFF ALERT: could not save rating"); }, 60s));
    CHECK(log_has(log, "disk_full"));  // the alert names the cause
    {
        Store store(database, OpenOptions{false, 5000, false});
        CHECK_FALSE(store.find_rating_for_dossier(kCode, form.stages.front()));
        CHECK(store.integrity_check().empty());
    }

    // Space returns; the citizen (or the next visitor) presses "try again".
    std::filesystem::remove(mnt / "filler");
    keys(x, "Return");
    CHECK(wait_until(
        [&] {
            const std::string text = read_file(log);
            const auto retry = text.find("retry of rating");
            return retry != std::string::npos && text.find(": saved", retry) != std::string::npos;
        },
        60s));
    Store store(database, OpenOptions{false, 5000, false});
    CHECK(store.find_rating_for_dossier(kCode, form.stages.front()));
    CHECK(store.integrity_check().empty());
    CHECK(kiosk.terminate(30s) == 0);
}
