// THE crash test: a child process (storage_crash_writer) saves ratings and prints each id only
// after its save returned; we kill it with SIGKILL at a random moment, many times over, and
// after every kill each printed id must be in the database and integrity_check must be clean.
// MOTCUA_CRASH_RUNS raises the number of runs (default 100).

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>
#include <sstream>
#include <thread>

#include "test_support.hpp"

extern char** environ;

using namespace motcua;
using namespace motcua::test;

namespace {

int crash_runs() {
    const char* text = std::getenv("MOTCUA_CRASH_RUNS");
    const int runs = text != nullptr ? std::atoi(text) : 0;
    return runs > 100 ? runs : 100;
}

// A running crash writer whose stdout we read line by line.
class Writer {
  public:
    Writer(const std::filesystem::path& database, int seed) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        posix_spawn_file_actions_addclose(&actions, fds[1]);
        const std::string program = MOTCUA_CRASH_WRITER;
        const std::string path = database.string();
        const std::string seed_text = std::to_string(seed);
        std::vector<char*> argv = {const_cast<char*>(program.c_str()),
                                   const_cast<char*>(path.c_str()),
                                   const_cast<char*>(seed_text.c_str()), nullptr};
        const int rc = posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        output_ = fds[0];
        REQUIRE(rc == 0);
    }
    ~Writer() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(output_);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Reads until `text` has arrived ("ready -\n": the store is open; "saved ": the first
    // rating is acknowledged); false after 30 s or at EOF.
    bool wait_until(const std::string& text) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (text_.find(text) == std::string::npos) {
            if (std::chrono::steady_clock::now() > deadline || read_some(100) == Read::closed) {
                return false;
            }
        }
        return true;
    }

    // SIGKILL, then everything it printed before dying. Returns the wait status.
    int kill_now() {
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        while (read_some(-1) == Read::data) {
        }
        return status;
    }

    // Complete lines "<what> <id>"; a torn last line (none expected) is ignored.
    std::vector<std::pair<std::string, std::string>> lines() const {
        std::vector<std::pair<std::string, std::string>> out;
        std::istringstream in(text_.substr(0, text_.rfind('\n') + 1));
        std::string what;
        std::string id;
        while (in >> what >> id) {
            out.emplace_back(what, id);
        }
        return out;
    }

  private:
    enum class Read { data, nothing_yet, closed };

    // Appends what arrives within `timeout_ms` (-1: wait for data or EOF).
    Read read_some(int timeout_ms) {
        pollfd ready{output_, POLLIN, 0};
        if (poll(&ready, 1, timeout_ms) <= 0) {
            return Read::nothing_yet;
        }
        char buffer[4096];
        const ssize_t n = read(output_, buffer, sizeof buffer);
        if (n <= 0) {
            return Read::closed;
        }
        text_.append(buffer, static_cast<std::size_t>(n));
        return Read::data;
    }

    pid_t pid_ = -1;
    int output_ = -1;
    std::string text_;
};

}  // namespace

TEST_CASE("crash test: SIGKILL at random moments loses no acknowledged rating",
          "[storage][crash]") {
    TempDir dir;
    const auto path = dir.file("crash.db");
    const int runs = crash_runs();
    std::mt19937 random(1234567);
    std::set<std::string> saved;
    std::set<std::string> voided;
    int runs_without_acknowledgement = 0;

    for (int run = 0; run < runs; ++run) {
        INFO("run " << run);
        std::vector<std::pair<std::string, std::string>> acknowledged;
        {
            Writer writer(path, run);
            // One run in four dies somewhere in start-up (creating, migrating or opening the
            // store); the others die while saving.
            const bool during_start_up = run % 4 == 0;
            if (during_start_up) {
                std::this_thread::sleep_for(std::chrono::microseconds(random() % 15000));
            } else {
                // After the first acknowledgement, so that a slow machine (sanitizers, a busy
                // CI host) still kills mid-save rather than always before the first save.
                REQUIRE(writer.wait_until("ready -\n"));
                REQUIRE(writer.wait_until("saved "));
                std::this_thread::sleep_for(std::chrono::microseconds(random() % 60000));
            }
            const int status = writer.kill_now();
            REQUIRE(WIFSIGNALED(status));
            REQUIRE(WTERMSIG(status) == SIGKILL);
            acknowledged = writer.lines();
            const bool any = std::any_of(acknowledged.begin(), acknowledged.end(),
                                         [](const auto& line) { return line.first != "ready"; });
            runs_without_acknowledgement += any ? 0 : 1;
        }

        Store store(path, OpenOptions{.quick_check = true});
        REQUIRE(store.integrity_check().empty());
        for (const auto& [what, id] : acknowledged) {
            if (what == "saved") {
                REQUIRE(store.find_rating(id));
                saved.insert(id);
            } else if (what == "void") {
                REQUIRE(store.find_void(id));
                voided.insert(id);
            }
        }
    }

    Store store(path);
    CHECK(store.integrity_check().empty());
    for (const std::string& id : saved) {
        REQUIRE(store.find_rating(id));
    }
    for (const std::string& id : voided) {
        REQUIRE(store.find_void(id));
    }
    // Everything in the database is consistent: the outbox and the rollups were written in
    // the same transactions as the ratings and voids, so no kill could split them.
    const StoreCounts counts = store.counts();
    CHECK(counts.ratings_total >= static_cast<std::int64_t>(saved.size()));
    CHECK(counts.voided >= static_cast<std::int64_t>(voided.size()));
    CHECK(counts.pending_upload == counts.ratings_total + counts.voided);
    const Aggregates all = store.aggregate({});
    CHECK(all.ratings + all.voided == counts.ratings_total);
    CHECK(static_cast<std::int64_t>(store.list_ratings({}).size()) == all.ratings);
    RawDb raw(path);
    CHECK(raw.number("SELECT count(*) FROM ratings") == counts.ratings_total);
    CHECK(raw.number("SELECT count(*) FROM claims") == all.ratings);

    // Not vacuous: most runs acknowledged saves, and some kills landed in start-up.
    CHECK(saved.size() >= static_cast<std::size_t>(runs));
    CHECK_FALSE(voided.empty());
    WARN("crash test: " << runs << " kills, " << saved.size() << " acknowledged ratings, "
                        << voided.size() << " acknowledged voids, " << runs_without_acknowledgement
                        << " kills before the first acknowledgement");
}
