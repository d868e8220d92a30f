// Officials and their PINs. A PIN is hashed (Argon2id, storage/pin_hash.hpp) before the write
// transaction starts, so the slow hash never holds the database lock.

#include <algorithm>

#include "storage/pin_hash.hpp"
#include "storage/store_impl.hpp"

namespace motcua {

namespace {

constexpr std::size_t kMaxIdBytes = 64;
constexpr std::size_t kMaxNameBytes = 200;

void check_official_id(const sqlite::Connection& db, std::string_view doing,
                       const std::string& id) {
    const bool allowed = std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
    if (id.empty() || id.size() > kMaxIdBytes || !allowed) {
        db.fail(StoreErrorKind::invalid, doing,
                "an official id is 1 to 64 letters, digits, '.', '_' or '-' (got '" + id + "')");
    }
}

std::string checked_pin_hash(const sqlite::Connection& db, std::string_view doing,
                             const std::string& pin) {
    if (!is_valid_pin(pin)) {
        db.fail(StoreErrorKind::invalid, doing, "a PIN is 4 to 12 digits");
    }
    try {
        return hash_pin(pin);
    } catch (const std::runtime_error& error) {
        db.fail(StoreErrorKind::io_error, doing, error.what());
    }
}

Official official_from_row(const sqlite::Connection& db, const sqlite::Statement& row) {
    Official official;
    official.id = row.text(0);
    official.name = row.text(1);
    const std::string role = row.text(2);
    if (!parse_role(role, official.role)) {
        db.fail(StoreErrorKind::corrupt, "reading officials",
                "official '" + official.id + "' has the unknown role '" + role + "'");
    }
    official.active = row.int64(3) != 0;
    return official;
}

constexpr std::string_view kOfficialColumns =
    "SELECT id, name, role, active, pin_hash FROM officials ";

}  // namespace

void Store::add_official(const Official& official, const std::string& pin) {
    sqlite::Connection& db = impl_->db;
    const std::string doing = "adding official '" + official.id + "'";
    check_official_id(db, doing, official.id);
    const std::string name =
        storage_detail::checked_text(db, doing, "the name", official.name, true, kMaxNameBytes);
    const std::string hash = checked_pin_hash(db, doing, pin);

    sqlite::Transaction transaction(db, doing);
    sqlite::Statement existing(db, "SELECT 1 FROM officials WHERE id = ?1", doing);
    if (existing.bind(1, official.id).step()) {
        existing.reset();
        db.fail(StoreErrorKind::duplicate_id, doing, "an official with this id exists");
    }
    sqlite::Statement(db,
                      "INSERT INTO officials (id, name, role, pin_hash, active) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
                      doing)
        .bind(1, official.id)
        .bind(2, name)
        .bind(3, to_string(official.role))
        .bind(4, hash)
        .bind(5, official.active ? 1 : 0)
        .run();
    transaction.commit();
}

std::vector<Official> Store::list_officials() {
    sqlite::Statement list(impl_->db, std::string(kOfficialColumns) + "ORDER BY id",
                           "listing officials");
    std::vector<Official> officials;
    while (list.step()) {
        officials.push_back(official_from_row(impl_->db, list));
    }
    return officials;
}

std::optional<Official> Store::find_official(const std::string& id) {
    sqlite::Statement find(impl_->db, std::string(kOfficialColumns) + "WHERE id = ?1",
                           "looking up an official");
    if (!find.bind(1, id).step()) {
        return std::nullopt;
    }
    return official_from_row(impl_->db, find);
}

void Store::set_official_active(const std::string& id, bool active) {
    sqlite::Connection& db = impl_->db;
    const std::string doing =
        std::string(active ? "enabling" : "disabling") + " official '" + id + "'";
    sqlite::Transaction transaction(db, doing);
    sqlite::Statement(db, "UPDATE officials SET active = ?2 WHERE id = ?1", doing)
        .bind(1, id)
        .bind(2, active ? 1 : 0)
        .run();
    if (db.changes() == 0) {
        db.fail(StoreErrorKind::not_found, doing, "no official has this id");
    }
    transaction.commit();
}

void Store::set_pin(const std::string& id, const std::string& pin) {
    sqlite::Connection& db = impl_->db;
    const std::string doing = "changing the PIN of official '" + id + "'";
    const std::string hash = checked_pin_hash(db, doing, pin);
    sqlite::Transaction transaction(db, doing);
    sqlite::Statement(db, "UPDATE officials SET pin_hash = ?2 WHERE id = ?1", doing)
        .bind(1, id)
        .bind(2, hash)
        .run();
    if (db.changes() == 0) {
        db.fail(StoreErrorKind::not_found, doing, "no official has this id");
    }
    transaction.commit();
}

std::optional<Official> Store::check_pin(const std::string& id, const std::string& pin) {
    sqlite::Statement find(impl_->db, std::string(kOfficialColumns) + "WHERE id = ?1",
                           "checking a PIN");
    if (!find.bind(1, id).step()) {
        return std::nullopt;
    }
    Official official = official_from_row(impl_->db, find);
    const std::string hash = find.text(4);
    find.reset();
    if (!official.active || !is_valid_pin(pin) || !verify_pin(hash, pin)) {
        return std::nullopt;
    }
    return official;
}

}  // namespace motcua
