// Small durable key-value state (sync status, lockout counters...).

#include "core/text.hpp"
#include "storage/store_impl.hpp"

namespace motcua {

namespace {

constexpr std::size_t kMaxKeyBytes = 200;
constexpr std::size_t kMaxValueBytes = 1 << 20;

}  // namespace

std::optional<std::string> Store::get_state(const std::string& key) {
    sqlite::Statement get(impl_->db, "SELECT value FROM state WHERE key = ?1", "reading state");
    if (!get.bind(1, key).step()) {
        return std::nullopt;
    }
    return get.text(0);
}

void Store::set_state(const std::string& key, const std::string& value) {
    sqlite::Connection& db = impl_->db;
    const std::string doing = "writing state '" + key + "'";
    storage_detail::checked_text(db, doing, "the key", key, true, kMaxKeyBytes);
    if (!is_valid_utf8(value) || value.size() > kMaxValueBytes) {
        db.fail(StoreErrorKind::invalid, doing, "the value must be UTF-8 text of at most 1 MiB");
    }
    sqlite::Transaction transaction(db, doing);
    sqlite::Statement(db,
                      "INSERT INTO state (key, value) VALUES (?1, ?2) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      doing)
        .bind(1, key)
        .bind(2, value)
        .run();
    transaction.commit();
}

}  // namespace motcua
