#include "reporting/text_table.hpp"

#include <algorithm>
#include <stdexcept>

namespace motcua {

namespace {

bool is_combining_mark(char32_t code_point) {
    return (code_point >= 0x0300 && code_point <= 0x036F) ||
           (code_point >= 0x1AB0 && code_point <= 0x1AFF) ||
           (code_point >= 0x1DC0 && code_point <= 0x1DFF) ||
           (code_point >= 0x20D0 && code_point <= 0x20FF) ||
           (code_point >= 0xFE20 && code_point <= 0xFE2F);
}

// Decodes leniently: a byte that does not start a well-formed sequence counts as one character.
std::size_t decode_at(std::string_view text, std::size_t i, char32_t& code_point) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (byte >= 0xF0) {
        length = 4;
        code_point = byte & 0x07;
    } else if (byte >= 0xE0) {
        length = 3;
        code_point = byte & 0x0F;
    } else if (byte >= 0xC0) {
        length = 2;
        code_point = byte & 0x1F;
    } else {
        code_point = byte;
        return 1;
    }
    if (i + length > text.size()) {
        code_point = byte;
        return 1;
    }
    for (std::size_t k = 1; k < length; ++k) {
        auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
            code_point = byte;
            return 1;
        }
        code_point = (code_point << 6) | (next & 0x3F);
    }
    return length;
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t code_point = 0;
        i += decode_at(text, i, code_point);
        if (!is_combining_mark(code_point)) {
            ++width;
        }
    }
    return width;
}

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> align)
    : headers_(std::move(headers)), align_(std::move(align)) {
    align_.resize(headers_.size(), Align::left);
}

void TextTable::add_row(std::vector<std::string> cells) {
    if (cells.size() > headers_.size()) {
        throw std::invalid_argument("TextTable: row has more cells than the header");
    }
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
    std::vector<std::size_t> widths(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) {
        widths[c] = display_width(headers_[c]);
        for (const auto& row : rows_) {
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    }

    auto render_line = [&](const std::vector<std::string>& cells) {
        std::string line;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            std::string padding(widths[c] - display_width(cells[c]), ' ');
            if (c > 0) {
                line += "  ";
            }
            if (align_[c] == Align::right) {
                line += padding + cells[c];
            } else {
                line += cells[c] + padding;
            }
        }
        line.erase(line.find_last_not_of(' ') + 1);
        return line + "\n";
    };

    std::string out = render_line(headers_);
    std::size_t rule_width = 0;
    for (std::size_t c = 0; c < widths.size(); ++c) {
        rule_width += widths[c] + (c > 0 ? 2 : 0);
    }
    out += std::string(rule_width, '-') + "\n";
    for (const auto& row : rows_) {
        out += render_line(row);
    }
    return out;
}

}  // namespace motcua
