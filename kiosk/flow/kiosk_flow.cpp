#include "kiosk/flow/kiosk_flow.hpp"

#include <algorithm>

// [SECTION] Devices: characters, keys, pointer
// [SECTION] Time
// [SECTION] Welcome
// [SECTION] Dossier code
// [SECTION] Stage, questions, follow-ups, review
// [SECTION] Saving
// [SECTION] Leaving
// [SECTION] Staff
// [SECTION] Desk sign-in
// [SECTION] Sync and settings

#include "core/uuid.hpp"

namespace motcua::kiosk {

namespace {

constexpr std::int64_t kMillisPerSecond = 1000;
constexpr std::int64_t kMillisPerDay = 86400000;
constexpr std::size_t kMaxPinDigits = 12;

bool is_answer_digit(char32_t c, std::size_t count) {
    return c >= U'1' && c <= U'9' && static_cast<std::size_t>(c - U'0') <= count;
}

}  // namespace

KioskFlow::KioskFlow(const Form& form, const KioskSettings& settings,
                     const DossierCodeValidator& validator, const Clock& clock, RatingSink& sink,
                     StaffGate& staff)
    : form_(form),
      settings_(settings),
      validator_(validator),
      clock_(clock),
      sink_(sink),
      staff_(staff),
      language_(settings.language),
      screen_since_(clock.now_utc()),
      last_activity_(clock.now_utc()),
      code_field_(validator),
      paper_(form, settings, validator, clock, sink),
      voids_(form, validator, clock),
      audit_(clock) {
    load_pin_lock();
    restore_desk_official();
}

void KioskFlow::set_logger(std::function<void(std::string_view)> log) {
    log_ = log;
    paper_.set_logger(log);
    voids_.set_logger(std::move(log));
}

void KioskFlow::set_staff_records(StaffRecords* records) {
    records_ = records;
    paper_.set_records(records);
    voids_.set_records(records);
    audit_.set_records(records);
}

void KioskFlow::go_to(Screen screen) {
    // What was typed on a corrections screen does not outlive it.
    if (screen != Screen::staff_paper) {
        paper_.stop();
    }
    if (screen != Screen::staff_void) {
        voids_.stop();
    }
    if (screen != Screen::staff_audit) {
        audit_.stop();
    }
    screen_ = screen;
    screen_since_ = now();
    bad_scan_notice_ = false;
    answer_hint_ = false;
    typing_snapshot_.reset();
    changed();
}

void KioskFlow::log(const std::string& line) const {
    if (log_) {
        log_(line);
    }
}

void KioskFlow::note_activity() {
    bool countdown_was_showing = countdown_seconds_left().has_value();
    last_activity_ = now();
    if (countdown_was_showing) {
        changed();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Devices: characters, keys, pointer
//-----------------------------------------------------------------------------

void KioskFlow::on_char(char32_t code_point) {
    note_activity();
    if (screen_ == Screen::staff_pin) {
        take_pin_char(code_point);
        return;
    }
    if (screen_ == Screen::staff_paper || screen_ == Screen::staff_void) {
        take_staff_char(code_point);
        return;
    }
    if (is_staff_screen(screen_)) {
        return;  // staff screens are worked by touch; a scan there is not a dossier code
    }
    if (screen_ == Screen::code_entry) {
        code_field_.type(code_point);
        changed();
        return;
    }
    if (!assembler_.empty() && now() - last_char_at_ > kScanGapMs) {
        assembler_.clear();
    }
    last_char_at_ = now();
    if (assembler_.empty()) {
        typing_snapshot_ = session_;
    }
    assembler_.push(code_point);
    route_char_to_screen(code_point);
}

void KioskFlow::route_char_to_screen(char32_t code_point) {
    std::size_t count = answer_key_count();
    if (!is_answer_digit(code_point, count)) {
        return;
    }
    std::size_t index = static_cast<std::size_t>(code_point - U'1');
    switch (screen_) {
        case Screen::stage_choice:
            highlight_stage(index);
            break;
        case Screen::question:
            select_option(index);
            break;
        case Screen::follow_up:
            toggle_follow_up(index);
            break;
        default:
            break;
    }
}

std::size_t KioskFlow::answer_key_count() const {
    switch (screen_) {
        case Screen::stage_choice:
            return form_.stages.size();
        case Screen::question:
            return question() ? question()->options.size() : 0;
        case Screen::follow_up: {
            const Question* q = question();
            return q && q->follow_up ? q->follow_up->choices.size() : 0;
        }
        default:
            return 0;
    }
}

bool KioskFlow::only_answer_digits(const std::string& text) const {
    std::size_t count = answer_key_count();
    if (count == 0) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [count](char c) {
        return is_answer_digit(static_cast<unsigned char>(c), count);
    });
}

void KioskFlow::on_key(FlowKey key) {
    note_activity();
    if ((screen_ == Screen::staff_paper || screen_ == Screen::staff_void) &&
        (key == FlowKey::enter || key == FlowKey::backspace)) {
        take_staff_key(key);
        return;
    }
    switch (key) {
        case FlowKey::enter: {
            if (screen_ == Screen::code_entry) {
                submit_code();
                return;
            }
            if (screen_ == Screen::staff_pin) {
                bool scan_just_ended = pin_run_is_scan_ && now() - last_char_at_ <= kScanGapMs;
                bool digits_scanned = !pin_run_is_scan_ && pin_run_is_burst_ &&
                                      pin_run_length_ >= kMinScanDigits &&
                                      now() - last_char_at_ <= kScanKeyGapMs;
                pin_run_is_scan_ = false;
                pin_run_length_ = 0;
                if (digits_scanned) {
                    // A receipt whose code is only digits: undo what its digits did.
                    pin_ = pin_before_run_;
                    pin_official_ = official_before_run_;
                    log("scanned input on the PIN pad ignored");
                    changed();
                    return;
                }
                if (!scan_just_ended) {
                    submit_pin();
                }
                return;
            }
            std::size_t typed_length = assembler_.length();
            std::string typed = assembler_.take();
            if (typed_length >= 2 && !only_answer_digits(typed) && !is_staff_screen(screen_)) {
                handle_scan(typed);
                return;
            }
            typing_snapshot_.reset();
            confirm_screen();
            return;
        }
        case FlowKey::backspace:
            assembler_.clear();
            if (screen_ == Screen::code_entry) {
                erase_last();
            } else if (screen_ == Screen::staff_pin && pin_official_ && !pin_.empty()) {
                erase_pin_digit();
            } else {
                go_back();
            }
            return;
        case FlowKey::escape:
            assembler_.clear();
            abandon();
            return;
        case FlowKey::staff:
            assembler_.clear();
            request_staff();
            return;
    }
}

void KioskFlow::on_pointer() {
    note_activity();
}

void KioskFlow::confirm_screen() {
    switch (screen_) {
        case Screen::welcome:
            begin_code_entry();
            break;
        case Screen::stage_choice:
            if (session_.stage_highlight) {
                choose_stage(form_.stages[*session_.stage_highlight]);
            }
            break;
        case Screen::question:
            confirm();
            break;
        case Screen::follow_up:
            finish_follow_up();
            break;
        case Screen::review:
            send();
            break;
        case Screen::thank_you:
        case Screen::already_rated:
            finish();
            break;
        case Screen::save_failed:
            retry_save();
            break;
        default:
            break;
    }
}

void KioskFlow::handle_scan(const std::string& text) {
    DossierCodeResult result = validator_.check(text);
    bool mid_form = screen_ == Screen::stage_choice || screen_ == Screen::question ||
                    screen_ == Screen::follow_up || screen_ == Screen::review;
    if (result.ok()) {
        if (mid_form && result.code == session_.dossier_code) {
            // The same receipt scanned again: keep the answers given so far.
            if (typing_snapshot_) {
                session_ = *typing_snapshot_;
            }
            typing_snapshot_.reset();
            changed();
            return;
        }
        start_session(result.code);
        return;
    }
    log("refused scanned code: " + result.message_en);
    if (mid_form) {
        if (typing_snapshot_) {
            session_ = *typing_snapshot_;
        }
        typing_snapshot_.reset();
        bad_scan_notice_ = true;
        changed();
        return;
    }
    go_to(Screen::code_entry);
    code_field_.show_refused(text, result.problem);
}

//-----------------------------------------------------------------------------
// [SECTION] Time
//-----------------------------------------------------------------------------

bool KioskFlow::countdown_applies() const {
    switch (screen_) {
        case Screen::code_entry:
        case Screen::stage_choice:
        case Screen::question:
        case Screen::follow_up:
        case Screen::review:
        case Screen::already_rated:
        case Screen::save_failed:
            return true;
        default:
            return false;
    }
}

std::optional<int> KioskFlow::countdown_seconds_left() const {
    if (!countdown_applies()) {
        return std::nullopt;
    }
    std::int64_t idle_ms = settings_.idle_seconds * kMillisPerSecond;
    std::int64_t idle_for = now() - last_activity_;
    if (idle_for < idle_ms) {
        return std::nullopt;
    }
    std::int64_t left_ms = settings_.countdown_seconds * kMillisPerSecond - (idle_for - idle_ms);
    if (left_ms <= 0) {
        return 0;
    }
    return static_cast<int>((left_ms + kMillisPerSecond - 1) / kMillisPerSecond);
}

void KioskFlow::tick() {
    apply_timeouts();
    if (!unsaved_.empty() && now() >= next_retry_at_) {
        failed_rating_outcome_.reset();
        retry_unsaved();
        if (screen_ == Screen::save_failed && failed_rating_outcome_ &&
            *failed_rating_outcome_ != SaveStatus::failed) {
            go_to(*failed_rating_outcome_ == SaveStatus::saved ? Screen::thank_you
                                                               : Screen::already_rated);
        }
        changed();
    }
}

void KioskFlow::apply_timeouts() {
    UtcMillis t = now();
    std::int64_t idle_for = t - last_activity_;
    std::int64_t idle_ms = settings_.idle_seconds * kMillisPerSecond;
    if (screen_ == Screen::thank_you &&
        t - screen_since_ >= settings_.thank_you_seconds * kMillisPerSecond) {
        go_welcome();
        return;
    }
    if (countdown_applies() &&
        idle_for >= idle_ms + settings_.countdown_seconds * kMillisPerSecond) {
        log("idle timeout on " + std::string(to_string(screen_)) + ": back to welcome");
        go_welcome();
        return;
    }
    if (is_staff_screen(screen_) && idle_for >= settings_.staff_idle_seconds * kMillisPerSecond) {
        leave_staff();
        return;
    }
    if (screen_ == Screen::welcome && language_ != settings_.language && idle_for >= idle_ms) {
        language_ = settings_.language;
        changed();
    }
    if (corner_held_since_ && t - *corner_held_since_ >= kStaffLongPressMs) {
        corner_held_since_.reset();
        request_staff();
    }
    if (desk_official_ && !desk_date_.empty() && today() != desk_date_) {
        end_desk_session("system", "end of the day");
    }
}

std::optional<UtcMillis> KioskFlow::next_wakeup() const {
    std::optional<UtcMillis> next;
    auto consider = [&next](UtcMillis at) {
        if (!next || at < *next) {
            next = at;
        }
    };
    std::int64_t idle_ms = settings_.idle_seconds * kMillisPerSecond;
    if (screen_ == Screen::thank_you) {
        consider(screen_since_ + settings_.thank_you_seconds * kMillisPerSecond);
    }
    if (countdown_applies()) {
        std::int64_t idle_for = now() - last_activity_;
        if (idle_for < idle_ms) {
            consider(last_activity_ + idle_ms);
        } else {
            // The next whole second of the countdown (its last one ends the session).
            std::int64_t into = idle_for - idle_ms;
            consider(last_activity_ + idle_ms + (into / kMillisPerSecond + 1) * kMillisPerSecond);
        }
    }
    if (is_staff_screen(screen_)) {
        consider(last_activity_ + settings_.staff_idle_seconds * kMillisPerSecond);
    }
    if (screen_ == Screen::welcome && language_ != settings_.language) {
        consider(last_activity_ + idle_ms);
    }
    if (corner_held_since_) {
        consider(*corner_held_since_ + kStaffLongPressMs);
    }
    if (!unsaved_.empty()) {
        consider(next_retry_at_);
    }
    if (pin_locked_until_ > now()) {
        consider(pin_locked_until_);
    }
    if (desk_official_ && !desk_date_.empty()) {
        consider(next_local_midnight());
    }
    return next;
}

//-----------------------------------------------------------------------------
// [SECTION] Welcome
//-----------------------------------------------------------------------------

void KioskFlow::begin_code_entry() {
    note_activity();
    code_field_.clear();
    go_to(Screen::code_entry);
}

void KioskFlow::set_language(Language language) {
    note_activity();
    if (language_ != language) {
        language_ = language;
        changed();
    }
}

void KioskFlow::hold_staff_corner(bool held) {
    if (!held || screen_ != Screen::welcome) {
        corner_held_since_.reset();
        return;
    }
    if (!corner_held_since_) {
        corner_held_since_ = now();
    }
    if (now() - *corner_held_since_ >= kStaffLongPressMs) {
        corner_held_since_.reset();
        request_staff();
    }
}

void KioskFlow::request_staff() {
    note_activity();
    if (screen_ != Screen::welcome) {
        return;
    }
    load_pin_lock();
    pin_candidates_ = staff_.active_staff();
    pin_official_.reset();
    pin_.clear();
    pin_problem_ = PinProblem::none;
    pin_run_is_scan_ = false;
    pin_run_length_ = 0;
    go_to(Screen::staff_pin);
}

void KioskFlow::set_desk_official(std::optional<StaffMember> official) {
    desk_official_ = std::move(official);
    changed();
}

//-----------------------------------------------------------------------------
// [SECTION] Dossier code
//-----------------------------------------------------------------------------

void KioskFlow::type_on_keypad(std::string_view text) {
    note_activity();
    if (screen_ != Screen::code_entry) {
        return;
    }
    code_field_.tap(text);
    changed();
}

void KioskFlow::erase_last() {
    note_activity();
    if (screen_ != Screen::code_entry) {
        return;
    }
    code_field_.erase_last();
    changed();
}

void KioskFlow::clear_code() {
    note_activity();
    if (screen_ != Screen::code_entry) {
        return;
    }
    code_field_.clear();
    changed();
}

void KioskFlow::submit_code() {
    note_activity();
    if (screen_ != Screen::code_entry) {
        return;
    }
    DossierCodeResult result = code_field_.submit();
    if (!result.ok()) {
        log("refused dossier code: " + result.message_en);
        changed();
        return;
    }
    start_session(result.code);
}

//-----------------------------------------------------------------------------
// [SECTION] Stage, questions, follow-ups, review
//-----------------------------------------------------------------------------

void KioskFlow::start_session(const std::string& code) {
    session_ = Session{};
    session_.rating_id = make_uuid_v4();
    session_.dossier_code = code;
    assembler_.clear();
    if (has_stage_choice()) {
        go_to(Screen::stage_choice);
        return;
    }
    begin_questions(form_.stages.front());
}

void KioskFlow::highlight_stage(std::size_t index) {
    note_activity();
    if (screen_ != Screen::stage_choice || index >= form_.stages.size()) {
        return;
    }
    session_.stage_highlight = index;
    changed();
}

void KioskFlow::choose_stage(Stage stage) {
    note_activity();
    if (screen_ != Screen::stage_choice || !form_.applies_to(stage)) {
        return;
    }
    begin_questions(stage);
}

void KioskFlow::begin_questions(Stage stage) {
    switch (sink_.lookup(session_.dossier_code, stage)) {
        case LookupStatus::rated:
            log("dossier " + session_.dossier_code + " already rated at stage " +
                std::string(to_string(stage)));
            session_ = Session{};
            go_to(Screen::already_rated);
            return;
        case LookupStatus::failed:
            // Let the citizen answer; the save checks again and keeps the answers if it fails.
            lookup_failed_ = true;
            break;
        case LookupStatus::not_rated:
            lookup_failed_ = false;
            break;
    }
    session_.stage = stage;
    session_.questions = form_.questions_for(stage);
    session_.chosen.assign(session_.questions.size(), std::nullopt);
    session_.follow_ups.clear();
    for (const Question* q : session_.questions) {
        std::size_t choices = q->follow_up ? q->follow_up->choices.size() : 0;
        session_.follow_ups.emplace_back(choices, false);
    }
    session_.position = 0;
    if (session_.questions.empty()) {
        after_last_question();
        return;
    }
    go_to(Screen::question);
}

const Question* KioskFlow::question() const {
    if (session_.position >= session_.questions.size()) {
        return nullptr;
    }
    return session_.questions[session_.position];
}

std::optional<std::size_t> KioskFlow::selected_option() const {
    if (session_.position >= session_.chosen.size()) {
        return std::nullopt;
    }
    return session_.chosen[session_.position];
}

bool KioskFlow::follow_up_picked(std::size_t index) const {
    if (session_.position >= session_.follow_ups.size()) {
        return false;
    }
    const std::vector<bool>& picked = session_.follow_ups[session_.position];
    return index < picked.size() && picked[index];
}

void KioskFlow::select_option(std::size_t index) {
    note_activity();
    const Question* q = question();
    if (screen_ != Screen::question || !q || index >= q->options.size()) {
        return;
    }
    session_.chosen[session_.position] = index;
    answer_hint_ = false;
    bad_scan_notice_ = false;
    changed();
}

void KioskFlow::choose_option(std::size_t index) {
    const Question* q = question();
    if (screen_ != Screen::question || !q || index >= q->options.size()) {
        return;
    }
    select_option(index);
    advance_from_question();
}

void KioskFlow::confirm() {
    note_activity();
    if (screen_ != Screen::question) {
        confirm_screen();
        return;
    }
    if (selected_option()) {
        advance_from_question();
    } else if (question() && question()->skippable) {
        skip_question();
    } else {
        answer_hint_ = true;
        changed();
    }
}

void KioskFlow::skip_question() {
    note_activity();
    const Question* q = question();
    if (screen_ != Screen::question || !q || !q->skippable) {
        return;
    }
    session_.chosen[session_.position].reset();
    std::fill(session_.follow_ups[session_.position].begin(),
              session_.follow_ups[session_.position].end(), false);
    advance_past_question();
}

bool KioskFlow::follow_up_applies(std::size_t position) const {
    const Question* q = session_.questions[position];
    const std::optional<std::size_t>& chosen = session_.chosen[position];
    if (!q->follow_up || !chosen) {
        return false;
    }
    const std::optional<int>& points = q->options[*chosen].points;
    return points && *points <= q->follow_up->when_points_at_most;
}

void KioskFlow::advance_from_question() {
    if (follow_up_applies(session_.position)) {
        go_to(Screen::follow_up);
        return;
    }
    // Follow-up choices belong to a low answer; a better answer drops them.
    std::fill(session_.follow_ups[session_.position].begin(),
              session_.follow_ups[session_.position].end(), false);
    advance_past_question();
}

void KioskFlow::advance_past_question() {
    if (session_.editing_from_review) {
        session_.editing_from_review = false;
        go_to(Screen::review);
        return;
    }
    if (session_.position + 1 < session_.questions.size()) {
        ++session_.position;
        go_to(Screen::question);
        return;
    }
    after_last_question();
}

void KioskFlow::after_last_question() {
    if (settings_.review_screen) {
        go_to(Screen::review);
        return;
    }
    send();
}

void KioskFlow::toggle_follow_up(std::size_t index) {
    note_activity();
    const Question* q = question();
    if (screen_ != Screen::follow_up || !q || !q->follow_up ||
        index >= q->follow_up->choices.size()) {
        return;
    }
    std::vector<bool>& picked = session_.follow_ups[session_.position];
    bool now_picked = !picked[index];
    if (!q->follow_up->multiple) {
        std::fill(picked.begin(), picked.end(), false);
    }
    picked[index] = now_picked;
    bad_scan_notice_ = false;
    changed();
}

void KioskFlow::finish_follow_up() {
    note_activity();
    if (screen_ != Screen::follow_up) {
        return;
    }
    advance_past_question();
}

void KioskFlow::edit_answer(std::size_t position) {
    note_activity();
    if (screen_ != Screen::review || position >= session_.questions.size()) {
        return;
    }
    session_.position = position;
    session_.editing_from_review = true;
    go_to(Screen::question);
}

std::vector<ReviewRow> KioskFlow::review_rows() const {
    std::vector<ReviewRow> rows;
    for (std::size_t i = 0; i < session_.questions.size(); ++i) {
        ReviewRow row;
        row.question = session_.questions[i];
        if (session_.chosen[i]) {
            row.answer = &row.question->options[*session_.chosen[i]];
        }
        row.follow_ups = static_cast<std::size_t>(
            std::count(session_.follow_ups[i].begin(), session_.follow_ups[i].end(), true));
        rows.push_back(row);
    }
    return rows;
}

//-----------------------------------------------------------------------------
// [SECTION] Saving
//-----------------------------------------------------------------------------

bool KioskFlow::build_rating(Rating& out) {
    std::vector<Choice> choices;
    for (std::size_t i = 0; i < session_.questions.size(); ++i) {
        if (!session_.chosen[i]) {
            continue;
        }
        const Question* q = session_.questions[i];
        Choice choice;
        choice.question_id = q->id;
        choice.option_id = q->options[*session_.chosen[i]].id;
        for (std::size_t f = 0; f < session_.follow_ups[i].size(); ++f) {
            if (session_.follow_ups[i][f]) {
                choice.follow_ups.push_back(q->follow_up->choices[f].id);
            }
        }
        choices.push_back(std::move(choice));
    }
    Rating rating;
    rating.id = session_.rating_id;
    rating.dossier_code = session_.dossier_code;
    rating.stage = *session_.stage;
    rating.channel = Channel::kiosk;
    rating.official_id = desk_official_ ? desk_official_->id : std::string();
    rating.form_id = form_.id;
    rating.form_version = form_.version;
    rating.created_utc = now();
    rating.utc_offset_minutes = clock_.utc_offset_minutes(rating.created_utc);
    rating.local_date = local_date(rating.created_utc, rating.utc_offset_minutes);
    rating.kiosk_id = settings_.kiosk_id;
    rating.unit_code = settings_.unit_code;
    try {
        fill_answers(form_, rating.stage, choices, rating);
    } catch (const FormError& error) {
        log(std::string("answers do not fit the form: ") + error.what());
        return false;
    }
    out = std::move(rating);
    return true;
}

void KioskFlow::send() {
    note_activity();
    if (!session_.stage || (screen_ != Screen::review && screen_ != Screen::question &&
                            screen_ != Screen::follow_up)) {
        return;
    }
    Rating rating;
    if (!build_rating(rating)) {
        // Only a question that may not be skipped can be missing: show the first such one.
        for (std::size_t i = 0; i < session_.questions.size(); ++i) {
            if (!session_.chosen[i] && !session_.questions[i]->skippable) {
                session_.position = i;
                break;
            }
        }
        go_to(Screen::question);
        answer_hint_ = true;
        return;
    }
    SaveResult result = sink_.save(rating);
    switch (result.status) {
        case SaveStatus::saved:
            lookup_failed_ = false;
            session_ = Session{};
            go_to(Screen::thank_you);
            return;
        case SaveStatus::duplicate:
            log("dossier " + rating.dossier_code + " was rated meanwhile: " + result.detail);
            session_ = Session{};
            go_to(Screen::already_rated);
            return;
        case SaveStatus::failed:
            log("STAFF ALERT: could not save rating " + rating.id + " (dossier " +
                rating.dossier_code + "): " + result.detail + "; kept in memory, will retry");
            failed_rating_id_ = rating.id;
            unsaved_.push_back(std::move(rating));
            next_retry_at_ = now() + kRetryIntervalMs;
            session_ = Session{};
            go_to(Screen::save_failed);
            return;
    }
}

SaveStatus KioskFlow::retry_one(const std::string& rating_id) {
    auto it = std::find_if(unsaved_.begin(), unsaved_.end(),
                           [&rating_id](const Rating& r) { return r.id == rating_id; });
    if (it == unsaved_.end()) {
        return SaveStatus::saved;
    }
    SaveResult result = sink_.save(*it);
    if (rating_id == failed_rating_id_) {
        failed_rating_outcome_ = result.status;
    }
    if (result.status == SaveStatus::failed) {
        log("retry of rating " + rating_id + " failed: " + result.detail);
        return SaveStatus::failed;
    }
    log("retry of rating " + rating_id + ": " +
        (result.status == SaveStatus::saved ? "saved" : "dossier rated meanwhile, dropped"));
    unsaved_.erase(it);
    return result.status;
}

void KioskFlow::retry_unsaved() {
    // Oldest first; stop at the first failure, the store is still unwell.
    while (!unsaved_.empty()) {
        if (retry_one(unsaved_.front().id) == SaveStatus::failed) {
            next_retry_at_ = now() + kRetryIntervalMs;
            return;
        }
    }
}

void KioskFlow::retry_save() {
    note_activity();
    if (screen_ != Screen::save_failed) {
        return;
    }
    SaveStatus status = retry_one(failed_rating_id_);
    if (status == SaveStatus::failed) {
        next_retry_at_ = now() + kRetryIntervalMs;
        changed();
        return;
    }
    retry_unsaved();
    go_to(status == SaveStatus::saved ? Screen::thank_you : Screen::already_rated);
}

//-----------------------------------------------------------------------------
// [SECTION] Leaving
//-----------------------------------------------------------------------------

void KioskFlow::go_welcome() {
    session_ = Session{};
    assembler_.clear();
    code_field_.clear();
    language_ = settings_.language;
    corner_held_since_.reset();
    go_to(Screen::welcome);
}

void KioskFlow::go_back() {
    note_activity();
    switch (screen_) {
        case Screen::code_entry:
            go_welcome();
            return;
        case Screen::stage_choice:
            back_to_code_entry();
            return;
        case Screen::question:
            session_.editing_from_review = false;
            if (session_.position > 0) {
                --session_.position;
                go_to(Screen::question);
            } else {
                back_before_questions();
            }
            return;
        case Screen::follow_up:
            go_to(Screen::question);
            return;
        case Screen::review:
            if (session_.questions.empty()) {
                back_before_questions();
                return;
            }
            session_.position = session_.questions.size() - 1;
            go_to(Screen::question);
            return;
        case Screen::staff_pin:
            if (pin_official_) {
                pin_official_.reset();
                pin_.clear();
                pin_problem_ = PinProblem::none;
                changed();
                return;
            }
            go_welcome();
            return;
        case Screen::staff_menu:
            leave_staff();
            return;
        default:
            if (is_staff_screen(screen_)) {
                back_to_staff_menu();
            }
            return;
    }
}

void KioskFlow::back_before_questions() {
    if (has_stage_choice()) {
        session_.stage_highlight.reset();
        go_to(Screen::stage_choice);
        return;
    }
    back_to_code_entry();
}

void KioskFlow::back_to_code_entry() {
    // The code stays on the keypad so the citizen can correct it rather than retype it.
    std::string code = session_.dossier_code;
    begin_code_entry();
    type_on_keypad(code);
}

void KioskFlow::abandon() {
    note_activity();
    if (is_staff_screen(screen_)) {
        leave_staff();
        return;
    }
    if (screen_ != Screen::welcome) {
        go_welcome();
    }
}

void KioskFlow::finish() {
    note_activity();
    if (screen_ == Screen::thank_you || screen_ == Screen::already_rated ||
        screen_ == Screen::save_failed) {
        go_welcome();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Staff
//-----------------------------------------------------------------------------

PinProblem KioskFlow::pin_problem() const {
    if (pin_locked_until_ > now()) {
        return PinProblem::locked;
    }
    return pin_problem_;
}

std::optional<UtcMillis> KioskFlow::pin_locked_until() const {
    if (pin_locked_until_ > now()) {
        return pin_locked_until_;
    }
    return std::nullopt;
}

void KioskFlow::take_pin_char(char32_t code_point) {
    std::int64_t gap = now() - last_char_at_;
    if (gap > kScanGapMs) {
        pin_run_is_scan_ = false;
        pin_run_length_ = 0;
    }
    last_char_at_ = now();
    if (pin_run_length_ == 0) {
        pin_before_run_ = pin_;
        official_before_run_ = pin_official_;
        pin_run_is_burst_ = true;
    } else if (gap > kScanKeyGapMs) {
        pin_run_is_burst_ = false;
    }
    ++pin_run_length_;
    if (pin_run_is_scan_) {
        return;
    }
    bool digit = code_point >= U'0' && code_point <= U'9';
    if (!digit || pin_run_length_ > kMaxPinDigits) {
        // A scanner typing a receipt's code: none of what it typed is a PIN or a choice.
        pin_run_is_scan_ = true;
        pin_ = pin_before_run_;
        pin_official_ = official_before_run_;
        log("scanned input on the PIN pad ignored");
        changed();
        return;
    }
    if (!pin_official_) {
        if (code_point >= U'1') {
            choose_pin_official(static_cast<std::size_t>(code_point - U'1'));
        }
        return;
    }
    type_pin_digit(static_cast<char>(code_point));
}

void KioskFlow::choose_pin_official(std::size_t index) {
    note_activity();
    if (screen_ != Screen::staff_pin || index >= pin_candidates_.size()) {
        return;
    }
    pin_official_ = pin_candidates_[index];
    pin_.clear();
    pin_problem_ = PinProblem::none;
    changed();
}

void KioskFlow::type_pin_digit(char digit) {
    note_activity();
    if (screen_ != Screen::staff_pin || !pin_official_ || digit < '0' || digit > '9' ||
        pin_.size() >= kMaxPinDigits) {
        return;
    }
    pin_ += digit;
    pin_problem_ = PinProblem::none;
    changed();
}

void KioskFlow::erase_pin_digit() {
    note_activity();
    if (screen_ != Screen::staff_pin || pin_.empty()) {
        return;
    }
    pin_.pop_back();
    changed();
}

void KioskFlow::load_pin_lock() {
    std::optional<std::string> failed = staff_.load_state(staff_keys::kFailedPins);
    std::optional<std::string> until = staff_.load_state(staff_keys::kLockedUntil);
    failed_pins_ = 0;
    if (failed && !failed->empty() &&
        std::all_of(failed->begin(), failed->end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        failed->size() < 4) {
        failed_pins_ = std::stoi(*failed);
    }
    UtcMillis locked_until = 0;
    if (until && parse_utc_iso8601(*until, locked_until)) {
        pin_locked_until_ = locked_until;
    } else {
        pin_locked_until_ = 0;
    }
}

void KioskFlow::save_pin_lock() {
    staff_.save_state(staff_keys::kFailedPins, std::to_string(failed_pins_));
    staff_.save_state(staff_keys::kLockedUntil,
                      pin_locked_until_ > 0 ? format_utc_iso8601(pin_locked_until_) : "");
}

void KioskFlow::submit_pin() {
    note_activity();
    if (screen_ != Screen::staff_pin || !pin_official_ || pin_.empty()) {
        return;
    }
    std::string pin = std::move(pin_);
    pin_.clear();
    const std::string& who = pin_official_->id;
    if (pin_locked_until_ > now()) {
        staff_.audit(who, "signin_failed", "staff entry locked");
        changed();
        return;
    }
    std::optional<StaffMember> member = staff_.check_pin(who, pin);
    if (member) {
        if (failed_pins_ != 0 || pin_locked_until_ != 0) {
            failed_pins_ = 0;
            pin_locked_until_ = 0;
            save_pin_lock();
        }
        pin_problem_ = PinProblem::none;
        staff_member_ = std::move(member);
        pin_official_.reset();
        staff_.audit(staff_member_->id, "signin_ok", "kiosk staff mode");
        log("staff sign-in: " + staff_member_->id);
        go_to(Screen::staff_menu);
        return;
    }
    ++failed_pins_;
    pin_problem_ = PinProblem::wrong;
    std::string detail = "wrong PIN (" + std::to_string(failed_pins_) + " of " +
                         std::to_string(settings_.pin_attempts_before_lockout) + ")";
    if (failed_pins_ >= settings_.pin_attempts_before_lockout) {
        failed_pins_ = 0;
        pin_locked_until_ = now() + settings_.pin_lockout_seconds * kMillisPerSecond;
        detail +=
            "; staff entry locked for " + std::to_string(settings_.pin_lockout_seconds) + " s";
        log("staff PIN entry locked after repeated wrong PINs");
    }
    save_pin_lock();
    staff_.audit(who, "signin_failed", detail);
    log("staff sign-in refused for " + who + ": " + detail);
    changed();
}

bool KioskFlow::role_may_open(StaffRole role, Screen screen) {
    switch (screen) {
        case Screen::staff_menu:
        case Screen::staff_tally:
        case Screen::staff_sync:
            return true;
        case Screen::staff_report:
        case Screen::staff_export:
        case Screen::staff_paper:
        case Screen::staff_void:
        case Screen::staff_audit:
            return role == StaffRole::supervisor || role == StaffRole::admin;
        case Screen::staff_admin:
            return role == StaffRole::admin;
        default:
            return false;
    }
}

bool KioskFlow::open_staff_screen(Screen screen) {
    note_activity();
    if (!staff_member_ || !is_staff_screen(screen_) || screen_ == Screen::staff_pin ||
        !role_may_open(staff_member_->role, screen)) {
        return false;
    }
    bool needs_records = screen == Screen::staff_paper || screen == Screen::staff_void ||
                         screen == Screen::staff_audit;
    if (needs_records && !records_) {
        return false;
    }
    go_to(screen);
    switch (screen) {
        case Screen::staff_paper:
            paper_.start(*staff_member_, staff_.active_staff());
            break;
        case Screen::staff_void:
            voids_.start(*staff_member_);
            break;
        case Screen::staff_audit:
            audit_.start(*staff_member_);
            break;
        default:
            break;
    }
    return true;
}

// Keyboard and scanner on the paper-entry and void screens: into the field being typed.
void KioskFlow::take_staff_char(char32_t code_point) {
    if (screen_ == Screen::staff_paper) {
        paper_.type_char(code_point);
    } else if (voids_.step() == VoidStep::find) {
        voids_.type_char(code_point);
    } else {
        voids_.type_reason_char(code_point);
    }
    changed();
}

void KioskFlow::take_staff_key(FlowKey key) {
    bool enter = key == FlowKey::enter;
    if (screen_ == Screen::staff_paper) {
        if (paper_.step() == PaperStep::code) {
            enter ? paper_.submit_code() : paper_.erase_last();
        } else if (paper_.step() == PaperStep::date && enter) {
            paper_.confirm_date();
        } else if (!enter) {
            paper_.back();
        }
    } else {
        switch (voids_.step()) {
            case VoidStep::find:
                enter ? voids_.find_by_code() : voids_.erase_code();
                break;
            case VoidStep::reason:
                enter ? voids_.ask_confirmation() : voids_.erase_reason();
                break;
            case VoidStep::confirm:
                if (!enter) {
                    voids_.back();
                }
                break;
        }
    }
    changed();
}

void KioskFlow::back_to_staff_menu() {
    note_activity();
    if (!staff_member_ || !is_staff_screen(screen_) || screen_ == Screen::staff_pin) {
        return;
    }
    go_to(Screen::staff_menu);
}

void KioskFlow::request_exit() {
    note_activity();
    if (screen_ != Screen::staff_admin || !staff_member_ ||
        staff_member_->role != StaffRole::admin) {
        return;
    }
    staff_.audit(staff_member_->id, "exit", std::to_string(unsaved_.size()) + " unsaved ratings");
    log("exit requested by " + staff_member_->id);
    exit_requested_ = true;
    changed();
}

void KioskFlow::leave_staff() {
    if (staff_member_) {
        staff_.audit(staff_member_->id, "signout", "kiosk staff mode");
        log("staff sign-out: " + staff_member_->id);
        staff_member_.reset();
    }
    pin_official_.reset();
    pin_.clear();
    go_welcome();
}

//-----------------------------------------------------------------------------
// [SECTION] Desk sign-in
//-----------------------------------------------------------------------------

std::string KioskFlow::today() const {
    UtcMillis t = now();
    return local_date(t, clock_.utc_offset_minutes(t));
}

UtcMillis KioskFlow::next_local_midnight() const {
    UtcMillis t = now();
    std::int64_t offset_ms = static_cast<std::int64_t>(clock_.utc_offset_minutes(t)) * 60000;
    std::int64_t local = t + offset_ms;
    std::int64_t day =
        local >= 0 ? local / kMillisPerDay : (local - kMillisPerDay + 1) / kMillisPerDay;
    return (day + 1) * kMillisPerDay - offset_ms;
}

void KioskFlow::restore_desk_official() {
    std::optional<std::string> id = staff_.load_state(staff_keys::kDeskOfficial);
    if (!id || id->empty()) {
        return;
    }
    std::optional<std::string> date = staff_.load_state(staff_keys::kDeskDate);
    desk_date_ = date.value_or("");
    desk_official_ = StaffMember{*id, *id, StaffRole::official};
    for (const StaffMember& member : staff_.active_staff()) {
        if (member.id == *id) {
            desk_official_ = member;
        }
    }
    if (desk_date_ != today()) {
        end_desk_session("system", "end of the day (" + desk_date_ + ")");
        return;
    }
    log("desk official restored: " + *id);
}

void KioskFlow::sign_in_at_desk() {
    note_activity();
    if (!staff_member_ || !is_staff_screen(screen_) || screen_ == Screen::staff_pin) {
        return;
    }
    if (desk_official_ && desk_official_->id != staff_member_->id) {
        end_desk_session(staff_member_->id, "replaced at the desk");
    }
    desk_official_ = staff_member_;
    desk_date_ = today();
    staff_.save_state(staff_keys::kDeskOfficial, desk_official_->id);
    staff_.save_state(staff_keys::kDeskDate, desk_date_);
    staff_.audit(desk_official_->id, "desk_signin", desk_date_);
    log("desk sign-in: " + desk_official_->id);
    changed();
}

void KioskFlow::sign_out_from_desk() {
    note_activity();
    if (!staff_member_ || !desk_official_ || !is_staff_screen(screen_) ||
        screen_ == Screen::staff_pin) {
        return;
    }
    if (staff_member_->id != desk_official_->id && staff_member_->role == StaffRole::official) {
        return;
    }
    end_desk_session(staff_member_->id, "signed out");
}

void KioskFlow::end_desk_session(const std::string& actor, const std::string& why) {
    if (!desk_official_) {
        return;
    }
    std::string official = desk_official_->id;
    desk_official_.reset();
    desk_date_.clear();
    staff_.save_state(staff_keys::kDeskOfficial, "");
    staff_.save_state(staff_keys::kDeskDate, "");
    staff_.audit(actor, "desk_signout", official + ": " + why);
    log("desk sign-out of " + official + ": " + why);
    changed();
}

//-----------------------------------------------------------------------------
// [SECTION] Sync and settings
//-----------------------------------------------------------------------------

void KioskFlow::set_sync_view(SyncView view) {
    sync_view_ = std::move(view);
    changed();
}

void KioskFlow::set_settings_facts(SettingsFacts facts) {
    settings_facts_ = std::move(facts);
    changed();
}

void KioskFlow::sync_now() {
    note_activity();
    if (screen_ != Screen::staff_sync || !staff_member_ || !sync_control_ || !sync_view_.enabled ||
        sync_view_.running) {
        return;
    }
    log("sync requested by " + staff_member_->id);
    sync_view_.running = true;
    sync_view_.run_sent = 0;
    sync_view_.run_total = sync_view_.pending;
    sync_view_.run_waiting.clear();
    sync_control_->request_sync_now();
    changed();
}

void KioskFlow::test_connection() {
    note_activity();
    if (screen_ != Screen::staff_admin || !staff_member_ ||
        staff_member_->role != StaffRole::admin || !sync_control_ || !sync_view_.enabled ||
        sync_view_.testing_connection) {
        return;
    }
    log("connection test requested by " + staff_member_->id);
    sync_view_.testing_connection = true;
    sync_view_.connection_ok.reset();
    sync_view_.connection_message.clear();
    sync_control_->request_connection_test();
    changed();
}

}  // namespace motcua::kiosk
