#pragma once
// Thin RAII wrappers over the SQLite C API used by every storage file: a connection, prepared
// statements and an IMMEDIATE transaction. Every SQLite failure becomes a StoreError whose kind
// follows the result code and whose message names the database file and what was being done.
//
// [SECTION] Error mapping
// [SECTION] Connection
// [SECTION] Statement
// [SECTION] Transaction

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "storage/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace motcua::sqlite {

//-----------------------------------------------------------------------------
// [SECTION] Error mapping
//-----------------------------------------------------------------------------

// SQLITE_FULL -> disk_full, SQLITE_IOERR* -> io_error, SQLITE_BUSY/LOCKED -> busy,
// SQLITE_CORRUPT/NOTADB -> corrupt, SQLITE_CANTOPEN/PERM/READONLY -> cannot_open,
// SQLITE_CONSTRAINT/TOOBIG/MISMATCH -> invalid; anything else -> io_error.
StoreErrorKind error_kind_for(int result_code);

//-----------------------------------------------------------------------------
// [SECTION] Connection
//-----------------------------------------------------------------------------

// One open sqlite3 handle, closed on destruction. `name()` is the path used in messages.
class Connection {
  public:
    // Opens with SQLITE_OPEN_READWRITE (+ CREATE when `create`) and extended result codes.
    // Throws StoreError cannot_open.
    Connection(const std::filesystem::path& path, bool create);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* handle() const { return db_; }
    const std::string& name() const { return name_; }

    // Runs one or more SQL statements that return no rows we need.
    void exec(const std::string& sql, std::string_view doing);
    // The first column of the first row of `sql` as an integer (0 when there is no row).
    std::int64_t query_int(const std::string& sql, std::string_view doing);

    // Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;
    // The rowid of the last successful INSERT on this connection.
    std::int64_t last_insert_rowid() const;

    // Throws the StoreError for SQLite result `result_code` while `doing` something.
    [[noreturn]] void fail(int result_code, std::string_view doing) const;
    // Throws a StoreError of `kind` with "<file>: <doing>: <problem>".
    [[noreturn]] void fail(StoreErrorKind kind, std::string_view doing,
                           std::string_view problem) const;

  private:
    sqlite3* db_ = nullptr;
    std::string name_;
};

//-----------------------------------------------------------------------------
// [SECTION] Statement
//-----------------------------------------------------------------------------

// A prepared statement, finalized on destruction. Parameters are 1-based, columns 0-based.
// After the last row (or run()), the statement is reset and may be bound and run again.
class Statement {
  public:
    Statement(Connection& db, std::string_view sql, std::string_view doing);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<int>& value);
    Statement& bind_null(int index);
    Statement& bind_blob(int index, std::string_view bytes);

    // Advances to the next row: true when a row is ready, false when done (then resets).
    bool step();
    // Runs a statement that returns no rows, then resets it and clears its bindings.
    void run();
    // Like run(), but a UNIQUE or PRIMARY KEY violation returns false instead of throwing
    // (SQLite undoes just this statement; the transaction goes on).
    bool run_unless_conflict();
    // Resets so the statement can run again; keeps bindings unless clear_bindings().
    void reset();
    void clear_bindings();

    std::int64_t int64(int column) const;
    int integer(int column) const { return static_cast<int>(int64(column)); }
    std::string text(int column) const;
    // The column's bytes, valid until the next step() or reset(); empty for NULL.
    std::string_view blob(int column) const;
    bool is_null(int column) const;
    std::optional<int> optional_int(int column) const;

  private:
    Connection& db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string doing_;
};

//-----------------------------------------------------------------------------
// [SECTION] Transaction
//-----------------------------------------------------------------------------

// BEGIN IMMEDIATE on construction (takes the write lock now, so a busy database fails here,
// before any work); ROLLBACK on destruction unless commit() succeeded.
class Transaction {
  public:
    Transaction(Connection& db, std::string_view doing);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // COMMIT; returns only when it is durable (synchronous=FULL). Throws on failure, and the
    // destructor then rolls back whatever is left.
    void commit();

  private:
    Connection& db_;
    std::string doing_;
    bool done_ = false;
};

// A deferred read transaction: every query inside sees the same snapshot. Ended on
// destruction; keep it short so the WAL can be checkpointed.
class ReadTransaction {
  public:
    ReadTransaction(Connection& db, std::string_view doing);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

  private:
    Connection& db_;
};

}  // namespace motcua::sqlite
