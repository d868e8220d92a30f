#pragma once
// Helpers shared by the storage tests: a private temporary folder, sample ratings, raw SQLite
// access for looking behind the store's back, and file comparison.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/rating.hpp"
#include "core/uuid.hpp"
#include "storage/store.hpp"

namespace motcua::test {

// A fresh folder under the system temp dir, removed with everything in it at scope exit.
class TempDir {
  public:
    TempDir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("motcua-storage-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path file(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

// 09:00 local time (UTC+7) on `date` plus `minutes`.
inline UtcMillis morning_of(const std::string& date, int minutes = 0) {
    return days_from_civil(date) * 86'400'000 + (2 * 60 + minutes) * 60'000;
}

// A valid rating of the default form's shape: CS1, CS7 and overall with points, a
// not-applicable CS1 variant, and the extra-payment flag question.
inline Rating sample_rating(const std::string& dossier_code, Stage stage = Stage::intake,
                            const std::string& date = "2024-03-05", int minutes = 0) {
    Rating rating;
    rating.id = make_uuid_v4();
    rating.dossier_code = dossier_code;
    rating.stage = stage;
    rating.channel = Channel::kiosk;
    rating.official_id = "cb01";
    rating.form_id = "dien-bien-phieu-4";
    rating.form_version = 3;
    rating.answers = {
        Answer{"cs1", "on_time", "CS1", 1, {}},
        Answer{"cs7", "unhappy", "CS7", 0, {"rude", "slow"}},
        Answer{"overall", "satisfied", "overall", 1, {}},
        Answer{"extra_payment", "no", "extra_payment", std::nullopt, {}},
    };
    rating.flags = {};
    rating.created_utc = morning_of(date, minutes);
    rating.utc_offset_minutes = 420;
    rating.local_date = local_date(rating.created_utc, rating.utc_offset_minutes);
    rating.kiosk_id = "kiosk-07";
    rating.unit_code = "000.00.24.H18";
    return rating;
}

// A raw connection for reading or damaging a database behind the store's back.
class RawDb {
  public:
    explicit RawDb(const std::filesystem::path& path) {
        if (sqlite3_open(path.string().c_str(), &db_) != SQLITE_OK) {
            throw std::runtime_error("cannot open " + path.string());
        }
    }
    ~RawDb() { sqlite3_close(db_); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    // Runs SQL; returns SQLite's error message, or "" when it succeeded.
    std::string exec(const std::string& sql) {
        char* message = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
        std::string text = rc == SQLITE_OK ? "" : (message ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        return text;
    }
    // The first column of every row, as text.
    std::vector<std::string> column(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sqlite3_errmsg(db_));
        }
        std::vector<std::string> values;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(statement, 0);
            values.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        sqlite3_finalize(statement);
        return values;
    }
    std::int64_t number(const std::string& sql) { return std::stoll(column(sql).at(0)); }
    // Every row of `sql`, each as its columns joined by '|' (NULL as "NULL").
    std::vector<std::string> rows(const std::string& sql) {
        std::vector<std::string> result;
        auto collect = [](void* out, int columns, char** values, char**) {
            std::string row;
            for (int i = 0; i < columns; ++i) {
                row += (values[i] ? values[i] : "NULL") + std::string("|");
            }
            static_cast<std::vector<std::string>*>(out)->push_back(row);
            return 0;
        };
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), collect, &result, &error) != SQLITE_OK) {
            std::string message = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(message);
        }
        return result;
    }
    // Runs one statement with text and integer parameters (?1, ?2...); throws on failure.
    void run(const std::string& sql,
             const std::vector<std::variant<std::int64_t, std::string>>& params) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sqlite3_errmsg(db_));
        }
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            if (const auto* number = std::get_if<std::int64_t>(&params[i])) {
                sqlite3_bind_int64(statement, index, *number);
            } else {
                const std::string& text = std::get<std::string>(params[i]);
                sqlite3_bind_text(statement, index, text.c_str(), static_cast<int>(text.size()),
                                  SQLITE_TRANSIENT);
            }
        }
        const int rc = sqlite3_step(statement);
        sqlite3_finalize(statement);
        if (rc != SQLITE_DONE) {
            throw std::runtime_error(sqlite3_errmsg(db_));
        }
    }
    sqlite3* handle() const { return db_; }

  private:
    sqlite3* db_ = nullptr;
};

inline std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// The kind of the StoreError `action` throws; fails the test when it throws nothing.
template <typename Action>
StoreErrorKind error_kind_of(Action&& action) {
    try {
        action();
    } catch (const StoreError& error) {
        return error.kind();
    }
    throw std::logic_error("expected a StoreError, but nothing was thrown");
}

}  // namespace motcua::test
