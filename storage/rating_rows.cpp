#include "storage/rating_rows.hpp"

#include <array>
#include <iterator>

#include "core/uuid.hpp"

namespace motcua::storage_detail {

//-----------------------------------------------------------------------------
// [SECTION] Dictionary of labels and choices
//-----------------------------------------------------------------------------

namespace {

constexpr std::string_view kDictionary = "reading the labels of stored ratings";

// The unit separator cannot occur in a stored text (control characters are refused).
void append_choice_key(std::string& key, const Answer& answer) {
    key.clear();
    key += answer.question_id;
    key += '\x1f';
    key += answer.option_id;
    key += '\x1f';
    key += answer.indicator;
    key += '\x1f';
    key += answer.points ? std::to_string(*answer.points) : std::string("-");
}

}  // namespace

sqlite::Statement& Dictionary::statement(std::optional<sqlite::Statement>& slot,
                                         std::string_view sql) {
    if (!slot) {
        slot.emplace(db_, sql, kDictionary);
    }
    return *slot;
}

std::optional<std::int64_t> Dictionary::find_label(const std::string& text) {
    if (const auto known = label_ids_.find(text); known != label_ids_.end()) {
        return known->second;
    }
    sqlite::Statement& find = statement(find_label_, "SELECT id FROM labels WHERE text = ?1");
    if (!find.bind(1, text).step()) {
        return std::nullopt;
    }
    const std::int64_t id = find.int64(0);
    find.reset();
    label_ids_.emplace(text, id);
    labels_.emplace(id, text);
    return id;
}

std::int64_t Dictionary::label_id(const std::string& text) {
    if (const std::optional<std::int64_t> id = find_label(text)) {
        return *id;
    }
    statement(insert_label_, "INSERT INTO labels (text) VALUES (?1)").bind(1, text).run();
    const std::int64_t id = db_.last_insert_rowid();
    label_ids_.emplace(text, id);
    labels_.emplace(id, text);
    uncommitted_labels_.push_back(text);
    return id;
}

void Dictionary::load_label(std::int64_t id) {
    sqlite::Statement& find = statement(label_text_, "SELECT text FROM labels WHERE id = ?1");
    if (!find.bind(1, id).step()) {
        db_.fail(StoreErrorKind::corrupt, kDictionary,
                 "a stored rating names label " + std::to_string(id) +
                     ", which does not exist; the file was changed outside motcua");
    }
    std::string text = find.text(0);
    find.reset();
    label_ids_.emplace(text, id);
    labels_.emplace(id, std::move(text));
}

const std::string& Dictionary::label(std::int64_t id) {
    auto known = labels_.find(id);
    if (known == labels_.end()) {
        load_label(id);
        known = labels_.find(id);
    }
    return known->second;
}

std::int64_t Dictionary::choice_id(const Answer& answer) {
    append_choice_key(key_, answer);
    if (const auto known = choice_ids_.find(key_); known != choice_ids_.end()) {
        return known->second;
    }
    const int points = answer.points.value_or(-1);
    sqlite::Statement& find =
        statement(find_choice_,
                  "SELECT id FROM choices WHERE question_id = ?1 AND option_id = ?2 AND "
                  "indicator = ?3 AND points = ?4");
    find.bind(1, answer.question_id).bind(2, answer.option_id).bind(3, answer.indicator);
    std::int64_t id = 0;
    if (find.bind(4, points).step()) {
        id = find.int64(0);
        find.reset();
    } else {
        statement(insert_choice_,
                  "INSERT INTO choices (question_id, option_id, indicator, points) "
                  "VALUES (?1, ?2, ?3, ?4)")
            .bind(1, answer.question_id)
            .bind(2, answer.option_id)
            .bind(3, answer.indicator)
            .bind(4, points)
            .run();
        id = db_.last_insert_rowid();
        uncommitted_choices_.push_back(key_);
    }
    choice_ids_.emplace(key_, id);
    choices_.emplace(
        id, StoredChoice{answer.question_id, answer.option_id, answer.indicator, answer.points});
    return id;
}

void Dictionary::load_choice(std::int64_t id) {
    sqlite::Statement& find = statement(
        choice_row_, "SELECT question_id, option_id, indicator, points FROM choices WHERE id = ?1");
    if (!find.bind(1, id).step()) {
        db_.fail(StoreErrorKind::corrupt, kDictionary,
                 "a stored rating names answer choice " + std::to_string(id) +
                     ", which does not exist; the file was changed outside motcua");
    }
    const int points = find.integer(3);
    Answer answer{find.text(0),
                  find.text(1),
                  find.text(2),
                  points < 0 ? std::nullopt : std::optional<int>(points),
                  {}};
    find.reset();
    append_choice_key(key_, answer);
    choice_ids_.emplace(key_, id);
    choices_.emplace(
        id, StoredChoice{answer.question_id, answer.option_id, answer.indicator, answer.points});
}

const StoredChoice& Dictionary::choice(std::int64_t id) {
    auto known = choices_.find(id);
    if (known == choices_.end()) {
        load_choice(id);
        known = choices_.find(id);
    }
    return known->second;
}

void Dictionary::keep_uncommitted() {
    uncommitted_labels_.clear();
    uncommitted_choices_.clear();
}

void Dictionary::forget_uncommitted() {
    for (const std::string& text : uncommitted_labels_) {
        const auto found = label_ids_.find(text);
        if (found != label_ids_.end()) {
            labels_.erase(found->second);
            label_ids_.erase(found);
        }
    }
    for (const std::string& key : uncommitted_choices_) {
        const auto found = choice_ids_.find(key);
        if (found != choice_ids_.end()) {
            choices_.erase(found->second);
            choice_ids_.erase(found);
        }
    }
    keep_uncommitted();
}

//-----------------------------------------------------------------------------
// [SECTION] Rows
//-----------------------------------------------------------------------------

namespace {

// The answers blob: unsigned LEB128 numbers. The answer count, then per answer
// (choice id * 2 + 1 when it has follow-ups), and then the follow-up count and label ids;
// then the flag count and the flags' label ids.
void put_number(std::string& out, std::uint64_t number) {
    while (number >= 0x80) {
        out += static_cast<char>((number & 0x7F) | 0x80);
        number >>= 7;
    }
    out += static_cast<char>(number);
}

class BlobReader {
  public:
    BlobReader(const sqlite::Connection& db, std::string_view bytes) : db_(db), bytes_(bytes) {}

    std::uint64_t number() {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at_ >= bytes_.size()) {
                broken();
            }
            const auto byte = static_cast<unsigned char>(bytes_[at_++]);
            value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) {
                return value;
            }
        }
        broken();
    }
    // A count of items that each take at least one more byte.
    std::size_t count() {
        const std::uint64_t value = number();
        if (value > bytes_.size() - at_) {
            broken();
        }
        return static_cast<std::size_t>(value);
    }
    std::int64_t id() { return static_cast<std::int64_t>(number() & 0x7FFFFFFFFFFFFFFF); }
    bool done() const { return at_ == bytes_.size(); }
    [[noreturn]] void broken() const {
        db_.fail(StoreErrorKind::corrupt, "reading a stored rating",
                 "its answers are not in the stored format; the file was changed outside motcua");
    }

  private:
    const sqlite::Connection& db_;
    std::string_view bytes_;
    std::size_t at_ = 0;
};

int hex_value(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
}

}  // namespace

int stage_number(Stage stage) {
    for (std::size_t i = 0; i < std::size(kAllStages); ++i) {
        if (kAllStages[i] == stage) {
            return static_cast<int>(i);
        }
    }
    return 0;
}

int channel_number(Channel channel) {
    return channel == Channel::paper ? 1 : 0;
}

std::string uuid_bytes(std::string_view uuid) {
    std::string bytes;
    bytes.reserve(16);
    for (std::size_t i = 0; i + 1 < uuid.size(); ++i) {
        if (uuid[i] == '-') {
            continue;
        }
        bytes += static_cast<char>(hex_value(uuid[i]) * 16 + hex_value(uuid[i + 1]));
        ++i;
    }
    return bytes;
}

std::string uuid_text(std::string_view bytes) {
    constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text += '-';
        }
        const auto byte = static_cast<unsigned char>(bytes[i]);
        text += kHex[byte >> 4];
        text += kHex[byte & 0x0F];
    }
    return text;
}

void bind_rating_row(sqlite::Statement& insert, Dictionary& dictionary, const Rating& rating,
                     std::vector<std::int64_t>& choice_ids) {
    std::string answers;
    choice_ids.clear();
    put_number(answers, rating.answers.size());
    for (const Answer& answer : rating.answers) {
        const std::int64_t choice = dictionary.choice_id(answer);
        choice_ids.push_back(choice);
        const bool has_follow_ups = !answer.follow_ups.empty();
        put_number(answers, static_cast<std::uint64_t>(choice) * 2 + (has_follow_ups ? 1 : 0));
        if (has_follow_ups) {
            put_number(answers, answer.follow_ups.size());
            for (const std::string& follow_up : answer.follow_ups) {
                put_number(answers, static_cast<std::uint64_t>(dictionary.label_id(follow_up)));
            }
        }
    }
    put_number(answers, rating.flags.size());
    for (const std::string& flag : rating.flags) {
        put_number(answers, static_cast<std::uint64_t>(dictionary.label_id(flag)));
    }
    insert.bind(1, rating.sequence).bind_blob(2, uuid_bytes(rating.id));
    insert.bind(3, rating.dossier_code).bind(4, stage_number(rating.stage));
    insert.bind(5, channel_number(rating.channel));
    insert.bind(6, dictionary.label_id(rating.official_id));
    insert.bind(7, dictionary.label_id(rating.form_id)).bind(8, rating.form_version);
    insert.bind(9, rating.created_utc).bind(10, rating.utc_offset_minutes);
    insert.bind(11, days_from_civil(rating.local_date));
    insert.bind(12, dictionary.label_id(rating.kiosk_id));
    insert.bind(13, dictionary.label_id(rating.unit_code)).bind_blob(14, answers);
}

Rating rating_from_row(const sqlite::Connection& db, Dictionary& dictionary,
                       const sqlite::Statement& row, int first) {
    Rating rating;
    rating.sequence = row.int64(first);
    const std::string_view id = row.blob(first + 1);
    const std::int64_t stage = row.int64(first + 3);
    if (id.size() != 16 || stage < 0 || stage >= static_cast<std::int64_t>(std::size(kAllStages))) {
        db.fail(StoreErrorKind::corrupt, "reading a stored rating",
                "rating " + std::to_string(rating.sequence) +
                    " has a malformed id or stage; the file was changed outside motcua");
    }
    rating.id = uuid_text(id);
    rating.dossier_code = row.text(first + 2);
    rating.stage = kAllStages[stage];
    rating.channel = row.int64(first + 4) == 1 ? Channel::paper : Channel::kiosk;
    rating.official_id = dictionary.label(row.int64(first + 5));
    rating.form_id = dictionary.label(row.int64(first + 6));
    rating.form_version = row.integer(first + 7);
    rating.created_utc = row.int64(first + 8);
    rating.utc_offset_minutes = row.integer(first + 9);
    rating.local_date = civil_from_days(row.int64(first + 10));
    rating.kiosk_id = dictionary.label(row.int64(first + 11));
    rating.unit_code = dictionary.label(row.int64(first + 12));

    BlobReader answers(db, row.blob(first + 13));
    const std::size_t answer_count = answers.count();
    rating.answers.reserve(answer_count);
    for (std::size_t i = 0; i < answer_count; ++i) {
        const std::uint64_t packed = answers.number();
        const StoredChoice& choice = dictionary.choice(static_cast<std::int64_t>(packed / 2));
        Answer answer{choice.question_id, choice.option_id, choice.indicator, choice.points, {}};
        if (packed % 2 == 1) {
            const std::size_t follow_ups = answers.count();
            for (std::size_t j = 0; j < follow_ups; ++j) {
                answer.follow_ups.push_back(dictionary.label(answers.id()));
            }
        }
        rating.answers.push_back(std::move(answer));
    }
    const std::size_t flags = answers.count();
    for (std::size_t i = 0; i < flags; ++i) {
        rating.flags.push_back(dictionary.label(answers.id()));
    }
    if (!answers.done()) {
        answers.broken();
    }
    return rating;
}

}  // namespace motcua::storage_detail
