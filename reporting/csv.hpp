#pragma once
// CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted
// when it holds a comma, a double quote, CR or LF, and quotes inside doubled. Text is UTF-8 as
// given (no byte-order mark).

#include <string>
#include <string_view>
#include <vector>

namespace motcua {

// One field, quoted when it has to be.
std::string csv_field(std::string_view value);
// One record with its CRLF.
std::string csv_record(const std::vector<std::string>& fields);

}  // namespace motcua
