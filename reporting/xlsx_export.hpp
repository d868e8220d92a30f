#pragma once
// The period report as an Excel workbook (libxlsxwriter), in the layout of the province's
// appendix table: one sheet with a title, then for each part (the unit; the officials) a header
// row "STT, name, criteria 1..9, total, official score, band" and one row per report row, then
// the same grid with the number of ratings behind each figure, then a legend. Figures are
// numbers with two decimals shown (the cell keeps the unrounded mean); missing figures are
// "—", never 0; agency-entered ones are in italics and listed in the legend; a projected band
// (docs/scoring.md, "Partial rows") is written "Tốt (ước tính)" / "Good (projected)".
// Written by `motcua report --format xlsx --out FILE` and the kiosk's export screen.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "reporting/period_report.hpp"

namespace motcua {

// One part of the workbook's table: a heading ("I. Toàn đơn vị") and its report's rows.
struct XlsxPart {
    LocalizedText heading;
    const PeriodReport* report = nullptr;
};

class XlsxError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The parts for `report` alone (its grouping names the heading).
std::vector<XlsxPart> single_part(const PeriodReport& report);

// Writes the workbook to `path` (replacing it), texts in `language`. The parts must share one
// period and one scoring profile. Throws XlsxError with libxlsxwriter's reason when the file
// cannot be written.
void write_period_report_xlsx(const std::filesystem::path& path, const std::vector<XlsxPart>& parts,
                              Language language);

}  // namespace motcua
