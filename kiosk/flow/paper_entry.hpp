#pragma once
// A supervisor typing in a paper satisfaction form at the kiosk (Screen::staff_paper): the
// dossier code under the citizen's rules (keypad, keyboard or scanner), the stage when the form
// has several, the answer to each question the form asks at that stage (its skippable rules;
// follow-up choices optional), the official the form belongs to (or none), a review, then one
// rating with channel "paper" saved through the RatingSink under the same duplicate rule, and
// an audit entry "paper_entry" (actor: the supervisor, subject: the rating id). After a save
// the next form starts empty; a failed save keeps everything typed. Plain C++, no ImGui.
//
// The form's date: paper forms are often typed in days later, so the date written on the form
// is chosen on the date step (opened from the code step or the review): today by default, or
// one of the kMaxDaysBack days before, never a future day. A form dated today is saved at the
// moment it is saved; an earlier one at noon local time that day, so it counts on that day in
// every daily figure. The date chosen stays for the next forms (a pile of forms from one day)
// until the supervisor leaves the screen.
//
// KioskFlow owns it, starts it when a supervisor or admin opens the screen (the role rule)
// and stops it when they leave; while stopped every function does nothing.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "kiosk/flow/dossier_code_field.hpp"
#include "kiosk/flow/ports.hpp"
#include "kiosk/flow/staff_records.hpp"

namespace motcua::kiosk {

enum class PaperStep { code, stage, question, official, review, date };

enum class PaperMessage {
    none,
    code_refused,    // the code does not fit the pattern (code_problem() says how)
    already_rated,   // this dossier has a rating at this stage: nothing saved
    answer_needed,   // a question that may not be skipped has no answer
    save_failed,     // the store failed: everything typed is kept, try again
    saved,           // the previous form was saved (saved_code() names it)
    date_in_future,  // the date asked for is after today: the date is unchanged
    date_too_old,    // the date asked for is more than kMaxDaysBack days ago: unchanged
};

class PaperEntry {
  public:
    // How far back a paper form's date may go, in days before today.
    static constexpr int kMaxDaysBack = 30;

    // Every reference must outlive this object.
    PaperEntry(const Form& form, const KioskSettings& settings,
               const DossierCodeValidator& validator, const Clock& clock, RatingSink& sink);

    // Where the "paper_entry" audit entries go (nullptr: none are written). Must outlive this.
    void set_records(StaffRecords* records) { records_ = records; }
    // Receives English lines for the log (saves, refusals, store failures).
    void set_logger(std::function<void(std::string_view)> log) { log_ = std::move(log); }

    // An empty form for `supervisor`; `officials` are the ones a form may belong to.
    void start(const StaffMember& supervisor, std::vector<StaffMember> officials);
    // Forgets everything typed.
    void stop();
    bool active() const { return supervisor_.has_value(); }

    //-------------------------------------------------------------------------
    // Dossier code (PaperStep::code)
    //-------------------------------------------------------------------------

    // Keypad keys (added to what is there, like the citizen's keypad).
    void type_on_keypad(std::string_view text);
    // A keyboard or scanner character.
    void type_char(char32_t code_point);
    void erase_last();
    void clear_code();
    // Checks the code; goes on to the stage (or the questions, after the duplicate check).
    void submit_code();

    //-------------------------------------------------------------------------
    // The form's date (PaperStep::date)
    //-------------------------------------------------------------------------

    // Opens the date step from the code step or the review; confirm_date() and back() return
    // there.
    void change_date();
    // The form's date becomes `days` days before today (0: today; negative: the future).
    // Refused, the date unchanged, outside 0..kMaxDaysBack (date_in_future, date_too_old).
    void choose_days_back(int days);
    // One day earlier or later than the form's date, under the same rule.
    void previous_day();
    void next_day();
    void confirm_date();

    //-------------------------------------------------------------------------
    // Stage, questions, official, review
    //-------------------------------------------------------------------------

    // The index-th stage of the form; refused (already_rated) when the dossier has a rating.
    void choose_stage(std::size_t index);
    // Marks the answer; goes on unless the answer asks its follow-up.
    void choose_option(std::size_t index);
    void toggle_follow_up(std::size_t index);
    // "Next" on a question: needs an answer unless the question may be skipped.
    void next_question();
    void skip_question();
    // nullopt: the form belongs to nobody.
    void choose_official(std::optional<std::size_t> index);
    // From review: change the answer to question `position`, then come back to review.
    void edit_answer(std::size_t position);
    void edit_official();
    // One step back (on the code step: nothing; on the date step: where it was opened).
    void back();
    // Saves the rating (review step only).
    void save();

    //-------------------------------------------------------------------------
    // What the screen shows
    //-------------------------------------------------------------------------

    PaperStep step() const { return step_; }
    PaperMessage message() const { return message_; }
    const std::string& code_text() const { return code_field_.text(); }
    DossierCodeProblem code_problem() const { return code_field_.problem(); }
    const std::string& dossier_code() const { return dossier_code_; }
    // The code of the form saved last (PaperMessage::saved).
    const std::string& saved_code() const { return saved_code_; }
    std::optional<Stage> stage() const { return stage_; }
    const Form& form() const { return form_; }
    const DossierCodeRules& code_rules() const { return code_field_.rules(); }
    // The form's date (YYYY-MM-DD, local); today unless one was chosen.
    std::string form_date() const;
    // Local today, by the clock.
    std::string today() const;
    // How many days before today the form's date is (0: today).
    int days_back() const;

    std::size_t question_count() const { return questions_.size(); }
    std::size_t position() const { return position_; }
    const Question* question() const;
    std::optional<std::size_t> chosen(std::size_t position) const;
    bool follow_up_picked(std::size_t index) const;
    // The current question's answer asks its follow-up choices.
    bool follow_up_shown() const;
    std::vector<std::string> follow_up_ids(std::size_t position) const;

    const std::vector<StaffMember>& officials() const { return officials_; }
    // The official chosen; nullopt for nobody.
    const std::optional<StaffMember>& official() const { return official_; }
    bool official_chosen() const { return official_chosen_; }

  private:
    void log(const std::string& line) const;
    // The rating's created time for the form's date: now for today, noon local time before.
    void set_times(Rating& rating) const;
    // The rating as typed (channel paper, the official chosen); false when the answers do not
    // fit the form (a question that may not be skipped has none).
    bool build_rating(Rating& out) const;
    void reset_form();
    void begin_questions(Stage stage);
    void advance();
    bool follow_up_applies(std::size_t position) const;

    const Form& form_;
    const KioskSettings& settings_;
    const Clock& clock_;
    RatingSink& sink_;
    StaffRecords* records_ = nullptr;
    std::function<void(std::string_view)> log_;

    std::optional<StaffMember> supervisor_;
    std::vector<StaffMember> officials_;

    PaperStep step_ = PaperStep::code;
    PaperMessage message_ = PaperMessage::none;
    DossierCodeField code_field_;
    std::string rating_id_;
    std::string dossier_code_;
    std::string saved_code_;
    // The form's date when not today (kept for the next forms until stop()).
    std::optional<std::string> chosen_date_;
    PaperStep date_opened_from_ = PaperStep::code;
    std::optional<Stage> stage_;
    std::vector<const Question*> questions_;
    std::vector<std::optional<std::size_t>> chosen_;
    std::vector<std::vector<bool>> follow_ups_;
    std::size_t position_ = 0;
    bool back_to_review_ = false;
    std::optional<StaffMember> official_;
    bool official_chosen_ = false;
};

}  // namespace motcua::kiosk
