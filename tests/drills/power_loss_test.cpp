// Power-loss drill: the kiosk's save path (drill_writer, saving through Store like the kiosk) and
// its uploader (drill_uploader, run_sync against a real motcua-server) run side by side on one
// database and are killed with SIGKILL at independent random moments. After every kill each
// rating acknowledged after COMMIT is present and integrity_check passes; at the end, after a
// restart, the upload completes and the server holds exactly the kiosk's ratings, each once.
// MOTCUA_DRILL_KILLS raises the number of kills (default 100; scripts/drill-power: 500+).

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "sync/uploader.hpp"
#include "tests/drills/child_process.hpp"
#include "tests/drills/drill_support.hpp"

using namespace motcua;
using namespace motcua::drills;

namespace {

// "saved <id> ..." lines of a writer's output.
std::vector<std::string> acknowledged_ids(const ChildProcess& writer) {
    std::vector<std::string> ids;
    for (const std::string& line : writer.lines()) {
        std::istringstream words(line);
        std::string what;
        std::string id;
        if (words >> what >> id && what == "saved") {
            ids.push_back(id);
        }
    }
    return ids;
}

}  // namespace

TEST_CASE("power loss: SIGKILL of the save path and the uploader loses and duplicates nothing",
          "[drills][power]") {
    // The server delays some answers and drops some after its commit, so that kills of the
    // uploader land while a batch is in flight and between the server's commit and the kiosk's.
    Province province({"--fault-delay-rate", "0.5", "--fault-delay-ms", "20",
                       "--fault-drop-after-commit", "0.1", "--fault-seed", "61"});
    const std::int64_t kills = drill_size("MOTCUA_DRILL_KILLS", 100);
    const std::int64_t runs = (kills + 1) / 2;  // each run kills the writer and the uploader
    std::mt19937 random(20240601);
    std::set<std::string> acknowledged;
    std::int64_t writer_kills = 0;
    std::int64_t uploader_kills = 0;
    const std::string log = (province.dir / "children.log").string();

    for (std::int64_t run = 0; run < runs; ++run) {
        INFO("run " << run);
        std::vector<std::string> saved_now;
        {
            ChildProcess writer(
                {writer_binary(), province.kiosk_db.string(), std::to_string(run + 1)}, {}, log);
            REQUIRE(writer.wait_for("saved ", std::chrono::seconds(30)));
            ChildProcess uploader({uploader_binary(), province.kiosk_db.string(),
                                   province.server->url(), province.token_file.string()},
                                  {}, log);
            // Each dies at its own random moment within the next 80 ms, in either order; every
            // fifth run the uploader may live up to a second, so that batches are delivered
            // between kills even where processes start slowly (the sanitizer build).
            const unsigned uploader_window_us = run % 5 == 4 ? 1000000 : 80000;
            const auto writer_at = std::chrono::microseconds(random() % 80000);
            const auto uploader_at = std::chrono::microseconds(random() % uploader_window_us);
            const auto first = std::min(writer_at, uploader_at);
            std::this_thread::sleep_for(first);
            ChildProcess& first_victim = writer_at <= uploader_at ? writer : uploader;
            ChildProcess& second_victim = writer_at <= uploader_at ? uploader : writer;
            REQUIRE(first_victim.kill_now());
            std::this_thread::sleep_for(std::max(writer_at, uploader_at) - first);
            REQUIRE(second_victim.kill_now());
            writer_kills += 1;
            uploader_kills += 1;
            saved_now = acknowledged_ids(writer);
        }
        Store store(province.kiosk_db, OpenOptions{.quick_check = true});
        REQUIRE(store.integrity_check().empty());
        for (const std::string& id : saved_now) {
            REQUIRE(store.find_rating(id));
            acknowledged.insert(id);
        }
    }

    // Uploads were under way between the kills (not only after the restart).
    const std::int64_t uploaded_before_restart = province.server_stats().ratings;
    CHECK(uploaded_before_restart > 0);

    // The restart: one more uploader process, left to finish.
    ChildProcess uploader({uploader_binary(), province.kiosk_db.string(), province.server->url(),
                           province.token_file.string(), "--once"},
                          {}, log);
    INFO(uploader.output());
    REQUIRE(uploader.wait_exit() == 0);

    Store store(province.kiosk_db);
    CHECK(store.integrity_check().empty());
    CHECK(store.counts().pending_upload == 0);
    CHECK(store.counts().quarantined == 0);
    const std::vector<std::string> kiosk_ids = kiosk_rating_ids(store);
    for (const std::string& id : acknowledged) {
        REQUIRE(std::binary_search(kiosk_ids.begin(), kiosk_ids.end(), id));
    }
    const std::vector<std::string> server_ids = province.server_rating_ids();
    CHECK(server_ids == kiosk_ids);
    const auto lost = std::count_if(acknowledged.begin(), acknowledged.end(), [&](const auto& id) {
        return !std::binary_search(server_ids.begin(), server_ids.end(), id);
    });
    CHECK(lost == 0);
    CHECK(province.server_stats().ratings == static_cast<std::int64_t>(kiosk_ids.size()));

    // Not vacuous: ratings were acknowledged in most runs.
    CHECK(acknowledged.size() >= static_cast<std::size_t>(runs));
    WARN("power-loss drill: " << writer_kills + uploader_kills << " kills (" << writer_kills
                              << " save path, " << uploader_kills << " uploader), "
                              << acknowledged.size() << " acknowledged ratings, "
                              << kiosk_ids.size() << " in the kiosk, " << server_ids.size()
                              << " on the server, " << province.server_stats().duplicates_answered
                              << " duplicates answered, " << uploaded_before_restart
                              << " uploaded before the restart, ratings lost: " << lost);
}
