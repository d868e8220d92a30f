#pragma once
// A plain-text table for terminals: columns padded to the widest cell, counted in characters
// (UTF-8 code points without combining marks) so Vietnamese text lines up.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace motcua {

enum class Align { left, right };

class TextTable {
  public:
    // One column per header; `align` gives each column's alignment (left when shorter).
    TextTable(std::vector<std::string> headers, std::vector<Align> align = {});

    // Rows shorter than the header are padded with empty cells; longer ones are an error
    // (std::invalid_argument).
    void add_row(std::vector<std::string> cells);

    // Header, a rule of dashes, then the rows; two spaces between columns, no trailing spaces.
    std::string render() const;

  private:
    std::vector<std::string> headers_;
    std::vector<Align> align_;
    std::vector<std::vector<std::string>> rows_;
};

// Characters a terminal shows for `text`: code points, minus combining marks.
std::size_t display_width(std::string_view text);

}  // namespace motcua
