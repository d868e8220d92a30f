#pragma once
// What the migration tests share: ratings written as schema version 1 wrote them, and a whole
// file's contents for "the file is exactly as it was".

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/rating.hpp"
#include "storage/store.hpp"
#include "test_support.hpp"

namespace motcua::test {

// A rating written the way version 1 writes it: row, dossier claim, outbox row, rollups.
inline void insert_as_v1(RawDb& raw, Rating rating, std::int64_t sequence) {
    rating.sequence = sequence;
    const std::string stage(to_string(rating.stage));
    const std::string channel(to_string(rating.channel));
    raw.run(
        "INSERT INTO ratings (sequence, id, dossier_code, stage, channel, official_id, "
        "form_id, form_version, created_utc, utc_offset_minutes, local_date, kiosk_id, "
        "unit_code, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14)",
        {sequence, rating.id, rating.dossier_code, stage, channel, rating.official_id,
         rating.form_id, std::int64_t{rating.form_version}, rating.created_utc,
         std::int64_t{rating.utc_offset_minutes}, rating.local_date, rating.kiosk_id,
         rating.unit_code, rating_to_json(rating).dump()});
    raw.run("INSERT INTO dossier_claims (dossier_code, stage, rating_id) VALUES (?1, ?2, ?3)",
            {rating.dossier_code, stage, rating.id});
    raw.run("INSERT INTO outbox (kind, ref_id, created_utc) VALUES ('rating', ?1, ?2)",
            {rating.id, rating.created_utc});
    for (const std::string prefix : {"day", "month"}) {
        const std::string period =
            prefix == "day" ? rating.local_date : rating.local_date.substr(0, 7);
        raw.run("INSERT INTO " + prefix +
                    "_ratings VALUES (?1, ?2, ?3, ?4, 1, 0) ON CONFLICT DO UPDATE SET "
                    "ratings = ratings + 1",
                {period, rating.official_id, stage, channel});
        for (const Answer& answer : rating.answers) {
            raw.run(
                "INSERT INTO " + prefix +
                    "_answers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1) "
                    "ON CONFLICT DO UPDATE SET count = count + 1",
                {period, rating.official_id, answer.question_id, answer.option_id, answer.indicator,
                 std::int64_t{answer.points ? 1 : 0}, std::int64_t{answer.points.value_or(0)}});
        }
    }
}

// Every row of every table and the schema, for "the file is exactly as it was".
inline std::vector<std::string> everything(const std::filesystem::path& path) {
    RawDb raw(path);
    std::vector<std::string> all =
        raw.rows("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name");
    for (const std::string& table :
         raw.column("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
        for (const std::string& row : raw.rows("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
            all.push_back(table + ": " + row);
        }
    }
    all.push_back("user_version " + raw.column("PRAGMA user_version").at(0));
    return all;
}

// Opens `path`, whose migration must fail as corrupt, checks that it left the file exactly as
// it was, and returns the error's message.
inline std::string corrupt_migration_message(const std::filesystem::path& path) {
    const std::vector<std::string> before = everything(path);
    std::string message;
    try {
        Store store(path);
        FAIL("the migration should have failed");
    } catch (const StoreError& error) {
        CHECK(error.kind() == StoreErrorKind::corrupt);
        message = error.what();
    }
    CHECK(everything(path) == before);
    return message;
}

}  // namespace motcua::test
