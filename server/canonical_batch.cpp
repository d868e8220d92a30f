#include "server/canonical_batch.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "core/form.hpp"
#include "core/text.hpp"
#include "core/uuid.hpp"
#include "sync/protocol.hpp"

// [SECTION] Reading canonical JSON
// [SECTION] The rules of rating_from_json
// [SECTION] Ratings
// [SECTION] Batches

namespace motcua::server {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Reading canonical JSON
//-----------------------------------------------------------------------------

// A cursor over JSON exactly as nlohmann's dump() writes it: no whitespace, keys in the order
// the caller expects, strings whose only escapes are \" and \\, integers without a leading zero
// or "-0". Every function returns false on anything else, and the caller gives up.
class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}

    std::size_t position() const { return at_; }
    bool at_end() const { return at_ == text_.size(); }
    bool next_is(char c) const { return at_ < text_.size() && text_[at_] == c; }

    bool literal(std::string_view expected) {
        if (text_.substr(at_, expected.size()) != expected) {
            return false;
        }
        at_ += expected.size();
        return true;
    }

    bool string(std::string& out) {
        if (!literal("\"")) {
            return false;
        }
        out.clear();
        while (at_ < text_.size()) {
            // Copy the plain run up to the next quote, backslash or control character at once.
            const std::size_t run = at_;
            while (at_ < text_.size() && is_plain(text_[at_])) {
                ++at_;
            }
            out.append(text_, run, at_ - run);
            if (at_ == text_.size()) {
                return false;
            }
            const char c = text_[at_++];
            if (c == '"') {
                return true;
            }
            if (c != '\\' || at_ == text_.size() || (text_[at_] != '"' && text_[at_] != '\\')) {
                return false;
            }
            out += text_[at_++];
        }
        return false;
    }

    bool integer(std::int64_t& out) {
        const bool negative = next_is('-');
        if (negative) {
            ++at_;
        }
        const std::size_t first = at_;
        std::uint64_t value = 0;
        constexpr std::uint64_t kLimit = std::numeric_limits<std::int64_t>::max();
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
            const auto digit = static_cast<std::uint64_t>(text_[at_] - '0');
            if (value > (kLimit - digit) / 10) {
                return false;
            }
            value = value * 10 + digit;
            ++at_;
        }
        const std::size_t digits = at_ - first;
        if (digits == 0 || (digits > 1 && text_[first] == '0') || (negative && value == 0)) {
            return false;
        }
        out = negative ? -static_cast<std::int64_t>(value) : static_cast<std::int64_t>(value);
        return true;
    }

    // `"key":` for the next key, which must be `key`.
    bool key(std::string_view key) { return literal("\"") && literal(key) && literal("\":"); }

    // An array of strings, each appended to `out`.
    bool string_array(std::vector<std::string>& out) {
        if (!literal("[")) {
            return false;
        }
        if (literal("]")) {
            return true;
        }
        do {
            out.emplace_back();
            if (!string(out.back())) {
                return false;
            }
        } while (literal(","));
        return literal("]");
    }

  private:
    static bool is_plain(char c) {
        return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] The rules of rating_from_json
//-----------------------------------------------------------------------------

// core/rating.cpp's limits; a rating outside them goes to the general path, which words the
// rejection.
constexpr std::size_t kMaxTextBytes = 256;
constexpr int kMinOffsetMinutes = -12 * 60;
constexpr int kMaxOffsetMinutes = 14 * 60;
constexpr int kMaxPoints = 100;

bool is_text(std::string_view text, bool may_be_empty) {
    return (may_be_empty || !text.empty()) && text.size() <= kMaxTextBytes && is_valid_utf8(text) &&
           std::none_of(text.begin(), text.end(), [](char c) {
               const auto byte = static_cast<unsigned char>(c);
               return byte < 0x20 || byte == 0x7F;
           });
}

bool is_text_list(const std::vector<std::string>& list) {
    std::set<std::string_view> seen;
    return std::all_of(list.begin(), list.end(), [&](const std::string& text) {
        return is_text(text, false) && seen.insert(text).second;
    });
}

bool is_valid(const Rating& rating, std::string_view created_utc, const KioskRecord& kiosk) {
    std::set<std::string_view> questions;
    for (const Answer& answer : rating.answers) {
        if (!is_text(answer.question_id, false) || !is_text(answer.option_id, false) ||
            !is_text(answer.indicator, false) ||
            (answer.points && (*answer.points < 0 || *answer.points > kMaxPoints)) ||
            !is_text_list(answer.follow_ups) || !questions.insert(answer.question_id).second) {
            return false;
        }
    }
    // The stored time must be canonical (with milliseconds) for the bytes to be canonical.
    return is_text(rating.id, false) && is_uuid(rating.id) && is_text(rating.dossier_code, false) &&
           is_text(rating.official_id, true) && is_text(rating.form_id, false) &&
           rating.form_version >= 1 && is_text_list(rating.flags) && is_text(created_utc, false) &&
           format_utc_iso8601(rating.created_utc) == created_utc &&
           rating.utc_offset_minutes >= kMinOffsetMinutes &&
           rating.utc_offset_minutes <= kMaxOffsetMinutes && is_text(rating.local_date, false) &&
           is_valid_date(rating.local_date) &&
           rating.local_date == local_date(rating.created_utc, rating.utc_offset_minutes) &&
           rating.sequence >= 0 && is_text(rating.kiosk_id, false) &&
           is_text(rating.unit_code, false) && rating.kiosk_id == kiosk.kiosk_id &&
           rating.unit_code == kiosk.unit_code;
}

//-----------------------------------------------------------------------------
// [SECTION] Ratings
//-----------------------------------------------------------------------------

bool read_answer(Reader& in, Answer& answer) {
    if (!in.literal("{") || !in.key("follow_ups") || !in.string_array(answer.follow_ups) ||
        !in.literal(",") || !in.key("indicator") || !in.string(answer.indicator) ||
        !in.literal(",") || !in.key("option_id") || !in.string(answer.option_id) ||
        !in.literal(",") || !in.key("points")) {
        return false;
    }
    if (!in.literal("null")) {
        std::int64_t points = 0;
        if (!in.integer(points) || points < 0 || points > kMaxPoints) {
            return false;
        }
        answer.points = static_cast<int>(points);
    }
    return in.literal(",") && in.key("question_id") && in.string(answer.question_id) &&
           in.literal("}");
}

// Keys in the order of nlohmann's sorted objects, as rating_to_json(...).dump() writes them.
bool read_rating(Reader& in, Rating& rating, std::string& created_utc) {
    if (!in.literal("{") || !in.key("answers") || !in.literal("[")) {
        return false;
    }
    if (!in.literal("]")) {
        do {
            rating.answers.emplace_back();
            if (!read_answer(in, rating.answers.back())) {
                return false;
            }
        } while (in.literal(","));
        if (!in.literal("]")) {
            return false;
        }
    }
    std::string channel;
    std::string stage;
    std::int64_t form_version = 0;
    std::int64_t offset = 0;
    if (!in.literal(",") || !in.key("channel") || !in.string(channel) ||
        !parse_channel(channel, rating.channel) || !in.literal(",") || !in.key("created_utc") ||
        !in.string(created_utc) || !parse_utc_iso8601(created_utc, rating.created_utc) ||
        !in.literal(",") || !in.key("dossier_code") || !in.string(rating.dossier_code) ||
        !in.literal(",") || !in.key("flags") || !in.string_array(rating.flags) ||
        !in.literal(",") || !in.key("form_id") || !in.string(rating.form_id) || !in.literal(",") ||
        !in.key("form_version") || !in.integer(form_version) ||
        form_version > std::numeric_limits<int>::max() || !in.literal(",") || !in.key("id") ||
        !in.string(rating.id) || !in.literal(",") || !in.key("kiosk_id") ||
        !in.string(rating.kiosk_id) || !in.literal(",") || !in.key("local_date") ||
        !in.string(rating.local_date) || !in.literal(",") || !in.key("official_id") ||
        !in.string(rating.official_id) || !in.literal(",") || !in.key("sequence") ||
        !in.integer(rating.sequence) || !in.literal(",") || !in.key("stage") || !in.string(stage) ||
        !parse_stage(stage, rating.stage) || !in.literal(",") || !in.key("unit_code") ||
        !in.string(rating.unit_code) || !in.literal(",") || !in.key("utc_offset_minutes") ||
        !in.integer(offset) || offset < kMinOffsetMinutes || offset > kMaxOffsetMinutes ||
        !in.literal("}")) {
        return false;
    }
    rating.form_version = static_cast<int>(std::max<std::int64_t>(form_version, 0));
    rating.utc_offset_minutes = static_cast<int>(offset);
    return true;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Batches
//-----------------------------------------------------------------------------

std::optional<std::vector<IncomingItem>> parse_canonical_batch(std::string_view body,
                                                               const KioskRecord& kiosk) {
    Reader in(body);
    std::string kiosk_id;
    std::string sent_at;
    UtcMillis sent_at_time = 0;
    if (!in.literal("{") || !in.key("kiosk_id") || !in.string(kiosk_id) ||
        kiosk_id != kiosk.kiosk_id || !in.literal(",") || !in.key("sent_at") ||
        !in.string(sent_at) || !parse_utc_iso8601(sent_at, sent_at_time) || !in.literal(",") ||
        !in.key("items") || !in.literal("[")) {
        return std::nullopt;
    }
    std::vector<IncomingItem> items;
    std::set<std::int64_t> seqs;
    if (!in.literal("]")) {
        do {
            IncomingItem item;
            if (!in.literal("{") || !in.key("seq") || !in.integer(item.seq) || item.seq < 0 ||
                !seqs.insert(item.seq).second || !in.literal(",") || !in.key("kind") ||
                !in.literal("\"rating\",") || !in.key("rating")) {
                return std::nullopt;
            }
            const std::size_t start = in.position();
            IncomingRating incoming;
            std::string created_utc;
            if (!read_rating(in, incoming.rating, created_utc) ||
                !is_valid(incoming.rating, created_utc, kiosk) || !in.literal("}")) {
                return std::nullopt;
            }
            // The record's bytes without the item's closing brace: its canonical JSON.
            incoming.content = std::string(body.substr(start, in.position() - 1 - start));
            item.rating = std::move(incoming);
            items.push_back(std::move(item));
        } while (in.literal(","));
        if (!in.literal("]")) {
            return std::nullopt;
        }
    }
    if (!in.literal("}") || !in.at_end() || items.size() > protocol::kMaxItemsPerBatch) {
        return std::nullopt;
    }
    return items;
}

}  // namespace motcua::server
