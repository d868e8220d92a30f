#include "storage/sqlite_util.hpp"

#include <sqlite3.h>

#include <limits>

// [SECTION] Error mapping
// [SECTION] Connection
// [SECTION] Statement
// [SECTION] Transaction

namespace motcua::sqlite {

//-----------------------------------------------------------------------------
// [SECTION] Error mapping
//-----------------------------------------------------------------------------

StoreErrorKind error_kind_for(int result_code) {
    switch (result_code & 0xff) {
        case SQLITE_FULL:
            return StoreErrorKind::disk_full;
        case SQLITE_IOERR:
            return StoreErrorKind::io_error;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return StoreErrorKind::busy;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return StoreErrorKind::corrupt;
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_READONLY:
            return StoreErrorKind::cannot_open;
        case SQLITE_CONSTRAINT:
        case SQLITE_TOOBIG:
        case SQLITE_MISMATCH:
            return StoreErrorKind::invalid;
        default:
            return StoreErrorKind::io_error;
    }
}

namespace {

// What staff should understand from each kind, appended to SQLite's own words.
std::string_view hint_for(StoreErrorKind kind) {
    switch (kind) {
        case StoreErrorKind::disk_full:
            return " (the disk is full or the database reached its size limit; nothing of this "
                   "operation was saved)";
        case StoreErrorKind::io_error:
            return " (the storage device failed to read or write; nothing of this operation was "
                   "saved)";
        case StoreErrorKind::busy:
            return " (another program kept the database locked; try again)";
        case StoreErrorKind::corrupt:
            return " (the file is damaged or is not a motcua database; it was left untouched)";
        case StoreErrorKind::cannot_open:
            return " (check that the file exists, its folder is writable and the medium is not "
                   "read-only)";
        default:
            return "";
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Connection
//-----------------------------------------------------------------------------

Connection::Connection(const std::filesystem::path& path, bool create) : name_(path.string()) {
    // NOMUTEX: a connection is used by one thread at a time (the Store contract), so SQLite
    // need not lock its own mutexes on every call.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
    if (create) {
        flags |= SQLITE_OPEN_CREATE;
    }
    const int rc = sqlite3_open_v2(name_.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = name_ + ": cannot open the database: " +
                                    (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)) +
                                    std::string(hint_for(StoreErrorKind::cannot_open));
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw StoreError(StoreErrorKind::cannot_open, message);
    }
}

Connection::~Connection() {
    sqlite3_close_v2(db_);
}

void Connection::exec(const std::string& sql, std::string_view doing) {
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        fail(rc, doing);
    }
}

std::int64_t Connection::query_int(const std::string& sql, std::string_view doing) {
    Statement statement(*this, sql, doing);
    std::int64_t value = 0;
    if (statement.step()) {
        value = statement.int64(0);
        statement.reset();
    }
    return value;
}

std::int64_t Connection::changes() const {
    return sqlite3_changes64(db_);
}

std::int64_t Connection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}

void Connection::fail(int result_code, std::string_view doing) const {
    const StoreErrorKind kind = error_kind_for(result_code);
    std::string problem = sqlite3_errmsg(db_);
    const std::string generic = sqlite3_errstr(result_code);
    if (problem != generic) {
        problem += " [" + generic + "]";
    }
    problem += hint_for(kind);
    throw StoreError(kind, name_ + ": " + std::string(doing) + ": " + problem);
}

void Connection::fail(StoreErrorKind kind, std::string_view doing, std::string_view problem) const {
    throw StoreError(kind, name_ + ": " + std::string(doing) + ": " + std::string(problem));
}

//-----------------------------------------------------------------------------
// [SECTION] Statement
//-----------------------------------------------------------------------------

Statement::Statement(Connection& db, std::string_view sql, std::string_view doing)
    : db_(db), doing_(doing) {
    const int rc =
        sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        db.fail(rc, doing_);
    }
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) {
        db_.fail(rc, doing_);
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (value.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        db_.fail(StoreErrorKind::invalid, doing_, "a text value is too long");
    }
    const int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        db_.fail(rc, doing_);
    }
    return *this;
}

Statement& Statement::bind(int index, const std::optional<int>& value) {
    return value ? bind(index, static_cast<std::int64_t>(*value)) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) {
        db_.fail(rc, doing_);
    }
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        db_.fail(StoreErrorKind::invalid, doing_, "a blob value is too long");
    }
    const int rc = sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        db_.fail(rc, doing_);
    }
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    sqlite3_reset(stmt_);
    if (rc != SQLITE_DONE) {
        db_.fail(rc, doing_);
    }
    return false;
}

void Statement::run() {
    while (step()) {
    }
    clear_bindings();
}

bool Statement::run_unless_conflict() {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return false;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        db_.fail(rc, doing_);
    }
    return true;
}

void Statement::reset() {
    sqlite3_reset(stmt_);
}

void Statement::clear_bindings() {
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (data == nullptr) {
        return {};
    }
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::blob(int column) const {
    const void* data = sqlite3_column_blob(stmt_, column);
    if (data == nullptr) {
        return {};
    }
    return std::string_view(static_cast<const char*>(data),
                            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<int> Statement::optional_int(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return integer(column);
}

//-----------------------------------------------------------------------------
// [SECTION] Transaction
//-----------------------------------------------------------------------------

Transaction::Transaction(Connection& db, std::string_view doing) : db_(db), doing_(doing) {
    db_.exec("BEGIN IMMEDIATE", doing_);
}

Transaction::~Transaction() {
    // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL); ROLLBACK then
    // has nothing to do, and no error of it may escape a destructor.
    if (!done_ && sqlite3_get_autocommit(db_.handle()) == 0) {
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    db_.exec("COMMIT", doing_);
    done_ = true;
}

ReadTransaction::ReadTransaction(Connection& db, std::string_view doing) : db_(db) {
    db_.exec("BEGIN DEFERRED", doing);
}

ReadTransaction::~ReadTransaction() {
    if (sqlite3_get_autocommit(db_.handle()) == 0) {
        sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
    }
}

}  // namespace motcua::sqlite
