#pragma once
// What a log line may say. Kiosk, motcua, motcua-server and the sync worker logs go to the
// journal, which IT reads and copies around: they must never hold a token, a PIN, or more of a
// dossier code than staff need to find the rating (its last four characters).
// Also the key=value shape of the kiosk's structured lines.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motcua {

// "000.00.24.H18-221228-0001" -> "…0001": enough to tell two ratings apart on one day.
std::string mask_dossier_code(std::string_view code);

// The line with every secret and dossier code it contains masked: kiosk tokens ("mct_" + hex)
// and anything after "Bearer " become "[redacted]", a password in a URL ("://user:pass@")
// becomes "://[redacted]@", "pin=..." keeps its key only, and words shaped like a dossier code
// ({unit}-{yyMMdd}-{NNNN}) are shortened by mask_dossier_code. Everything else is unchanged.
std::string redact_log_line(std::string_view line);

// `key=value` pairs separated by spaces; a value with a space, '"' or '=' in it, or an empty
// one, is quoted with '"' and '\' escaped. Values are redacted with redact_log_line.
std::string log_fields(const std::vector<std::pair<std::string_view, std::string>>& fields);

}  // namespace motcua
