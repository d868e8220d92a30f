#include "reporting/xlsx_export.hpp"

#include <xlsxwriter.h>

#include "reporting/score_json.hpp"

namespace motcua {

namespace {

// Texts of the sheet, in both languages.
const LocalizedText kTitle{"KẾT QUẢ ĐÁNH GIÁ SỰ HÀI LÒNG VỀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                           "CITIZEN SATISFACTION WITH THE HANDLING OF DOSSIERS"};
const LocalizedText kNumber{"STT", "No."};
const LocalizedText kName{"TÊN CƠ QUAN, ĐƠN VỊ / CÁN BỘ", "UNIT / OFFICIAL"};
const LocalizedText kCriterion{"Tiêu chí ", "Criterion "};
const LocalizedText kTotal{"TỔNG ĐIỂM", "TOTAL"};
const LocalizedText kOfficialScore{"ĐTB CCVC", "OFFICIAL SCORE"};
const LocalizedText kBand{"XẾP LOẠI", "BAND"};
const LocalizedText kRatings{"SỐ PHIẾU", "RATINGS"};
const LocalizedText kCounts{"Số lượt đánh giá sau mỗi điểm", "Ratings behind each figure"};
const LocalizedText kProjected{" (ước tính)", " (projected)"};
const LocalizedText kUnitPart{"I. Toàn đơn vị", "I. The unit"};
const LocalizedText kOfficialPart{"II. Theo cán bộ", "II. By official"};
const LocalizedText kMissingLegend{"—: không có số liệu (không tính là 0).",
                                   "—: no data (never counted as 0)."};
const LocalizedText kAgencyLegend{"Chữ nghiêng: điểm do cơ quan nhập.",
                                  "Italics: figure entered by the agency."};
const LocalizedText kProjectedLegend{
    "(ước tính): xếp loại theo tổng điểm các tiêu chí có số liệu, quy về thang điểm đầy đủ; "
    "không phải xếp loại chính thức (cần đủ các tiêu chí).",
    "(projected): band of the total of the criteria with data, scaled to the full range; not "
    "the official band (which needs every criterion)."};
const char* kMissing = "—";

std::string display_date(const std::string& iso) {
    return iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4)
                            : iso;
}

// The workbook, closed (and so written) exactly once.
class Workbook {
  public:
    explicit Workbook(const std::filesystem::path& path)
        : path_(path), book_(workbook_new(path.c_str())) {
        if (book_ == nullptr) {
            throw XlsxError("cannot create the workbook " + path.string());
        }
    }
    ~Workbook() {
        if (book_ != nullptr) {
            workbook_close(book_);
        }
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    lxw_workbook* get() { return book_; }

    void close() {
        lxw_error error = workbook_close(book_);
        book_ = nullptr;
        if (error != LXW_NO_ERROR) {
            throw XlsxError("cannot write " + path_.string() + ": " + lxw_strerror(error));
        }
    }

  private:
    std::filesystem::path path_;
    lxw_workbook* book_;
};

struct Formats {
    lxw_format* title;
    lxw_format* header;
    lxw_format* part;
    lxw_format* text;
    lxw_format* figure;
    lxw_format* agency;
    lxw_format* count;
    lxw_format* missing;
    lxw_format* note;  // title lines and legend: wrapped across the table's width
};

Formats make_formats(lxw_workbook* book) {
    auto bordered = [book]() {
        lxw_format* format = workbook_add_format(book);
        format_set_border(format, LXW_BORDER_THIN);
        format_set_font_name(format, "Noto Sans");
        return format;
    };
    Formats formats{};
    formats.title = workbook_add_format(book);
    format_set_bold(formats.title);
    format_set_font_size(formats.title, 13);
    format_set_font_name(formats.title, "Noto Sans");
    formats.header = bordered();
    format_set_bold(formats.header);
    format_set_text_wrap(formats.header);
    format_set_align(formats.header, LXW_ALIGN_CENTER);
    format_set_align(formats.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(formats.header, 0xDDE3EC);
    formats.part = bordered();
    format_set_bold(formats.part);
    formats.text = bordered();
    format_set_text_wrap(formats.text);
    formats.figure = bordered();
    format_set_num_format(formats.figure, "0.00");
    formats.agency = bordered();
    format_set_num_format(formats.agency, "0.00");
    format_set_italic(formats.agency);
    formats.count = bordered();
    format_set_num_format(formats.count, "0");
    formats.missing = bordered();
    format_set_align(formats.missing, LXW_ALIGN_CENTER);
    formats.note = workbook_add_format(book);
    format_set_font_name(formats.note, "Noto Sans");
    format_set_text_wrap(formats.note);
    format_set_align(formats.note, LXW_ALIGN_VERTICAL_TOP);
    return formats;
}

class SheetWriter {
  public:
    SheetWriter(lxw_worksheet* sheet, const Formats& formats, const ScoringProfile& profile,
                Language language)
        : sheet_(sheet), formats_(formats), profile_(profile), language_(language) {}

    lxw_col_t columns() const { return static_cast<lxw_col_t>(profile_.indicators.size() + 6); }

    void text(lxw_row_t row, lxw_col_t column, const std::string& value, lxw_format* format) {
        worksheet_write_string(sheet_, row, column, value.c_str(), format);
    }
    void number(lxw_row_t row, lxw_col_t column, double value, lxw_format* format) {
        worksheet_write_number(sheet_, row, column, value, format);
    }
    void heading(lxw_row_t row, const std::string& value, lxw_format* format) {
        worksheet_merge_range(sheet_, row, 0, row, columns() - 1, value.c_str(), format);
    }
    // A line across the whole table, tall enough for `lines` lines (and for the marks above
    // Vietnamese capitals, which a default row height cuts off).
    void note(lxw_row_t row, const std::string& value, lxw_format* format, int lines = 1) {
        worksheet_set_row(sheet_, row, 18.0 * lines + 4, nullptr);
        heading(row, value, format);
    }

    void header_row(lxw_row_t row) {
        worksheet_set_row(sheet_, row, 32, nullptr);
        text(row, 0, kNumber.in(language_), formats_.header);
        text(row, 1, kName.in(language_), formats_.header);
        lxw_col_t column = 2;
        for (std::size_t i = 0; i < profile_.indicators.size(); ++i) {
            text(row, column++, kCriterion.in(language_) + std::to_string(i + 1), formats_.header);
        }
        text(row, column++, kTotal.in(language_), formats_.header);
        text(row, column++, kOfficialScore.in(language_), formats_.header);
        text(row, column++, kBand.in(language_), formats_.header);
        text(row, column, kRatings.in(language_), formats_.header);
    }

    void figures_row(lxw_row_t row, int position, const ReportRow& report_row) {
        const ScoreRow& scores = report_row.scores;
        number(row, 0, position, formats_.count);
        text(row, 1, report_row.name.in(language_), formats_.text);
        lxw_col_t column = 2;
        for (const IndicatorFigure& figure : scores.figures) {
            if (!figure.value) {
                text(row, column++, kMissing, formats_.missing);
            } else {
                number(row, column++, *figure.value,
                       figure.agency_entered ? formats_.agency : formats_.figure);
            }
        }
        number(row, column++, scores.total, formats_.figure);
        if (report_row.official_score) {
            number(row, column++, *report_row.official_score, formats_.figure);
        } else {
            text(row, column++, kMissing, formats_.missing);
        }
        if (scores.band) {
            text(row, column++, band_text(*scores.band, profile_).in(language_), formats_.text);
        } else if (scores.projected_band) {
            text(row, column++,
                 band_text(*scores.projected_band, profile_).in(language_) +
                     kProjected.in(language_),
                 formats_.text);
        } else {
            text(row, column++, kMissing, formats_.missing);
        }
        number(row, column, static_cast<double>(scores.ratings), formats_.count);
    }

    void counts_row(lxw_row_t row, int position, const ReportRow& report_row) {
        number(row, 0, position, formats_.count);
        text(row, 1, report_row.name.in(language_), formats_.text);
        lxw_col_t column = 2;
        for (const IndicatorFigure& figure : report_row.scores.figures) {
            number(row, column++, static_cast<double>(figure.count), formats_.count);
        }
        number(row, columns() - 1, static_cast<double>(report_row.scores.ratings), formats_.count);
    }

  private:
    lxw_worksheet* sheet_;
    const Formats& formats_;
    const ScoringProfile& profile_;
    Language language_;
};

}  // namespace

std::vector<XlsxPart> single_part(const PeriodReport& report) {
    return {{report.grouping == ReportGrouping::unit ? kUnitPart : kOfficialPart, &report}};
}

void write_period_report_xlsx(const std::filesystem::path& path, const std::vector<XlsxPart>& parts,
                              Language language) {
    if (parts.empty() || parts.front().report == nullptr) {
        throw XlsxError("nothing to write into " + path.string());
    }
    const PeriodReport& first = *parts.front().report;
    Workbook book(path);
    Formats formats = make_formats(book.get());
    lxw_worksheet* sheet =
        workbook_add_worksheet(book.get(), language == Language::vi ? "Bao cao" : "Report");
    SheetWriter writer(sheet, formats, first.profile, language);
    worksheet_set_column(sheet, 0, 0, 5, nullptr);
    worksheet_set_column(sheet, 1, 1, 34, nullptr);
    // Ranges must not overlap: criteria, total and official score; band; ratings.
    lxw_col_t band = writer.columns() - 2;
    worksheet_set_column(sheet, 2, band - 1, 10, nullptr);
    worksheet_set_column(sheet, band, band, 20, nullptr);
    worksheet_set_column(sheet, band + 1, band + 1, 10, nullptr);

    // Printed on A4 landscape, one page wide.
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9);
    worksheet_fit_to_pages(sheet, 1, 0);

    lxw_row_t row = 0;
    std::string counted = language == Language::vi ? "Số lượt đánh giá: " : "Ratings: ";
    std::string voided =
        language == Language::vi ? " (đã hủy, không tính: " : " (voided, not counted: ";
    writer.note(row++, kTitle.in(language), formats.title);
    writer.note(row++,
                first.unit_name.in(language) + " (" + first.unit_code + ") — " +
                    display_date(first.from_date) + " – " + display_date(first.to_date),
                formats.note);
    writer.note(
        row++,
        counted + std::to_string(first.ratings) + voided + std::to_string(first.voided) + ")",
        formats.note);
    ++row;

    writer.header_row(row++);
    int number = 1;
    for (const XlsxPart& part : parts) {
        writer.heading(row++, part.heading.in(language), formats.part);
        for (const ReportRow& report_row : part.report->rows) {
            writer.figures_row(row++, number++, report_row);
        }
    }
    ++row;
    writer.note(row++, kCounts.in(language), formats.title);
    writer.header_row(row++);
    number = 1;
    for (const XlsxPart& part : parts) {
        writer.heading(row++, part.heading.in(language), formats.part);
        for (const ReportRow& report_row : part.report->rows) {
            writer.counts_row(row++, number++, report_row);
        }
    }
    ++row;
    for (std::size_t i = 0; i < first.profile.indicators.size(); ++i) {
        const IndicatorDef& indicator = first.profile.indicators[i];
        writer.note(row++,
                    kCriterion.in(language) + std::to_string(i + 1) + " (" + indicator.id +
                        "): " + indicator.name.in(language),
                    formats.note);
    }
    writer.note(row++, kMissingLegend.in(language), formats.note);
    writer.note(row++, kAgencyLegend.in(language), formats.note);
    writer.note(row++, kProjectedLegend.in(language), formats.note, 2);
    book.close();
}

}  // namespace motcua
