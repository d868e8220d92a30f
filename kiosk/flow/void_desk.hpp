#pragma once
// A supervisor voiding a rating (Screen::staff_void): find it by dossier code and stage, or
// pick it from the chosen day's ratings (time, dossier code, stage, channel, official); type
// the reason (a blank one is refused); confirm. Store::void_rating keeps the rating, takes it
// out of every tally and writes the audit entry. Answers are never edited: there is no other
// change. The dossier code is typed in the DossierCodeField the citizen's code screen and the
// paper form use (keypad taps add to it; a scan after a refusal or a search replaces it).
// Plain C++, no ImGui. KioskFlow owns it and starts it for a supervisor or admin only.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "kiosk/flow/dossier_code_field.hpp"
#include "kiosk/flow/ports.hpp"
#include "kiosk/flow/staff_records.hpp"
#include "kiosk/flow/text_entry.hpp"

namespace motcua::kiosk {

enum class VoidStep { find, reason, confirm };

enum class VoidMessage {
    none,
    code_refused,   // the code does not fit the pattern
    not_found,      // no rating of this dossier at this stage (or it is voided already)
    read_failed,    // the store could not be read
    reason_needed,  // the reason is blank
    voided,         // done (voided_code() names the dossier)
    refused,        // the store refused: voided meanwhile, or gone
    failed,         // the store failed; nothing changed, the reason is kept
};

class VoidDesk {
  public:
    static constexpr std::size_t kMaxReasonCharacters = 200;

    // Every reference must outlive this object.
    VoidDesk(const Form& form, const DossierCodeValidator& validator, const Clock& clock);

    void set_records(StaffRecords* records) { records_ = records; }
    void set_logger(std::function<void(std::string_view)> log) { log_ = std::move(log); }

    // Today's ratings for `supervisor`, nothing chosen; the officials' names read afresh.
    void start(const StaffMember& supervisor);
    void stop();
    bool active() const { return supervisor_.has_value(); }

    //-------------------------------------------------------------------------
    // Finding the rating (VoidStep::find)
    //-------------------------------------------------------------------------

    const std::string& day() const { return day_; }
    bool day_is_today() const;
    void previous_day();
    void next_day();  // never past today
    void show_today();
    // The non-voided ratings of day(), oldest first.
    const std::vector<Rating>& day_ratings() const { return day_ratings_; }
    // Picks the index-th rating of the list.
    void choose(std::size_t index);
    // The name of the official `official_id` names, as the officials table had it when the
    // screen was started; the id itself when the table has no such official (removed, or it
    // could not be read); "" for a rating made with nobody signed in.
    std::string official_name(const std::string& official_id) const;

    // The dossier code to look for: keypad taps (added to what is there), keyboard or scanner
    // characters (a new code after a refusal, a search or keypad taps).
    void type_on_keypad(std::string_view text);
    void type_char(char32_t code_point);
    void erase_code();
    void clear_code();
    const std::string& code_text() const { return code_field_.text(); }
    // Why the code in the field was refused; none once it is edited.
    DossierCodeProblem code_problem() const { return code_field_.problem(); }
    const DossierCodeRules& code_rules() const { return code_field_.rules(); }
    // The stage to look at (the index-th of the form's stages).
    void choose_search_stage(std::size_t index);
    Stage search_stage() const { return search_stage_; }
    void find_by_code();

    //-------------------------------------------------------------------------
    // The reason (VoidStep::reason) and the confirmation (VoidStep::confirm)
    //-------------------------------------------------------------------------

    const std::optional<Rating>& chosen() const { return chosen_; }
    void type_reason(std::string_view utf8);  // on-screen keys
    void type_reason_char(char32_t code_point);
    void erase_reason();
    void apply_tone(ToneMark mark);
    const std::string& reason() const { return reason_.text(); }
    // "Void": asks for confirmation, or refuses a blank reason.
    void ask_confirmation();
    // "Yes, void it".
    void confirm_void();
    // Back to the reason (from the confirmation) or to finding (from the reason).
    void back();

    VoidStep step() const { return step_; }
    VoidMessage message() const { return message_; }
    const std::string& voided_code() const { return voided_code_; }

  private:
    void log(const std::string& line) const;
    void load_names();
    void load_day();
    void take(Rating rating);

    const Form& form_;
    const Clock& clock_;
    StaffRecords* records_ = nullptr;
    std::function<void(std::string_view)> log_;

    std::optional<StaffMember> supervisor_;
    VoidStep step_ = VoidStep::find;
    VoidMessage message_ = VoidMessage::none;
    std::string today_;
    std::string day_;
    std::vector<Rating> day_ratings_;
    // Official id -> name, read when the screen starts.
    std::map<std::string, std::string> official_names_;
    DossierCodeField code_field_;
    Stage search_stage_ = Stage::intake;
    std::optional<Rating> chosen_;
    TextEntry reason_{kMaxReasonCharacters};
    std::string voided_code_;
};

}  // namespace motcua::kiosk
