// Clock drills. The kiosk's clock jumps back and forward an hour and a year between ratings
// (libfaketime under the real save path): ratings keep their order by sequence number, each
// lands on its own local date in the reports, and the store flags the jump back. The kiosk's
// clock an hour away from a real server's is flagged by the uploader ("clock.offset_ms"),
// shown by `motcua status --json` and worded by `motcua doctor`.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "core/clock_drift.hpp"
#include "sync/sync_state.hpp"
#include "tests/drills/child_process.hpp"
#include "tests/drills/drill_support.hpp"

using namespace motcua;
using namespace motcua::drills;

namespace {

const char* const kFaketimeLibrary = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

// The environment that makes a child's clock read `faketime` (libfaketime's FAKETIME syntax:
// "@2025-01-01 08:00:00" starts there and runs on, "+3600" is an offset in seconds).
std::vector<std::string> faked_clock(const std::string& faketime) {
    return {std::string("LD_PRELOAD=") + kFaketimeLibrary, "FAKETIME=" + faketime,
            "FAKETIME_DONT_FAKE_MONOTONIC=1", "TZ=Asia/Ho_Chi_Minh",
            // libfaketime comes before the sanitizer runtime in a sanitized build.
            "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0"};
}

struct SavedLine {
    std::string id;
    std::int64_t sequence = 0;
    std::string local_date;
};

// Runs the writer with a faked clock for `count` ratings; its "saved" lines.
std::vector<SavedLine> save_at(const std::filesystem::path& db, const std::string& faketime,
                               int seed, int count) {
    ChildProcess writer({writer_binary(), db.string(), std::to_string(seed), std::to_string(count)},
                        faked_clock(faketime));
    REQUIRE(writer.wait_exit() == 0);
    std::vector<SavedLine> saved;
    for (const std::string& line : writer.lines()) {
        std::istringstream words(line);
        std::string what;
        SavedLine entry;
        if (words >> what >> entry.id >> entry.sequence >> entry.local_date && what == "saved") {
            saved.push_back(entry);
        }
    }
    REQUIRE(saved.size() == static_cast<std::size_t>(count));
    return saved;
}

}  // namespace

TEST_CASE("the clock drift decision flags more than two minutes either way", "[drills][clock]") {
    CHECK(clock_offset_from_drift(-3600000) == 3600000);
    CHECK_FALSE(flagged_clock_offset(0));
    CHECK_FALSE(flagged_clock_offset(120000));
    CHECK_FALSE(flagged_clock_offset(-120000));
    CHECK(flagged_clock_offset(120001) == 120001);
    CHECK(flagged_clock_offset(-31536000000) == -31536000000);
    CHECK(describe_clock_offset(3723000) ==
          "this kiosk's clock is 1 h 2 min ahead of the server's");
    CHECK(describe_clock_offset(-150000) == "this kiosk's clock is 2 min 30 s behind the server's");
    CHECK(describe_clock_offset(-31536000000) == "this kiosk's clock is 365 d behind the server's");
    CHECK(describe_clock_offset(400) == "this kiosk's clock agrees with the server's");
}

TEST_CASE("clock jumps of an hour and a year keep order, dates and flag the jump back",
          "[drills][clock]") {
    test::TempDir dir;
    const auto db = dir / "kiosk.db";
    // Local times in Vietnam (TZ above): each step's ratings must land on that local date.
    struct Step {
        std::string faketime;
        std::string local_date;
    };
    const std::vector<Step> steps = {
        {"@2025-03-10 23:30:00", "2025-03-10"},  // start, half an hour before midnight
        {"@2025-03-11 00:30:00", "2025-03-11"},  // forward an hour: past midnight
        {"@2025-03-10 23:30:00", "2025-03-10"},  // back an hour: the day before again
        {"@2026-03-10 23:30:00", "2026-03-10"},  // forward a year
        {"@2025-03-10 23:40:00", "2025-03-10"},  // back a year
    };
    std::vector<SavedLine> all;
    std::map<std::string, std::int64_t> per_date;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto saved = save_at(db, steps[i].faketime, static_cast<int>(i) + 1, 3);
        for (const SavedLine& line : saved) {
            CHECK(line.local_date == steps[i].local_date);
            ++per_date[line.local_date];
        }
        all.insert(all.end(), saved.begin(), saved.end());
    }

    // Ordering by sequence is the order of saving, whatever the clock said.
    for (std::size_t i = 1; i < all.size(); ++i) {
        CHECK(all[i].sequence > all[i - 1].sequence);
    }
    Store store(db);
    const std::vector<Rating> listed = store.list_ratings({});
    REQUIRE(listed.size() == all.size());
    for (std::size_t i = 0; i < listed.size(); ++i) {
        CHECK(listed[i].id == all[i].id);
    }
    // Reports put each rating on its own local date.
    for (const auto& [date, count] : per_date) {
        RatingFilter day;
        day.from_date = date;
        day.to_date = date;
        CHECK(store.aggregate(day).ratings == count);
        for (const Rating& rating : store.list_ratings(day)) {
            CHECK(rating.local_date == date);
            CHECK(local_date(rating.created_utc, rating.utc_offset_minutes) == date);
        }
    }
    // The store saw the clock go back (storage's back-jump detection) and says when.
    const SyncStatus status = read_sync_status(store);
    REQUIRE(status.clock_back_jump_utc.has_value());
    bool audited = false;
    for (const AuditEntry& entry : store.list_audit(0, 4102444800000)) {
        audited = audited || entry.action == "clock_back";
    }
    CHECK(audited);
}

TEST_CASE("a kiosk clock an hour ahead of a real server is flagged, shown and explained",
          "[drills][clock]") {
    Province province;
    {
        ChildProcess writer({writer_binary(), province.kiosk_db.string(), "7", "5"});
        REQUIRE(writer.wait_exit() == 0);
    }
    // The uploader runs with the kiosk's clock an hour ahead; the server keeps the real time.
    ChildProcess ahead({uploader_binary(), province.kiosk_db.string(), province.server->url(),
                        province.token_file.string(), "--once"},
                       faked_clock("+3600"));
    INFO(ahead.output());
    REQUIRE(ahead.wait_exit() == 0);
    {
        Store store(province.kiosk_db);
        const SyncStatus status = read_sync_status(store);
        REQUIRE(status.clock_offset_ms.has_value());
        CHECK(*status.clock_offset_ms > 3600000 - 60000);
        CHECK(*status.clock_offset_ms < 3600000 + 60000);
    }
    ChildProcess status_json(
        {cli_binary(), "--db", province.kiosk_db.string(), "status", "--json"});
    REQUIRE(status_json.wait_exit() == 0);
    const auto json = nlohmann::json::parse(status_json.output());
    REQUIRE(json["clock_offset_seconds"].is_number_integer());
    CHECK(json["clock_offset_seconds"].get<std::int64_t>() > 3600 - 60);
    CHECK(json["clock_offset_seconds"].get<std::int64_t>() < 3600 + 60);
    ChildProcess doctor({cli_binary(), "--db", province.kiosk_db.string(), "doctor"});
    doctor.wait_exit();
    CHECK(doctor.output().find("WARN     clock: at the last upload this kiosk's clock is 1 h") !=
          std::string::npos);

    // Back on time: the next upload clears the flag.
    ChildProcess on_time({uploader_binary(), province.kiosk_db.string(), province.server->url(),
                          province.token_file.string(), "--once"});
    REQUIRE(on_time.wait_exit() == 0);
    ChildProcess cleared({cli_binary(), "--db", province.kiosk_db.string(), "status", "--json"});
    REQUIRE(cleared.wait_exit() == 0);
    CHECK(nlohmann::json::parse(cleared.output())["clock_offset_seconds"].is_null());
}
