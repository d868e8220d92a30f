#include "kiosk/flow/paper_entry.hpp"

#include <algorithm>

#include "core/uuid.hpp"

namespace motcua::kiosk {

PaperEntry::PaperEntry(const Form& form, const KioskSettings& settings,
                       const DossierCodeValidator& validator, const Clock& clock, RatingSink& sink)
    : form_(form), settings_(settings), validator_(validator), clock_(clock), sink_(sink) {}

void PaperEntry::log(const std::string& line) const {
    if (log_) {
        log_(line);
    }
}

void PaperEntry::start(const StaffMember& supervisor, std::vector<StaffMember> officials) {
    supervisor_ = supervisor;
    officials_ = std::move(officials);
    message_ = PaperMessage::none;
    saved_code_.clear();
    reset_form();
}

void PaperEntry::stop() {
    supervisor_.reset();
    officials_.clear();
    message_ = PaperMessage::none;
    saved_code_.clear();
    reset_form();
}

void PaperEntry::reset_form() {
    step_ = PaperStep::code;
    code_field_.clear();
    code_from_keyboard_ = false;
    code_problem_ = DossierCodeProblem::none;
    rating_id_.clear();
    dossier_code_.clear();
    stage_.reset();
    questions_.clear();
    chosen_.clear();
    follow_ups_.clear();
    position_ = 0;
    back_to_review_ = false;
    official_.reset();
    official_chosen_ = false;
}

//-----------------------------------------------------------------------------
// Dossier code
//-----------------------------------------------------------------------------

void PaperEntry::type_on_keypad(std::string_view text) {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    if (code_from_keyboard_) {
        code_field_.clear();
        code_from_keyboard_ = false;
    }
    for (char c : text) {
        if (code_field_.length() >= validator_.rules().max_length) {
            break;
        }
        code_field_.push(static_cast<unsigned char>(c));
    }
    code_problem_ = DossierCodeProblem::none;
    message_ = PaperMessage::none;
}

void PaperEntry::type_char(char32_t code_point) {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    // A keyboard or scanner after keypad taps (or after a refused code) starts a fresh code.
    if (!code_from_keyboard_) {
        code_field_.clear();
        code_from_keyboard_ = true;
    }
    if (code_field_.length() < validator_.rules().max_length) {
        code_field_.push(code_point);
    }
    code_problem_ = DossierCodeProblem::none;
    message_ = PaperMessage::none;
}

void PaperEntry::erase_last() {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    code_field_.pop();
    code_problem_ = DossierCodeProblem::none;
}

void PaperEntry::clear_code() {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    code_field_.clear();
    code_problem_ = DossierCodeProblem::none;
}

void PaperEntry::submit_code() {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    code_from_keyboard_ = false;
    DossierCodeResult result = validator_.check(code_field_.text());
    if (!result.ok()) {
        code_problem_ = result.problem;
        message_ = PaperMessage::code_refused;
        return;
    }
    message_ = PaperMessage::none;
    dossier_code_ = result.code;
    rating_id_ = make_uuid_v4();
    if (form_.stages.size() > 1) {
        step_ = PaperStep::stage;
        return;
    }
    begin_questions(form_.stages.front());
}

//-----------------------------------------------------------------------------
// Stage, questions, official, review
//-----------------------------------------------------------------------------

void PaperEntry::choose_stage(std::size_t index) {
    if (!active() || step_ != PaperStep::stage || index >= form_.stages.size()) {
        return;
    }
    begin_questions(form_.stages[index]);
}

void PaperEntry::begin_questions(Stage stage) {
    // A store that cannot answer now is asked again when saving.
    if (sink_.lookup(dossier_code_, stage) == LookupStatus::rated) {
        message_ = PaperMessage::already_rated;
        step_ = PaperStep::code;
        return;
    }
    message_ = PaperMessage::none;
    stage_ = stage;
    questions_ = form_.questions_for(stage);
    chosen_.assign(questions_.size(), std::nullopt);
    follow_ups_.clear();
    for (const Question* q : questions_) {
        follow_ups_.emplace_back(q->follow_up ? q->follow_up->choices.size() : 0, false);
    }
    position_ = 0;
    step_ = questions_.empty() ? PaperStep::official : PaperStep::question;
}

const Question* PaperEntry::question() const {
    if (step_ != PaperStep::question || position_ >= questions_.size()) {
        return nullptr;
    }
    return questions_[position_];
}

std::optional<std::size_t> PaperEntry::chosen(std::size_t position) const {
    return position < chosen_.size() ? chosen_[position] : std::nullopt;
}

bool PaperEntry::follow_up_applies(std::size_t position) const {
    const Question* q = questions_[position];
    const std::optional<std::size_t>& answer = chosen_[position];
    if (!q->follow_up || !answer) {
        return false;
    }
    const std::optional<int>& points = q->options[*answer].points;
    return points && *points <= q->follow_up->when_points_at_most;
}

bool PaperEntry::follow_up_shown() const {
    return question() != nullptr && follow_up_applies(position_);
}

bool PaperEntry::follow_up_picked(std::size_t index) const {
    if (position_ >= follow_ups_.size()) {
        return false;
    }
    const std::vector<bool>& picked = follow_ups_[position_];
    return index < picked.size() && picked[index];
}

std::vector<std::string> PaperEntry::follow_up_ids(std::size_t position) const {
    std::vector<std::string> ids;
    if (position >= questions_.size() || !follow_up_applies(position)) {
        return ids;
    }
    const Question* q = questions_[position];
    for (std::size_t i = 0; i < follow_ups_[position].size(); ++i) {
        if (follow_ups_[position][i]) {
            ids.push_back(q->follow_up->choices[i].id);
        }
    }
    return ids;
}

void PaperEntry::choose_option(std::size_t index) {
    const Question* q = question();
    if (!active() || !q || index >= q->options.size()) {
        return;
    }
    chosen_[position_] = index;
    message_ = PaperMessage::none;
    if (!follow_up_applies(position_)) {
        advance();
    }
}

void PaperEntry::toggle_follow_up(std::size_t index) {
    if (!active() || !follow_up_shown()) {
        return;
    }
    const FollowUp& follow_up = *question()->follow_up;
    if (index >= follow_up.choices.size()) {
        return;
    }
    std::vector<bool>& picked = follow_ups_[position_];
    bool now_picked = !picked[index];
    if (!follow_up.multiple) {
        std::fill(picked.begin(), picked.end(), false);
    }
    picked[index] = now_picked;
}

void PaperEntry::next_question() {
    const Question* q = question();
    if (!active() || !q) {
        return;
    }
    if (chosen_[position_]) {
        advance();
    } else if (q->skippable) {
        skip_question();
    } else {
        message_ = PaperMessage::answer_needed;
    }
}

void PaperEntry::skip_question() {
    const Question* q = question();
    if (!active() || !q || !q->skippable) {
        return;
    }
    chosen_[position_].reset();
    advance();
}

void PaperEntry::advance() {
    // Follow-up choices belong to a low answer; any other answer drops them.
    if (!follow_up_applies(position_)) {
        std::fill(follow_ups_[position_].begin(), follow_ups_[position_].end(), false);
    }
    message_ = PaperMessage::none;
    if (back_to_review_) {
        back_to_review_ = false;
        step_ = PaperStep::review;
        return;
    }
    if (position_ + 1 < questions_.size()) {
        ++position_;
        return;
    }
    step_ = PaperStep::official;
}

void PaperEntry::choose_official(std::optional<std::size_t> index) {
    if (!active() || step_ != PaperStep::official || (index && *index >= officials_.size())) {
        return;
    }
    official_.reset();
    if (index) {
        official_ = officials_[*index];
    }
    official_chosen_ = true;
    step_ = PaperStep::review;
}

void PaperEntry::edit_answer(std::size_t position) {
    if (!active() || step_ != PaperStep::review || position >= questions_.size()) {
        return;
    }
    position_ = position;
    back_to_review_ = true;
    message_ = PaperMessage::none;
    step_ = PaperStep::question;
}

void PaperEntry::edit_official() {
    if (!active() || step_ != PaperStep::review) {
        return;
    }
    message_ = PaperMessage::none;
    step_ = PaperStep::official;
}

void PaperEntry::back() {
    if (!active()) {
        return;
    }
    message_ = PaperMessage::none;
    switch (step_) {
        case PaperStep::code:
            return;
        case PaperStep::stage:
            step_ = PaperStep::code;
            return;
        case PaperStep::question:
            if (back_to_review_) {
                back_to_review_ = false;
                step_ = PaperStep::review;
            } else if (position_ > 0) {
                --position_;
            } else {
                step_ = form_.stages.size() > 1 ? PaperStep::stage : PaperStep::code;
            }
            return;
        case PaperStep::official:
            if (questions_.empty()) {
                step_ = form_.stages.size() > 1 ? PaperStep::stage : PaperStep::code;
                return;
            }
            position_ = questions_.size() - 1;
            step_ = PaperStep::question;
            return;
        case PaperStep::review:
            step_ = PaperStep::official;
            return;
    }
}

//-----------------------------------------------------------------------------
// Saving
//-----------------------------------------------------------------------------

bool PaperEntry::build_rating(Rating& out) const {
    std::vector<Choice> choices;
    for (std::size_t i = 0; i < questions_.size(); ++i) {
        if (chosen_[i]) {
            choices.push_back(
                {questions_[i]->id, questions_[i]->options[*chosen_[i]].id, follow_up_ids(i)});
        }
    }
    Rating rating;
    rating.id = rating_id_;
    rating.dossier_code = dossier_code_;
    rating.stage = *stage_;
    rating.channel = Channel::paper;
    rating.official_id = official_ ? official_->id : std::string();
    rating.form_id = form_.id;
    rating.form_version = form_.version;
    rating.created_utc = clock_.now_utc();
    rating.utc_offset_minutes = clock_.utc_offset_minutes(rating.created_utc);
    rating.local_date = local_date(rating.created_utc, rating.utc_offset_minutes);
    rating.kiosk_id = settings_.kiosk_id;
    rating.unit_code = settings_.unit_code;
    try {
        fill_answers(form_, rating.stage, choices, rating);
    } catch (const FormError&) {
        return false;
    }
    out = std::move(rating);
    return true;
}

void PaperEntry::save() {
    if (!active() || step_ != PaperStep::review || !stage_) {
        return;
    }
    Rating rating;
    if (!build_rating(rating)) {
        // Only a question that may not be skipped can be missing: show the first one.
        for (std::size_t i = 0; i < questions_.size(); ++i) {
            if (!chosen_[i] && !questions_[i]->skippable) {
                position_ = i;
                break;
            }
        }
        back_to_review_ = true;
        step_ = PaperStep::question;
        message_ = PaperMessage::answer_needed;
        return;
    }
    SaveResult result = sink_.save(rating);
    switch (result.status) {
        case SaveStatus::saved: {
            if (records_) {
                std::string detail = "dossier " + rating.dossier_code + ", stage " +
                                     std::string(to_string(rating.stage)) + ", official " +
                                     (rating.official_id.empty() ? "none" : rating.official_id);
                records_->audit(supervisor_->id, "paper_entry", rating.id, detail);
            }
            log("paper form saved: rating " + rating.id + " by " + supervisor_->id);
            saved_code_ = rating.dossier_code;
            message_ = PaperMessage::saved;
            reset_form();
            return;
        }
        case SaveStatus::duplicate:
            log("paper form refused: dossier " + rating.dossier_code + " already rated");
            message_ = PaperMessage::already_rated;
            return;
        case SaveStatus::failed:
            log("STAFF ALERT: paper form not saved: " + result.detail);
            message_ = PaperMessage::save_failed;
            return;
    }
}

}  // namespace motcua::kiosk
