#include "kiosk/flow/void_desk.hpp"

namespace motcua::kiosk {

namespace {

std::string local_today(const Clock& clock) {
    UtcMillis now = clock.now_utc();
    return local_date(now, clock.utc_offset_minutes(now));
}

}  // namespace

VoidDesk::VoidDesk(const Form& form, const DossierCodeValidator& validator, const Clock& clock)
    : form_(form), clock_(clock), code_field_(validator), search_stage_(form.stages.front()) {}

void VoidDesk::log(const std::string& line) const {
    if (log_) {
        log_(line);
    }
}

void VoidDesk::start(const StaffMember& supervisor) {
    supervisor_ = supervisor;
    step_ = VoidStep::find;
    message_ = VoidMessage::none;
    code_field_.clear();
    search_stage_ = form_.stages.front();
    chosen_.reset();
    reason_.clear();
    voided_code_.clear();
    today_ = local_today(clock_);
    day_ = today_;
    load_names();
    load_day();
}

void VoidDesk::stop() {
    supervisor_.reset();
    step_ = VoidStep::find;
    message_ = VoidMessage::none;
    day_ratings_.clear();
    official_names_.clear();
    code_field_.clear();
    chosen_.reset();
    reason_.clear();
    voided_code_.clear();
}

void VoidDesk::load_names() {
    official_names_.clear();
    if (!records_) {
        return;
    }
    for (const StaffMember& member : records_->all_staff()) {
        official_names_[member.id] = member.name;
    }
}

void VoidDesk::load_day() {
    day_ratings_.clear();
    if (!records_) {
        return;
    }
    Fetched<std::vector<Rating>> ratings = records_->ratings_on(day_);
    if (!ratings.value) {
        message_ = VoidMessage::read_failed;
        return;
    }
    day_ratings_ = std::move(*ratings.value);
}

//-----------------------------------------------------------------------------
// Finding the rating
//-----------------------------------------------------------------------------

bool VoidDesk::day_is_today() const {
    return day_ == today_;
}

void VoidDesk::previous_day() {
    if (!active() || step_ != VoidStep::find) {
        return;
    }
    day_ = civil_from_days(days_from_civil(day_) - 1);
    message_ = VoidMessage::none;
    load_day();
}

void VoidDesk::next_day() {
    if (!active() || step_ != VoidStep::find || day_is_today()) {
        return;
    }
    day_ = civil_from_days(days_from_civil(day_) + 1);
    message_ = VoidMessage::none;
    load_day();
}

void VoidDesk::show_today() {
    if (!active() || step_ != VoidStep::find) {
        return;
    }
    day_ = today_;
    message_ = VoidMessage::none;
    load_day();
}

void VoidDesk::choose(std::size_t index) {
    if (!active() || step_ != VoidStep::find || index >= day_ratings_.size()) {
        return;
    }
    take(day_ratings_[index]);
}

std::string VoidDesk::official_name(const std::string& official_id) const {
    auto it = official_names_.find(official_id);
    return it == official_names_.end() || it->second.empty() ? official_id : it->second;
}

void VoidDesk::take(Rating rating) {
    chosen_ = std::move(rating);
    reason_.clear();
    message_ = VoidMessage::none;
    step_ = VoidStep::reason;
}

void VoidDesk::type_on_keypad(std::string_view text) {
    if (!active() || step_ != VoidStep::find) {
        return;
    }
    code_field_.tap(text);
    message_ = VoidMessage::none;
}

void VoidDesk::type_char(char32_t code_point) {
    if (!active() || step_ != VoidStep::find) {
        return;
    }
    code_field_.type(code_point);
    message_ = VoidMessage::none;
}

void VoidDesk::erase_code() {
    if (active() && step_ == VoidStep::find) {
        code_field_.erase_last();
        message_ = VoidMessage::none;
    }
}

void VoidDesk::clear_code() {
    if (active() && step_ == VoidStep::find) {
        code_field_.clear();
        message_ = VoidMessage::none;
    }
}

void VoidDesk::choose_search_stage(std::size_t index) {
    if (active() && step_ == VoidStep::find && index < form_.stages.size()) {
        search_stage_ = form_.stages[index];
    }
}

void VoidDesk::find_by_code() {
    if (!active() || step_ != VoidStep::find || !records_) {
        return;
    }
    DossierCodeResult code = code_field_.submit();
    if (!code.ok()) {
        message_ = VoidMessage::code_refused;
        return;
    }
    Fetched<std::optional<Rating>> found = records_->find_rating(code.code, search_stage_);
    if (!found.value || !*found.value) {
        // The code stays for another stage or a keypad fix; the next scan replaces it.
        code_field_.next_keyboard_starts_new_code();
        message_ = found.value ? VoidMessage::not_found : VoidMessage::read_failed;
        return;
    }
    code_field_.clear();
    take(std::move(**found.value));
}

//-----------------------------------------------------------------------------
// The reason and the confirmation
//-----------------------------------------------------------------------------

void VoidDesk::type_reason(std::string_view utf8) {
    if (active() && step_ == VoidStep::reason) {
        reason_.type(utf8);
        message_ = VoidMessage::none;
    }
}

void VoidDesk::type_reason_char(char32_t code_point) {
    if (active() && step_ == VoidStep::reason) {
        reason_.push(code_point);
        message_ = VoidMessage::none;
    }
}

void VoidDesk::erase_reason() {
    if (active() && step_ == VoidStep::reason) {
        reason_.pop();
    }
}

void VoidDesk::apply_tone(ToneMark mark) {
    if (active() && step_ == VoidStep::reason) {
        reason_.apply_tone(mark);
    }
}

void VoidDesk::ask_confirmation() {
    if (!active() || step_ != VoidStep::reason) {
        return;
    }
    if (reason_.blank()) {
        message_ = VoidMessage::reason_needed;
        return;
    }
    message_ = VoidMessage::none;
    step_ = VoidStep::confirm;
}

void VoidDesk::confirm_void() {
    if (!active() || step_ != VoidStep::confirm || !chosen_ || !records_ || reason_.blank()) {
        return;
    }
    VoidResult result = records_->void_rating(chosen_->id, reason_.text(), supervisor_->id);
    switch (result.status) {
        case VoidStatus::voided:
            log("rating " + chosen_->id + " voided by " + supervisor_->id);
            voided_code_ = chosen_->dossier_code;
            message_ = VoidMessage::voided;
            chosen_.reset();
            reason_.clear();
            step_ = VoidStep::find;
            load_day();
            return;
        case VoidStatus::refused:
            log("void of rating " + chosen_->id + " refused: " + result.detail);
            message_ = VoidMessage::refused;
            chosen_.reset();
            reason_.clear();
            step_ = VoidStep::find;
            load_day();
            return;
        case VoidStatus::failed:
            log("STAFF ALERT: void of rating " + chosen_->id + " failed: " + result.detail);
            message_ = VoidMessage::failed;
            step_ = VoidStep::reason;
            return;
    }
}

void VoidDesk::back() {
    if (!active()) {
        return;
    }
    message_ = VoidMessage::none;
    if (step_ == VoidStep::confirm) {
        step_ = VoidStep::reason;
    } else if (step_ == VoidStep::reason) {
        chosen_.reset();
        reason_.clear();
        step_ = VoidStep::find;
    }
}

}  // namespace motcua::kiosk
