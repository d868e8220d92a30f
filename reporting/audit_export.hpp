#pragma once
// The audit log as staff read it: each action in plain words (Vietnamese or English), and the
// CSV export of a list of entries (UTF-8 with a byte-order mark, RFC 4180, like every CSV the
// product writes). Columns, in order:
//   time_local  YYYY-MM-DD HH:MM:SS in the clock's local time at the entry
//   time_utc    ISO 8601 UTC
//   actor       official id, "system" or "cli"
//   actor_name  the official's name ("" for others)
//   action      the stored code ("void", "paper_entry", ...)
//   action_text the code in plain words, in `language`
//   subject     rating id, official id, file name, ...
//   detail      free text (a void's reason, a PIN failure's count, ...)

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "storage/store.hpp"

namespace motcua {

// "Rating voided" / "Hủy phiếu đánh giá" for "void"; an unknown action is returned as it is.
std::string audit_action_text(std::string_view action, Language language);

// "YYYY-MM-DD HH:MM:SS" of `when` at the clock's offset then.
std::string audit_local_time(const Clock& clock, UtcMillis when);

// The whole CSV document; `names` maps official ids to names.
std::string render_audit_csv(const std::vector<AuditEntry>& entries,
                             const std::map<std::string, std::string>& names, const Clock& clock,
                             Language language);

// "motcua-audit-FROM-TO.csv".
std::string audit_export_file_name(const std::string& from_date, const std::string& to_date);

}  // namespace motcua
