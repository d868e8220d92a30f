#pragma once
// One citizen's rating of one dossier at one stage: immutable once saved. The same structure
// is stored on the kiosk, uploaded in the sync protocol and stored on the provincial server.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "clock.hpp"
#include "form.hpp"

namespace motcua {

enum class Channel { kiosk, paper };
std::string_view to_string(Channel channel);
bool parse_channel(std::string_view text, Channel& out);

struct Answer {
    std::string question_id;
    std::string option_id;
    std::string indicator;                // copied from the form at the time of rating
    std::optional<int> points;            // nullopt: not applicable / flag question
    std::vector<std::string> follow_ups;  // ids of follow-up choices picked
};

struct Rating {
    std::string id;  // UUIDv4, made when the citizen starts
    std::string dossier_code;
    Stage stage = Stage::intake;
    Channel channel = Channel::kiosk;
    std::string official_id;  // may be empty: nobody signed in at the desk
    std::string form_id;
    int form_version = 0;
    std::vector<Answer> answers;
    std::vector<std::string> flags;  // raised flags, e.g. "extra_payment"
    UtcMillis created_utc = 0;
    int utc_offset_minutes = 0;
    std::string local_date;     // YYYY-MM-DD at created_utc + offset
    std::int64_t sequence = 0;  // assigned by the kiosk's store, strictly increasing
    std::string kiosk_id;
    std::string unit_code;
};

// Builds answers and flags from (question id, option id) choices, checking each against the
// form: unknown question or option, a question not asked at this stage, a missing answer to a
// question that may not be skipped, or a question answered twice throw FormError with an
// English message naming the question.
struct Choice {
    std::string question_id;
    std::string option_id;
    std::vector<std::string> follow_ups;
};
void fill_answers(const Form& form, Stage stage, const std::vector<Choice>& choices,
                  Rating& rating);

// Canonical JSON of a rating (the wire and storage format, documented in
// docs/sync-protocol.md). Keys: id, dossier_code, stage, channel, official_id, form_id,
// form_version, answers[{question_id, option_id, indicator, points|null, follow_ups}], flags,
// created_utc (ISO 8601), utc_offset_minutes, local_date, sequence, kiosk_id, unit_code.
nlohmann::json rating_to_json(const Rating& rating);
// rating_to_json(rating).dump(), byte for byte, written directly: the upload queue makes one
// per rating sent, and building the nlohmann tree cost more than everything else it does.
std::string rating_to_canonical_json(const Rating& rating);
// Validates every field (types, UUID, stage, channel, dates, offset range, points 0..100);
// throws std::invalid_argument naming the field.
Rating rating_from_json(const nlohmann::json& json);

// Two ratings are "the same content" for idempotent upload when their canonical JSON is equal.
bool same_content(const Rating& a, const Rating& b);

}  // namespace motcua
