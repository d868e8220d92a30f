#pragma once
// The staff report screens' back end for kiosk tests: the app's StoreReportSource over a real
// Store in a temporary folder (opened on first use), the default scoring profile, and the
// StaffReports the screens read. Used by the headless UI harness and the staff report tests.

#include <filesystem>
#include <string>

#include "core/clock.hpp"
#include "core/form.hpp"
#include "core/scoring.hpp"
#include "kiosk/app/report_source.hpp"
#include "kiosk/app/store_ports.hpp"
#include "kiosk/flow/staff_reports.hpp"

namespace motcua::kiosk::testing {

struct ReportsBackend {
    // `form` and `clock` must outlive this object.
    ReportsBackend(const Form& form, const Clock& clock);
    ~ReportsBackend();
    ReportsBackend(const ReportsBackend&) = delete;
    ReportsBackend& operator=(const ReportsBackend&) = delete;

    std::filesystem::path folder;    // removed with everything in it
    std::filesystem::path database;  // folder/kiosk.db
    ScoringProfile profile;
    app::StoreConnection connection;
    app::StoreReportSource source;
    StaffReports reports;
};

}  // namespace motcua::kiosk::testing
