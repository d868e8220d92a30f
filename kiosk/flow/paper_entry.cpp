#include "kiosk/flow/paper_entry.hpp"

#include <algorithm>

#include "core/uuid.hpp"

namespace motcua::kiosk {

PaperEntry::PaperEntry(const Form& form, const KioskSettings& settings,
                       const DossierCodeValidator& validator, const Clock& clock, RatingSink& sink)
    : form_(form), settings_(settings), clock_(clock), sink_(sink), code_field_(validator) {}

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
    chosen_date_.reset();
    reset_form();
}

void PaperEntry::stop() {
    supervisor_.reset();
    officials_.clear();
    message_ = PaperMessage::none;
    saved_code_.clear();
    chosen_date_.reset();
    reset_form();
}

void PaperEntry::reset_form() {
    step_ = PaperStep::code;
    code_field_.clear();
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
    date_opened_from_ = PaperStep::code;
}

//-----------------------------------------------------------------------------
// Dossier code
//-----------------------------------------------------------------------------

void PaperEntry::type_on_keypad(std::string_view text) {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    code_field_.tap(text);
    message_ = PaperMessage::none;
}

void PaperEntry::type_char(char32_t code_point) {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    code_field_.type(code_point);
    message_ = PaperMessage::none;
}

void PaperEntry::erase_last() {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    code_field_.erase_last();
}

void PaperEntry::clear_code() {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    code_field_.clear();
}

void PaperEntry::submit_code() {
    if (!active() || step_ != PaperStep::code) {
        return;
    }
    DossierCodeResult result = code_field_.submit();
    if (!result.ok()) {
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
// The form's date
//-----------------------------------------------------------------------------

std::string PaperEntry::today() const {
    UtcMillis now = clock_.now_utc();
    return local_date(now, clock_.utc_offset_minutes(now));
}

std::string PaperEntry::form_date() const {
    return chosen_date_ ? *chosen_date_ : today();
}

int PaperEntry::days_back() const {
    return static_cast<int>(days_from_civil(today()) - days_from_civil(form_date()));
}

void PaperEntry::change_date() {
    if (!active() || (step_ != PaperStep::code && step_ != PaperStep::review)) {
        return;
    }
    date_opened_from_ = step_;
    message_ = PaperMessage::none;
    step_ = PaperStep::date;
}

void PaperEntry::choose_days_back(int days) {
    if (!active() || step_ != PaperStep::date) {
        return;
    }
    if (days < 0) {
        message_ = PaperMessage::date_in_future;
        return;
    }
    if (days > kMaxDaysBack) {
        message_ = PaperMessage::date_too_old;
        return;
    }
    message_ = PaperMessage::none;
    if (days == 0) {
        chosen_date_.reset();
        return;
    }
    chosen_date_ = civil_from_days(days_from_civil(today()) - days);
}

void PaperEntry::previous_day() {
    choose_days_back(days_back() + 1);
}

void PaperEntry::next_day() {
    choose_days_back(days_back() - 1);
}

void PaperEntry::confirm_date() {
    if (!active() || step_ != PaperStep::date) {
        return;
    }
    message_ = PaperMessage::none;
    step_ = date_opened_from_;
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
        code_field_.next_keyboard_starts_new_code();  // the next form's scan replaces it
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
        case PaperStep::date:
            step_ = date_opened_from_;
            return;
    }
}

//-----------------------------------------------------------------------------
// Saving
//-----------------------------------------------------------------------------

void PaperEntry::set_times(Rating& rating) const {
    UtcMillis now = clock_.now_utc();
    if (!chosen_date_ || *chosen_date_ == today()) {
        rating.created_utc = now;
        rating.utc_offset_minutes = clock_.utc_offset_minutes(now);
        rating.local_date = local_date(now, rating.utc_offset_minutes);
        return;
    }
    // Noon lies on that local day whatever the offset (as `motcua record --date` does).
    const LocalMoment noon = utc_of_local_time(clock_, *chosen_date_, 12 * 60);
    rating.created_utc = noon.utc;
    rating.utc_offset_minutes = noon.offset_minutes;
    rating.local_date = *chosen_date_;
}

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
    set_times(rating);
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
    // The clock went back since the date was chosen: never a rating dated in the future.
    if (days_back() < 0) {
        message_ = PaperMessage::date_in_future;
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
                                     (rating.official_id.empty() ? "none" : rating.official_id) +
                                     ", form date " + rating.local_date;
                records_->audit(supervisor_->id, "paper_entry", rating.id, detail);
            }
            log("paper form saved: rating " + rating.id + " dated " + rating.local_date + " by " +
                supervisor_->id);
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
