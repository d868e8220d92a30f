#include "staff_reports_fixture.hpp"

#include <random>

#include "core/config.hpp"

namespace motcua::kiosk::testing {

namespace {

std::filesystem::path fresh_folder() {
    std::random_device random;
    std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("motcua-staff-reports-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path);
    return path;
}

void ignore_log(std::string_view) {}

app::ReportSourceSetup setup_in(const std::filesystem::path& folder) {
    app::ReportSourceSetup setup;
    setup.default_folder = folder / "exports";
    setup.media_root = folder / "media";
    return setup;
}

}  // namespace

ReportsBackend::ReportsBackend(const Form& form, const Clock& clock)
    : folder(fresh_folder()),
      database(folder / "kiosk.db"),
      profile(load_scoring_file(default_config(database).scoring_profile)),
      connection(database, clock, ignore_log),
      source(connection, form, profile, clock, setup_in(folder), ignore_log),
      reports(source, clock) {}

ReportsBackend::~ReportsBackend() {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
}

}  // namespace motcua::kiosk::testing
