// motcua-kiosk: the citizen's touch kiosk. Wires the configuration, the store, the flow and
// the window together and runs the event loop. See docs/kiosk.md.

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <future>
#include <iostream>

#include "core/config.hpp"
#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "core/log_redact.hpp"
#include "kiosk/app/demo_screens.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/kiosk_sync.hpp"
#include "kiosk/app/kiosk_window.hpp"
#include "kiosk/app/options.hpp"
#include "kiosk/app/report_source.hpp"
#include "kiosk/app/run_queue.hpp"
#include "kiosk/app/signal_watcher.hpp"
#include "kiosk/app/staff_records_store.hpp"
#include "kiosk/app/startup_steps.hpp"
#include "kiosk/app/store_ports.hpp"
#include "kiosk/flow/kiosk_flow.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/strings.hpp"

#include <GLFW/glfw3.h>

using namespace motcua;
using namespace motcua::kiosk;

namespace {

// One key=value line per event on stderr (the journal under systemd), with the local time;
// tokens, PINs and dossier codes are masked (core/log_redact.hpp).
void log_line(std::string_view message) {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", &local);
    std::fprintf(stderr, "%s\n",
                 log_fields({{"ts", stamp}, {"app", "motcua-kiosk"}, {"msg", std::string(message)}})
                     .c_str());
}

std::filesystem::path executable_dir() {
    std::error_code error;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path(".") : exe.parent_path();
}

Config load_configuration(const app::Options& options) {
    Config config = options.config.empty()
                        ? default_config(options.database.empty() ? "motcua.db" : options.database)
                        : load_config_file(options.config);
    if (!options.database.empty()) {
        config.database = options.database;
    }
    if (options.language) {
        config.kiosk.language = *options.language;
    }
    return config;
}

// Every text a screen may show, so the font atlas has each glyph.
std::vector<std::string> screen_texts(const Form& form, const Config& config,
                                      const ui::Strings& strings) {
    std::vector<std::string> texts;
    auto add = [&texts](const LocalizedText& text) {
        texts.push_back(text.vi);
        texts.push_back(text.en);
    };
    for (std::string_view text : strings.all()) {
        texts.emplace_back(text);
    }
    add(form.title);
    add(config.kiosk.unit_name);
    for (Stage stage : kAllStages) {
        add(stage_label(stage));
    }
    for (const Question& question : form.questions) {
        add(question.text);
        for (const AnswerOption& option : question.options) {
            add(option.label);
        }
        if (question.follow_up) {
            add(question.follow_up->prompt);
            for (const AnswerOption& choice : question.follow_up->choices) {
                add(choice.label);
            }
        }
    }
    return texts;
}

// The size the window will open at: --windowed's, else the primary monitor's current mode
// (KioskWindow opens fullscreen in it). Initialises GLFW to read the mode; KioskWindow's own
// glfwInit() is then a no-op. nullopt without a display: the window says why when it fails.
std::optional<app::WindowSize> expected_window_size(const app::Options& options) {
    if (options.windowed) {
        return options.windowed;
    }
    if (!glfwInit()) {
        return std::nullopt;
    }
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) {
        return std::nullopt;
    }
    return app::WindowSize{mode->width, mode->height};
}

int run(const app::Options& options) {
    app::StartupSteps startup(log_line);
    Config config = load_configuration(options);
    Form form = load_form_file(config.form_profile);
    DossierCodeValidator validator(config.dossier_code);
    ui::Strings strings = ui::Strings::load(assets_dir() / "i18n");
    std::optional<ui::FontFiles> fonts = ui::find_font_files(executable_dir());
    if (!fonts) {
        throw std::runtime_error(
            "no Noto Sans (or DejaVu Sans) font found: install fonts-noto-core or set "
            "MOTCUA_FONT_DIR");
    }
    // The glyphs are rasterised on a thread of their own (pure CPU, no OpenGL) while the
    // database opens and the window loads Mesa and LLVM; KioskApp waits for the atlas before
    // it makes ImGui's context, so no ImGui context exists while the thread runs.
    std::vector<std::string> texts = screen_texts(form, config, strings);
    std::future<std::unique_ptr<ui::BuiltFonts>> built_fonts;
    if (std::optional<app::WindowSize> size = expected_window_size(options)) {
        float em =
            ui::em_for_display(static_cast<float>(size->width), static_cast<float>(size->height));
        built_fonts = std::async(std::launch::async, [files = *fonts, em, texts] {
            return ui::build_fonts(files, em, texts);
        });
    }

    SystemClock system_clock;
    app::ShiftableClock clock(system_clock);
    bool demo = !options.demo_screen.empty();
    app::StoreConnection connection(config.database, clock, log_line);
    app::StoreRatingSink store_sink(connection, log_line);
    app::StoreStaffGate store_gate(connection, clock, log_line);
    // A demo shows the staff of an existing database (e.g. one filled by `motcua demo-data`)
    // and its figures, but never creates one.
    bool demo_database = demo && std::filesystem::exists(config.database);
    app::MemorySink demo_sink;
    app::SampleStaffGate demo_gate(demo_database ? store_gate.active_staff()
                                                 : std::vector<StaffMember>{});
    RatingSink& sink = demo ? static_cast<RatingSink&>(demo_sink) : store_sink;
    StaffGate& gate = demo ? static_cast<StaffGate&>(demo_gate) : store_gate;
    startup.done("libraries, configuration, form and texts");
    if (!demo) {
        connection.get();  // open now, so a bad database shows in the log at start
        startup.done("database open");
    }

    KioskFlow flow(form, config.kiosk, validator, clock, sink, gate);
    flow.set_logger(log_line);

    ScoringProfile scoring = load_scoring_file(config.scoring_profile);
    app::ReportSourceSetup report_setup{config.kiosk, app::default_export_folder(config.database)};
    app::StoreReportSource report_source(connection, form, scoring, clock, report_setup, log_line);
    StaffReports reports(report_source, clock);
    // A demo reads the corrections and audit screens' data from its database too, but writes
    // nothing (and without a database those screens do not open).
    app::StaffRecordsSetup records_setup{app::default_export_folder(config.database), "/media",
                                         config.kiosk.language, demo};
    app::StoreStaffRecords staff_records(connection, clock, records_setup, log_line);
    if (!demo || demo_database) {
        flow.set_staff_records(&staff_records);
    }

    app::KioskWindow window(options.windowed, options.renderer, options.allow_close, log_line);
    startup.done(options.renderer == app::Renderer::opengl ? "window and OpenGL context"
                                                           : "window");
    app::RunQueue queue([] { glfwPostEmptyEvent(); });
    std::optional<app::KioskSync> sync;
    app::AppSetup setup;
    if (demo) {
        app::show_demo_sync_status(config, flow, demo_database ? connection.get() : nullptr);
        app::open_demo_screen(options.demo_screen, flow, demo_sink, clock);
        setup.ui_state.last_screen = flow.screen();
        setup.ui_state.staff_reports_page = app::demo_screen_tab(options.demo_screen);
    } else {
        sync.emplace(config, system_clock, flow, queue, connection, log_line);
    }
    setup.fonts = *fonts;
    setup.texts = std::move(texts);
    setup.built_fonts = std::move(built_fonts);
    setup.screenshot = options.screenshot;
    setup.screenshot_after_frames = options.screenshot_after_frames;
    setup.frame_stats = options.frame_stats;
    setup.startup = &startup;
    setup.when_idle = [&connection] { connection.checkpoint_if_due(); };
    app::KioskApp kiosk(window, flow, strings, clock, queue, reports, std::move(setup), log_line);
    startup.done("sync thread, ImGui and font atlas");
    app::SignalWatcher signals(queue, [&kiosk](int signal_number) {
        log_line("signal " + std::to_string(signal_number) + ": stopping");
        kiosk.stop();
    });
    log_line("ready: kiosk " + config.kiosk.kiosk_id + ", form " + form.id + " v" +
             std::to_string(form.version) + ", database " + config.database.string() +
             (demo ? " (demo screen " + options.demo_screen + ", nothing is saved)" : ""));
    int code = kiosk.run();
    if (flow.unsaved_count() > 0) {
        log_line("STAFF ALERT: exiting with " + std::to_string(flow.unsaved_count()) +
                 " unsaved rating(s)");
    }
    log_line("stopped");
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    int exit_code = 0;
    std::optional<app::Options> options = app::parse_options(argc, argv, exit_code);
    if (!options) {
        return exit_code;
    }
    app::SignalWatcher::block_signals();
    try {
        return run(*options);
    } catch (const std::exception& error) {
        log_line(std::string("cannot start: ") + error.what());
        return 1;
    }
}
