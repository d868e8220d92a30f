// The app's pieces that need no window: the Store behind the flow's ports, the command line,
// the run queue, and the demo screens the screenshot script relies on.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "core/config.hpp"
#include "core/uuid.hpp"
#include "flow_fixture.hpp"
#include "kiosk/app/demo_screens.hpp"
#include "kiosk/app/options.hpp"
#include "kiosk/app/run_queue.hpp"
#include "kiosk/app/staff_records_store.hpp"
#include "kiosk/app/store_ports.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::app;
using namespace motcua::kiosk::testing;

namespace {

struct TempDir {
    TempDir() {
        std::random_device random;
        path = std::filesystem::temp_directory_path() /
               ("motcua-kiosk-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
};

void ignore_log(std::string_view) {}

// A rating as the flow makes it, for the given dossier.
Rating sample_rating(FlowHarness& h, const std::string& code) {
    h.scan(code);
    h.flow.choose_option(0);
    h.flow.choose_option(1);
    h.flow.choose_option(0);
    h.flow.send();
    REQUIRE(!h.sink.saved.empty());
    Rating rating = h.sink.saved.back();
    h.flow.finish();
    return rating;
}

std::optional<Options> parse(std::vector<std::string> args, int& code) {
    args.insert(args.begin(), "motcua-kiosk");
    std::vector<char*> argv;
    for (std::string& a : args) {
        argv.push_back(a.data());
    }
    return parse_options(static_cast<int>(argv.size()), argv.data(), code);
}

}  // namespace

TEST_CASE("the store sink saves, finds and refuses a second rating of a dossier", "[app][store]") {
    TempDir dir;
    FlowHarness h;
    ManualClock clock(1677636000000);
    StoreConnection connection(dir.path / "kiosk.db", clock, ignore_log);
    StoreRatingSink sink(connection, ignore_log);
    Rating rating = sample_rating(h, kGoodCode);

    CHECK(sink.lookup(kGoodCode, Stage::intake) == LookupStatus::not_rated);
    CHECK(sink.save(rating).status == SaveStatus::saved);
    CHECK(sink.lookup(kGoodCode, Stage::intake) == LookupStatus::rated);
    CHECK(sink.lookup(kGoodCode, Stage::supplement) == LookupStatus::not_rated);

    // The same rating again (a retry after an uncertain failure) counts as saved.
    CHECK(sink.save(rating).status == SaveStatus::saved);

    Rating another = rating;
    another.id = make_uuid_v4();
    CHECK(sink.save(another).status == SaveStatus::duplicate);

    Store store(dir.path / "kiosk.db");
    std::optional<Rating> stored = store.find_rating(rating.id);
    REQUIRE(stored.has_value());
    CHECK(stored->answers.size() == rating.answers.size());
    CHECK(store.counts().ratings_total == 1);
}

TEST_CASE("a store that cannot open fails softly and is opened again later", "[app][store]") {
    TempDir dir;
    std::filesystem::path blocker = dir.path / "not-a-folder";
    std::ofstream(blocker) << "x";
    std::filesystem::path database = blocker / "kiosk.db";
    ManualClock clock(1677636000000);
    std::vector<std::string> log;
    StoreConnection connection(database, clock,
                               [&log](std::string_view line) { log.emplace_back(line); });
    StoreRatingSink sink(connection, ignore_log);
    FlowHarness h;
    Rating rating = sample_rating(h, kGoodCode);

    CHECK(sink.lookup(kGoodCode, Stage::intake) == LookupStatus::failed);
    CHECK(sink.save(rating).status == SaveStatus::failed);
    REQUIRE(!log.empty());
    CHECK(log.front().find("cannot open the database") != std::string::npos);

    std::filesystem::remove(blocker);
    std::filesystem::create_directories(blocker);
    CHECK(sink.save(rating).status == SaveStatus::failed);  // not retried at once
    clock.advance_ms(10000);
    CHECK(sink.save(rating).status == SaveStatus::saved);
}

TEST_CASE("the flow keeps a rating through a store failure and saves it to the real store",
          "[app][store]") {
    TempDir dir;
    FlowHarness h;
    std::filesystem::path blocker = dir.path / "db";
    std::ofstream(blocker) << "x";
    StoreConnection connection(blocker / "kiosk.db", h.clock, ignore_log);
    StoreRatingSink store_sink(connection, ignore_log);
    KioskFlow flow(h.form, h.settings, h.validator, h.clock, store_sink, h.gate);
    for (char c : std::string(kGoodCode)) {
        flow.on_char(static_cast<unsigned char>(c));
    }
    flow.on_key(FlowKey::enter);
    flow.choose_option(0);
    flow.choose_option(0);
    flow.choose_option(0);
    flow.send();
    REQUIRE(flow.screen() == Screen::save_failed);
    std::filesystem::remove(blocker);
    std::filesystem::create_directories(blocker);
    h.clock.advance_ms(KioskFlow::kRetryIntervalMs);
    flow.tick();
    CHECK(flow.unsaved_count() == 0);
    CHECK(flow.screen() == Screen::thank_you);
    Store store(blocker / "kiosk.db");
    CHECK(store.find_rating_for_dossier(kGoodCode, Stage::intake).has_value());
}

TEST_CASE("the staff gate checks each person's own PIN and writes the audit log", "[app][staff]") {
    TempDir dir;
    ManualClock clock(1677636000000);
    {
        Store store(dir.path / "kiosk.db");
        store.add_official({"admin1", "Nguyễn Văn An", Role::admin, true}, "482913");
        store.add_official({"sup1", "Lê Thị Bích", Role::supervisor, true}, "111222");
        store.add_official({"admin2", "Phạm Văn Cường", Role::admin, false}, "333444");
    }
    StoreConnection connection(dir.path / "kiosk.db", clock, ignore_log);
    StoreStaffGate gate(connection, clock, ignore_log);
    std::optional<StaffMember> admin = gate.check_pin("admin1", "482913");
    REQUIRE(admin.has_value());
    CHECK(admin->id == "admin1");
    CHECK(admin->name == "Nguyễn Văn An");
    CHECK(admin->role == StaffRole::admin);
    CHECK_FALSE(gate.check_pin("admin1", "000000").has_value());
    CHECK_FALSE(gate.check_pin("admin1", "111222").has_value());  // the supervisor's PIN
    CHECK_FALSE(gate.check_pin("admin2", "333444").has_value());  // an inactive admin
    std::vector<StaffMember> active = gate.active_staff();
    REQUIRE(active.size() == 2);  // the inactive admin is not offered

    gate.audit("admin1", "exit", "0 unsaved ratings");
    Store store(dir.path / "kiosk.db");
    std::vector<AuditEntry> entries = store.list_audit(0, clock.now_utc() + 1);
    bool found = false;
    for (const AuditEntry& entry : entries) {
        found = found || (entry.actor == "admin1" && entry.action == "exit");
    }
    CHECK(found);
}

TEST_CASE("the command line takes sizes, languages and demo screens, and refuses nonsense",
          "[app][options]") {
    int code = 0;
    std::optional<Options> options =
        parse({"--config", "k.toml", "--db", "x.db", "--windowed", "1280x800", "--lang", "en",
               "--demo-screen", "review", "--screenshot", "s.png"},
              code);
    REQUIRE(options.has_value());
    CHECK(options->config == "k.toml");
    CHECK(options->database == "x.db");
    REQUIRE(options->windowed.has_value());
    CHECK(options->windowed->width == 1280);
    CHECK(options->windowed->height == 800);
    CHECK(options->language == Language::en);
    CHECK(options->demo_screen == "review");
    CHECK(options->screenshot == "s.png");
    CHECK_FALSE(parse({}, code)->windowed.has_value());  // fullscreen by default

    CHECK_FALSE(parse({"--windowed", "big"}, code).has_value());
    CHECK(code == 2);
    CHECK_FALSE(parse({"--lang", "fr"}, code).has_value());
    CHECK(code == 2);
    CHECK_FALSE(parse({"--demo-screen", "nowhere"}, code).has_value());
    CHECK(code == 2);
    CHECK_FALSE(parse({"--no-such-option"}, code).has_value());
    CHECK(code != 0);
}

TEST_CASE("work posted from another thread runs on the UI thread, in order", "[app][queue]") {
    int wakes = 0;
    RunQueue queue([&wakes] { ++wakes; });
    std::vector<int> ran;
    std::thread worker([&queue, &ran] {
        for (int i = 0; i < 3; ++i) {
            queue.post([&ran, i] { ran.push_back(i); });
        }
    });
    worker.join();
    CHECK(ran.empty());  // nothing runs before the UI thread asks
    CHECK(wakes == 3);
    CHECK(queue.run_pending());
    CHECK(ran == std::vector<int>{0, 1, 2});
    CHECK_FALSE(queue.run_pending());
}

TEST_CASE("every demo screen opens on the shipped demo form", "[app][demo]") {
    Config config = load_config_file(assets_dir() / "config" / "demo.toml");
    Form form = load_form_file(config.form_profile);
    DossierCodeValidator validator(config.dossier_code);
    struct Case {
        const char* name;
        Screen screen;
    };
    for (Case c :
         {Case{"welcome", Screen::welcome}, Case{"code_entry", Screen::code_entry},
          Case{"code_refused", Screen::code_entry}, Case{"stage_choice", Screen::stage_choice},
          Case{"question", Screen::question}, Case{"follow_up", Screen::follow_up},
          Case{"review", Screen::review}, Case{"thank_you", Screen::thank_you},
          Case{"already_rated", Screen::already_rated}, Case{"save_failed", Screen::save_failed},
          Case{"countdown", Screen::question}, Case{"staff_who", Screen::staff_pin},
          Case{"staff_pin", Screen::staff_pin}, Case{"staff_menu", Screen::staff_menu},
          Case{"staff_tally", Screen::staff_tally}, Case{"staff_report", Screen::staff_report},
          Case{"staff_export", Screen::staff_export}, Case{"staff_sync", Screen::staff_sync},
          Case{"staff_admin", Screen::staff_admin}}) {
        INFO(c.name);
        REQUIRE(is_demo_screen(c.name));
        ManualClock base(1677636000000);
        ShiftableClock clock(base);
        MemorySink sink;
        SampleStaffGate gate({});
        KioskFlow flow(form, config.kiosk, validator, clock, sink, gate);
        open_demo_screen(c.name, flow, sink, clock);
        CHECK(flow.screen() == c.screen);
        if (std::string(c.name) == "countdown") {
            CHECK(flow.countdown_seconds_left().has_value());
        }
        if (std::string(c.name) == "staff_pin") {
            CHECK(flow.pin_official().has_value());
            CHECK(flow.pin_length() == 3);
        }
        if (std::string(c.name) == "staff_menu") {
            CHECK(flow.staff_member()->role == StaffRole::admin);
            CHECK(flow.desk_official().has_value());
        }
        if (std::string(c.name) == "code_refused") {
            CHECK(flow.code_problem() != DossierCodeProblem::none);
        }
    }
}

TEST_CASE("the corrections demo screens read their database and write nothing to it",
          "[app][demo]") {
    TempDir dir;
    Config config = load_config_file(assets_dir() / "config" / "demo.toml");
    Form form = load_form_file(config.form_profile);
    DossierCodeValidator validator(config.dossier_code);
    ManualClock base(1677636000000);
    ShiftableClock clock(base);
    std::filesystem::path database = dir.path / "demo.db";
    std::string rating_id;
    {
        Store store(database);
        Rating rating;
        rating.id = make_uuid_v4();
        rating.dossier_code = "000.00.24.H18-230301-0042";
        rating.form_id = form.id;
        rating.form_version = form.version;
        rating.created_utc = base.now_utc();
        rating.utc_offset_minutes = 420;
        rating.local_date = "2023-03-01";
        rating.kiosk_id = config.kiosk.kiosk_id;
        rating.unit_code = config.kiosk.unit_code;
        std::vector<Choice> choices;
        for (const Question* question : form.questions_for(Stage::intake)) {
            choices.push_back({question->id, question->options[0].id, {}});
        }
        fill_answers(form, Stage::intake, choices, rating);
        rating_id = store.save_rating(rating).id;
    }
    StoreConnection connection(database, clock, ignore_log);
    StaffRecordsSetup setup{dir.path / "exports", dir.path / "media", Language::vi, true};
    StoreStaffRecords records(connection, clock, setup, ignore_log);
    struct Case {
        const char* name;
        Screen screen;
        int tab;
    };
    for (Case c : {Case{"staff_tally_answers", Screen::staff_tally, 1},
                   Case{"staff_tally_officials", Screen::staff_tally, 2},
                   Case{"staff_paper", Screen::staff_paper, 0},
                   Case{"staff_paper_question", Screen::staff_paper, 0},
                   Case{"staff_paper_review", Screen::staff_paper, 0},
                   Case{"staff_paper_date", Screen::staff_paper, 0},
                   Case{"staff_void", Screen::staff_void, 0},
                   Case{"staff_void_reason", Screen::staff_void, 0},
                   Case{"staff_audit", Screen::staff_audit, 0}}) {
        INFO(c.name);
        REQUIRE(is_demo_screen(c.name));
        CHECK(demo_screen_tab(c.name) == c.tab);
        MemorySink sink;
        SampleStaffGate gate({});
        KioskFlow flow(form, config.kiosk, validator, clock, sink, gate);
        flow.set_staff_records(&records);
        open_demo_screen(c.name, flow, sink, clock);
        CHECK(flow.screen() == c.screen);
        if (std::string(c.name) == "staff_paper_review") {
            CHECK(flow.paper().step() == PaperStep::review);
            CHECK(flow.paper().official().has_value());
        }
        if (std::string(c.name) == "staff_paper_date") {
            CHECK(flow.paper().step() == PaperStep::date);
            CHECK(flow.paper().days_back() == 3);
        }
        if (std::string(c.name) == "staff_paper_question") {
            CHECK(flow.paper().step() == PaperStep::question);
        }
        if (std::string(c.name) == "staff_void_reason") {
            REQUIRE(flow.voids().chosen().has_value());
            CHECK(flow.voids().chosen()->id == rating_id);
            CHECK(flow.voids().reason() == "Phiếu nhập nhầm mã hồ sơ");
            flow.voids().ask_confirmation();
            flow.voids().confirm_void();  // a demo never writes
            CHECK(flow.voids().message() == VoidMessage::failed);
        }
    }
    Store store(database);
    CHECK_FALSE(store.find_void(rating_id).has_value());
    CHECK(store.list_audit(0, INT64_MAX).empty());

    MemorySink sink;
    SampleStaffGate gate({});
    KioskFlow flow(form, config.kiosk, validator, clock, sink, gate);  // no records: no screen
    CHECK_THROWS_AS(open_demo_screen("staff_audit", flow, sink, clock), std::invalid_argument);
}
