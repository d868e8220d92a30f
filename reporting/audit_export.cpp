#include "reporting/audit_export.hpp"

#include <cstdio>

#include "reporting/csv.hpp"

namespace motcua {

namespace {

struct ActionText {
    std::string_view action;
    std::string_view vi;
    std::string_view en;
};

constexpr ActionText kActions[] = {
    {"signin_ok", "Đăng nhập chế độ nhân viên", "Staff sign-in"},
    {"signin_failed", "Đăng nhập không thành công", "Failed staff sign-in"},
    {"signout", "Rời chế độ nhân viên", "Left staff mode"},
    {"desk_signin", "Nhận quầy", "Signed in at the desk"},
    {"desk_signout", "Rời quầy", "Signed out from the desk"},
    {"void", "Hủy phiếu đánh giá", "Rating voided"},
    {"paper_entry", "Nhập phiếu giấy", "Paper form entered"},
    {"export", "Xuất dữ liệu", "Export"},
    {"exit", "Thoát ứng dụng", "App exited"},
    {"officer_add", "Thêm cán bộ", "Official added"},
    {"officer_disable", "Ngừng tài khoản cán bộ", "Official disabled"},
    {"clock_back", "Đồng hồ máy bị lùi", "The clock went back"},
};

}  // namespace

std::string audit_action_text(std::string_view action, Language language) {
    for (const ActionText& known : kActions) {
        if (known.action == action) {
            return std::string(language == Language::en ? known.en : known.vi);
        }
    }
    return std::string(action);
}

std::string audit_local_time(const Clock& clock, UtcMillis when) {
    int offset = clock.utc_offset_minutes(when);
    std::string date = local_date(when, offset);
    std::int64_t local_seconds = when / 1000 + static_cast<std::int64_t>(offset) * 60;
    std::int64_t second_of_day = ((local_seconds % 86400) + 86400) % 86400;
    char time[16];
    std::snprintf(time, sizeof time, "%02d:%02d:%02d", static_cast<int>(second_of_day / 3600),
                  static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
    return date + " " + time;
}

std::string render_audit_csv(const std::vector<AuditEntry>& entries,
                             const std::map<std::string, std::string>& names, const Clock& clock,
                             Language language) {
    std::string text(kUtf8Bom);
    text += csv_record({"time_local", "time_utc", "actor", "actor_name", "action", "action_text",
                        "subject", "detail"});
    for (const AuditEntry& entry : entries) {
        auto name = names.find(entry.actor);
        text +=
            csv_record({audit_local_time(clock, entry.at_utc), format_utc_iso8601(entry.at_utc),
                        entry.actor, name == names.end() ? "" : name->second, entry.action,
                        audit_action_text(entry.action, language), entry.subject, entry.detail});
    }
    return text;
}

std::string audit_export_file_name(const std::string& from_date, const std::string& to_date) {
    return "motcua-audit-" + from_date + "-" + to_date + ".csv";
}

}  // namespace motcua
