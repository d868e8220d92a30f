#pragma once
// How a rating is stored in schema version 2 (docs/storage.md, "Schema version 2"): one compact
// row per rating, with repeated texts (official, form, kiosk, unit, flags, follow-ups) stored
// once in `labels` and each distinct answer (question, option, indicator, points) once in
// `choices`; the row keeps their small integer ids. Reading a row gives back exactly the
// Rating that was saved, so its canonical JSON is byte-identical to what version 1 stored.
//
// [SECTION] Dictionary of labels and choices
// [SECTION] Rows

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/rating.hpp"
#include "storage/sqlite_util.hpp"

namespace motcua::storage_detail {

//-----------------------------------------------------------------------------
// [SECTION] Dictionary of labels and choices
//-----------------------------------------------------------------------------

// One answer as the form had it, without follow-ups (a row of `choices`).
struct StoredChoice {
    std::string question_id;
    std::string option_id;
    std::string indicator;
    std::optional<int> points;
};

// The `labels` and `choices` tables with an in-memory cache. Ids, once committed, never change,
// so the cache stays right whatever other connections write; ids added by a transaction that
// is then rolled back are dropped with forget_uncommitted().
class Dictionary {
  public:
    explicit Dictionary(sqlite::Connection& db) : db_(db) {}

    // The id of `text`, added inside the caller's write transaction when new.
    std::int64_t label_id(const std::string& text);
    // The id of `text` when stored, without adding it.
    std::optional<std::int64_t> find_label(const std::string& text);
    // Throws StoreError corrupt for an unknown id.
    const std::string& label(std::int64_t id);
    // The id of the answer's choice, added when new.
    std::int64_t choice_id(const Answer& answer);
    // Throws StoreError corrupt for an unknown id.
    const StoredChoice& choice(std::int64_t id);

    // After COMMIT: ids added since the last call are now permanent.
    void keep_uncommitted();
    // After ROLLBACK: ids added since the last keep_uncommitted() no longer exist.
    void forget_uncommitted();

  private:
    void load_label(std::int64_t id);
    void load_choice(std::int64_t id);
    sqlite::Statement& statement(std::optional<sqlite::Statement>& slot, std::string_view sql);

    sqlite::Connection& db_;
    std::unordered_map<std::string, std::int64_t> label_ids_;
    std::unordered_map<std::int64_t, std::string> labels_;
    std::unordered_map<std::string, std::int64_t> choice_ids_;  // keyed by choice_key()
    std::unordered_map<std::int64_t, StoredChoice> choices_;
    std::vector<std::string> uncommitted_labels_;
    std::vector<std::string> uncommitted_choices_;
    std::string key_;  // reused buffer for choice keys
    // Prepared on first use: the tables do not exist before the schema is migrated.
    std::optional<sqlite::Statement> find_label_;
    std::optional<sqlite::Statement> insert_label_;
    std::optional<sqlite::Statement> label_text_;
    std::optional<sqlite::Statement> find_choice_;
    std::optional<sqlite::Statement> insert_choice_;
    std::optional<sqlite::Statement> choice_row_;
};

//-----------------------------------------------------------------------------
// [SECTION] Rows
//-----------------------------------------------------------------------------

// The columns of a rating row of table alias `r`, in the order rating_from_row reads them.
inline constexpr std::string_view kRatingColumns =
    "r.sequence, r.id, r.dossier_code, r.stage, r.channel, r.official, r.form, r.form_version, "
    "r.created_utc, r.utc_offset_minutes, r.local_day, r.kiosk, r.unit, r.answers";
inline constexpr int kRatingColumnCount = 14;

// INSERT of one rating row; bind it with bind_rating_row.
inline constexpr std::string_view kInsertRatingSql =
    "INSERT INTO ratings (sequence, id, dossier_code, stage, channel, official, form, "
    "form_version, created_utc, utc_offset_minutes, local_day, kiosk, unit, answers) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

// Stage and channel as stored: their index in kAllStages, and 0 kiosk / 1 paper.
int stage_number(Stage stage);
int channel_number(Channel channel);

// The 16 bytes of a lower-case UUID, and back.
std::string uuid_bytes(std::string_view uuid);
std::string uuid_text(std::string_view bytes);

// Binds every column of kInsertRatingSql for a checked rating; `choice_ids` receives the
// choice id of each answer (for the rollups).
void bind_rating_row(sqlite::Statement& insert, Dictionary& dictionary, const Rating& rating,
                     std::vector<std::int64_t>& choice_ids);

// The rating stored in the kRatingColumns starting at `first`. Throws StoreError corrupt when
// the row cannot be a stored rating (the file was changed outside motcua).
Rating rating_from_row(const sqlite::Connection& db, Dictionary& dictionary,
                       const sqlite::Statement& row, int first = 0);

}  // namespace motcua::storage_detail
