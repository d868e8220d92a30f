#pragma once
// A supervisor typing in a paper satisfaction form at the kiosk (Screen::staff_paper): the
// dossier code under the citizen's rules (keypad, keyboard or scanner), the stage when the form
// has several, the answer to each question the form asks at that stage (its skippable rules;
// follow-up choices optional), the official the form belongs to (or none), a review, then one
// rating with channel "paper" saved through the RatingSink under the same duplicate rule, and
// an audit entry "paper_entry" (actor: the supervisor, subject: the rating id). After a save
// the next form starts empty; a failed save keeps everything typed. Plain C++, no ImGui.
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
#include "kiosk/flow/ports.hpp"
#include "kiosk/flow/scanner_assembler.hpp"
#include "kiosk/flow/staff_records.hpp"

namespace motcua::kiosk {

enum class PaperStep { code, stage, question, official, review };

enum class PaperMessage {
    none,
    code_refused,   // the code does not fit the pattern (code_problem() says how)
    already_rated,  // this dossier has a rating at this stage: nothing saved
    answer_needed,  // a question that may not be skipped has no answer
    save_failed,    // the store failed: everything typed is kept, try again
    saved,          // the previous form was saved (saved_code() names it)
};

class PaperEntry {
  public:
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

    // Keypad keys (replace what a keyboard typed, like the citizen's keypad).
    void type_on_keypad(std::string_view text);
    // A keyboard or scanner character.
    void type_char(char32_t code_point);
    void erase_last();
    void clear_code();
    // Checks the code; goes on to the stage (or the questions, after the duplicate check).
    void submit_code();

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
    // One step back (on the code step: nothing).
    void back();
    // Saves the rating (review step only).
    void save();

    //-------------------------------------------------------------------------
    // What the screen shows
    //-------------------------------------------------------------------------

    PaperStep step() const { return step_; }
    PaperMessage message() const { return message_; }
    const std::string& code_text() const { return code_field_.text(); }
    DossierCodeProblem code_problem() const { return code_problem_; }
    const std::string& dossier_code() const { return dossier_code_; }
    // The code of the form saved last (PaperMessage::saved).
    const std::string& saved_code() const { return saved_code_; }
    std::optional<Stage> stage() const { return stage_; }
    const Form& form() const { return form_; }
    const DossierCodeRules& code_rules() const { return validator_.rules(); }

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
    // The rating as typed (channel paper, the official chosen); false when the answers do not
    // fit the form (a question that may not be skipped has none).
    bool build_rating(Rating& out) const;
    void reset_form();
    void begin_questions(Stage stage);
    void advance();
    bool follow_up_applies(std::size_t position) const;

    const Form& form_;
    const KioskSettings& settings_;
    const DossierCodeValidator& validator_;
    const Clock& clock_;
    RatingSink& sink_;
    StaffRecords* records_ = nullptr;
    std::function<void(std::string_view)> log_;

    std::optional<StaffMember> supervisor_;
    std::vector<StaffMember> officials_;

    PaperStep step_ = PaperStep::code;
    PaperMessage message_ = PaperMessage::none;
    ScannerAssembler code_field_;
    bool code_from_keyboard_ = false;
    DossierCodeProblem code_problem_ = DossierCodeProblem::none;
    std::string rating_id_;
    std::string dossier_code_;
    std::string saved_code_;
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
