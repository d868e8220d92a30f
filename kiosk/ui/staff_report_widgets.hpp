#pragma once
// Pieces the three staff report screens share: reading the figures when a screen opens, dates
// and numbers as staff read them, tabs, section headings and the table cells of the figures.

#include <string>
#include <vector>

#include <optional>

#include "core/scoring.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

// On a staff report screen's first frame: StaffReports::refresh_for(the signed-in member).
// False when nobody is signed in (the screen then draws nothing).
bool read_reports_once(Ui& ui);

// The frame of the report screens: reads the reports once, draws the top bar with `title` and
// a back button to `back_to` (the staff menu or another staff screen) on the left of the
// bottom bar. Nullopt when the screen must draw nothing more this frame.
struct ReportPage {
    Box content;
    Box bottom;  // the whole bottom bar; its left end holds the back button
};
std::optional<ReportPage> report_page(Ui& ui, Str title, Screen back_to);

// "14/03/2025" for "2025-03-14".
std::string display_date(const std::string& iso_date);
// "1,50" in Vietnamese, "1.50" in English.
std::string display_number(const Ui& ui, double value, int decimals);
// The band's name in the viewer's language.
std::string display_band(const Ui& ui, const ScoringProfile& profile, const std::string& band_id);

// A row of tabs across `box`; tapping one sets ui.state.staff_reports_page. Targets are named
// "<name>.<index>".
void draw_tabs(Ui& ui, const std::string& name, const Box& box,
               const std::vector<std::string>& labels);

// A bold heading cut off the top of `column`.
void section_heading(Ui& ui, Box& column, const std::string& text);

// The plain-words message when the figures could not be read.
void draw_read_error(Ui& ui, const Box& box);

// The export folders as buttons cut off the top of `column` (the chosen one marked), with the
// hint to plug in a stick when there is none; targets "<name>.<index>". Returns the index
// tapped.
std::optional<std::size_t> draw_export_folders(Ui& ui, Box& column,
                                               const std::vector<ExportFolder>& folders,
                                               std::size_t chosen, const std::string& name);

// What an export came to, in plain words, naming the files and the folder.
std::string export_outcome_text(Ui& ui, const ExportOutcome& outcome, const ExportFolder& folder);

}  // namespace motcua::kiosk::ui
