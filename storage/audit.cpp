// The audit log: append-only (triggers refuse UPDATE and DELETE on the table).

#include "storage/store_impl.hpp"

namespace motcua {

namespace {

constexpr std::size_t kMaxFieldBytes = 2000;

}  // namespace

void storage_detail::insert_audit(sqlite::Connection& db, const AuditEntry& entry) {
    const std::string doing = "writing the audit log";
    const std::string actor =
        checked_text(db, doing, "the actor", entry.actor, true, kMaxFieldBytes);
    const std::string action =
        checked_text(db, doing, "the action", entry.action, true, kMaxFieldBytes);
    const std::string subject =
        checked_text(db, doing, "the subject", entry.subject, false, kMaxFieldBytes);
    const std::string detail =
        checked_text(db, doing, "the detail", entry.detail, false, kMaxFieldBytes);
    sqlite::Statement(db,
                      "INSERT INTO audit (at_utc, actor, action, subject, detail) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
                      doing)
        .bind(1, entry.at_utc)
        .bind(2, actor)
        .bind(3, action)
        .bind(4, subject)
        .bind(5, detail)
        .run();
}

void Store::append_audit(const AuditEntry& entry) {
    sqlite::Transaction transaction(impl_->db, "writing the audit log");
    storage_detail::insert_audit(impl_->db, entry);
    transaction.commit();
}

std::vector<AuditEntry> Store::list_audit(UtcMillis from, UtcMillis to, std::int64_t limit) {
    constexpr std::string_view kDoing = "reading the audit log";
    storage_detail::check_limit(impl_->db, limit, kDoing);
    sqlite::Statement list(impl_->db,
                           "SELECT seq, at_utc, actor, action, subject, detail FROM audit "
                           "WHERE at_utc >= ?1 AND at_utc < ?2 "
                           "ORDER BY at_utc DESC, seq DESC LIMIT ?3",
                           kDoing);
    list.bind(1, from).bind(2, to).bind(3, limit);
    std::vector<AuditEntry> entries;
    while (list.step()) {
        entries.push_back(AuditEntry{list.int64(0), list.int64(1), list.text(2), list.text(3),
                                     list.text(4), list.text(5)});
    }
    return entries;
}

}  // namespace motcua
