#pragma once
// CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted
// when it holds a comma, a double quote, CR or LF, and quotes inside doubled. Text is UTF-8 as
// given; whole documents start with kUtf8Bom so Excel reads them as UTF-8 (Vietnamese intact).

#include <string>
#include <string_view>
#include <vector>

namespace motcua {

// The UTF-8 byte-order mark that starts every CSV document the product writes.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One field, quoted when it has to be.
std::string csv_field(std::string_view value);
// One record with its CRLF.
std::string csv_record(const std::vector<std::string>& fields);

}  // namespace motcua
