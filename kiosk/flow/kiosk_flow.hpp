#pragma once
// The citizen's path through the kiosk as a plain state machine: no ImGui, no GLFW, no
// database. Devices (keys, scanner, touch) and screens call its functions; screens draw what
// its accessors say. Time comes from an injected Clock, so every timeout is testable.
//
// [SECTION] Devices: characters, keys, pointer
// [SECTION] Time
// [SECTION] Welcome
// [SECTION] Dossier code
// [SECTION] Stage, questions, follow-ups, review
// [SECTION] Saving
// [SECTION] Leaving
// [SECTION] Staff
// [SECTION] Sync and settings
// [SECTION] What the screens show

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "core/rating.hpp"
#include "kiosk/flow/audit_viewer.hpp"
#include "kiosk/flow/dossier_code_field.hpp"
#include "kiosk/flow/paper_entry.hpp"
#include "kiosk/flow/ports.hpp"
#include "kiosk/flow/scanner_assembler.hpp"
#include "kiosk/flow/screen.hpp"
#include "kiosk/flow/staff_records.hpp"
#include "kiosk/flow/sync_view.hpp"
#include "kiosk/flow/void_desk.hpp"

namespace motcua::kiosk {

enum class FlowKey { enter, backspace, escape, staff };

enum class PinProblem { none, wrong, locked };

// The store's key-value state the flow keeps through StaffGate, so a restart keeps them.
namespace staff_keys {
inline constexpr const char* kFailedPins = "staff.failed_pins";        // decimal
inline constexpr const char* kLockedUntil = "staff.locked_until_utc";  // ISO 8601 UTC, or ""
inline constexpr const char* kDeskOfficial = "desk.official_id";       // "" when nobody
inline constexpr const char* kDeskDate = "desk.local_date";            // YYYY-MM-DD
}  // namespace staff_keys

// One row of the review screen.
struct ReviewRow {
    const Question* question = nullptr;
    const AnswerOption* answer = nullptr;  // nullptr: skipped
    std::size_t follow_ups = 0;            // how many follow-up choices were picked
};

class KioskFlow {
  public:
    static constexpr std::int64_t kStaffLongPressMs = 3000;
    static constexpr std::int64_t kRetryIntervalMs = 30000;
    // Characters further apart than this are not one scan: a scanner types a whole code in a
    // fraction of a second, so a stray key pressed long before does not spoil the next code.
    static constexpr std::int64_t kScanGapMs = 2000;
    // On the PIN pad, a run of at least kMinScanDigits digits whose characters and Enter each
    // came within kScanKeyGapMs of the one before is a scanner, not a person: nobody types a
    // PIN that fast. (The app hands over characters as each loop turn reads them, so a gap is
    // at least the time between two turns: one drawn frame, well under this.)
    static constexpr std::int64_t kScanKeyGapMs = 50;
    static constexpr std::size_t kMinScanDigits = 4;

    // Every reference must outlive the flow. Reads the PIN lock and the desk official kept by
    // `staff` (a desk sign-in from an earlier day is ended and audited).
    KioskFlow(const Form& form, const KioskSettings& settings,
              const DossierCodeValidator& validator, const Clock& clock, RatingSink& sink,
              StaffGate& staff);

    // Receives English lines for the log (store failures, refused codes, staff actions).
    void set_logger(std::function<void(std::string_view)> log);
    // What the paper-entry, void and audit screens read and write (nullptr: those screens do
    // not open). Must outlive the flow.
    void set_staff_records(StaffRecords* records);

    //-------------------------------------------------------------------------
    // [SECTION] Devices: characters, keys, pointer
    //-------------------------------------------------------------------------

    // A typed character (GLFW char callback). On the code screen it goes into the code; on the
    // PIN pad into the PIN; elsewhere it is gathered until Enter, and digits 1..N also pick the
    // Nth answer at once, the way a button box works.
    void on_char(char32_t code_point);
    // Enter: two or more gathered characters are a scanned code (except a run of answer digits
    // on a question), otherwise Enter confirms the screen. Backspace goes back, Escape
    // abandons to Welcome, `staff` opens the PIN pad from Welcome.
    void on_key(FlowKey key);
    // Any touch or mouse activity: the citizen is still there.
    void on_pointer();

    //-------------------------------------------------------------------------
    // [SECTION] Time
    //-------------------------------------------------------------------------

    // Applies whatever the clock says is due: idle countdown end, thank-you end, staff idle,
    // long press, retry of unsaved ratings.
    void tick();
    // When tick() next has something to do (or the countdown's next digit is due).
    std::optional<UtcMillis> next_wakeup() const;

    //-------------------------------------------------------------------------
    // [SECTION] Welcome
    //-------------------------------------------------------------------------

    void begin_code_entry();
    void set_language(Language language);
    // Called every frame by Welcome's discreet corner with whether it is held down; held for
    // kStaffLongPressMs it opens the PIN pad.
    void hold_staff_corner(bool held);
    void request_staff();
    // The official shown at this desk, for demonstrations (not kept, not audited); staff sign
    // in at the desk with sign_in_at_desk().
    void set_desk_official(std::optional<StaffMember> official);

    //-------------------------------------------------------------------------
    // [SECTION] Dossier code
    //-------------------------------------------------------------------------

    void type_on_keypad(std::string_view text);
    void erase_last();
    void clear_code();
    void submit_code();

    //-------------------------------------------------------------------------
    // [SECTION] Stage, questions, follow-ups, review
    //-------------------------------------------------------------------------

    void choose_stage(Stage stage);
    void highlight_stage(std::size_t index);
    // Touch: takes the answer and goes on.
    void choose_option(std::size_t index);
    // Keys: marks the answer; Enter goes on.
    void select_option(std::size_t index);
    // Enter or "Next" on the current screen.
    void confirm();
    void skip_question();
    void toggle_follow_up(std::size_t index);
    void finish_follow_up();
    // From review: change one answer, then come back to review.
    void edit_answer(std::size_t position);

    //-------------------------------------------------------------------------
    // [SECTION] Saving
    //-------------------------------------------------------------------------

    // Builds the rating from the answers and saves it through the sink.
    void send();
    // On the apology screen: tries the unsaved ratings again now.
    void retry_save();

    //-------------------------------------------------------------------------
    // [SECTION] Leaving
    //-------------------------------------------------------------------------

    void go_back();
    // Back to Welcome; an unfinished rating is dropped (an unsaved sent one is kept).
    void abandon();
    // Leaves a closing screen (thank you, notices) now.
    void finish();

    //-------------------------------------------------------------------------
    // [SECTION] Staff
    //-------------------------------------------------------------------------

    // The PIN pad first asks who is signing in (the active officials, read when it opens),
    // then for their PIN. Digits 1..9 typed on the list pick that official.
    void choose_pin_official(std::size_t index);
    void type_pin_digit(char digit);
    void erase_pin_digit();
    void submit_pin();
    // Whether a member with `role` may open `screen` (the rules open_staff_screen applies):
    // every role: staff_menu, staff_tally, staff_sync; supervisor and admin: staff_report,
    // staff_export, staff_paper, staff_void, staff_audit; admin: staff_admin.
    static bool role_may_open(StaffRole role, Screen screen);
    // The signed-in staff member becomes the official at this desk until they sign out, or
    // the local day ends; their ratings carry their id. Kept through a restart that day.
    void sign_in_at_desk();
    // Ends the desk sign-in: the official themself, or a supervisor or admin.
    void sign_out_from_desk();
    void request_exit();  // admin only
    void leave_staff();
    // Opens a staff screen from the staff menu when the signed-in member's role allows it
    // (staff_tally: every role, an official sees their own figures only; staff_report,
    // staff_export, staff_paper, staff_void, staff_audit: supervisor and admin; the last three
    // also need set_staff_records). Returns false, and stays, when it does not. Opening
    // staff_paper, staff_void or staff_audit starts that screen's model afresh for the member;
    // leaving the screen stops it (what was typed is dropped).
    bool open_staff_screen(Screen screen);
    // From any staff screen back to the staff menu.
    void back_to_staff_menu();

    //-------------------------------------------------------------------------
    // [SECTION] Sync and settings
    //-------------------------------------------------------------------------

    // The app's uploader (nullptr: none, the buttons do nothing). Must outlive the flow.
    void set_sync_control(SyncControl* control) { sync_control_ = control; }
    // The latest status from the uploader (UI thread only).
    void set_sync_view(SyncView view);
    void set_settings_facts(SettingsFacts facts);
    // "Sync now" on the sync screen; any signed-in staff member.
    void sync_now();
    // "Test connection" on the admin screen; admin only.
    void test_connection();

    //-------------------------------------------------------------------------
    // [SECTION] What the screens show
    //-------------------------------------------------------------------------

    Screen screen() const { return screen_; }
    // Grows with every change of what the screens show; the app redraws when it changes.
    std::uint64_t revision() const { return revision_; }
    Language language() const { return language_; }
    const Form& form() const { return form_; }
    const KioskSettings& settings() const { return settings_; }
    const std::optional<StaffMember>& desk_official() const { return desk_official_; }
    const DossierCodeRules& code_rules() const { return validator_.rules(); }

    // Seconds left on the idle countdown, when it is showing.
    std::optional<int> countdown_seconds_left() const;

    const std::string& code_text() const { return code_field_.text(); }
    DossierCodeProblem code_problem() const { return code_field_.problem(); }
    // A scanned code mid-form could not be read; the form is untouched.
    bool bad_scan_notice() const { return bad_scan_notice_; }

    const std::string& dossier_code() const { return session_.dossier_code; }
    std::optional<Stage> stage() const { return session_.stage; }
    std::optional<std::size_t> stage_highlight() const { return session_.stage_highlight; }
    bool has_stage_choice() const { return form_.stages.size() > 1; }

    // The current question (question and follow-up screens).
    const Question* question() const;
    std::size_t question_position() const { return session_.position; }
    std::size_t question_count() const { return session_.questions.size(); }
    std::optional<std::size_t> selected_option() const;
    bool follow_up_picked(std::size_t index) const;
    // Enter was pressed on a question that needs an answer.
    bool answer_hint() const { return answer_hint_; }
    std::vector<ReviewRow> review_rows() const;

    // Sent ratings the store has not taken yet (kept in memory and retried).
    std::size_t unsaved_count() const { return unsaved_.size(); }
    // Staff should look: ratings are waiting, or the store failed to answer.
    bool staff_alert() const { return !unsaved_.empty() || lookup_failed_; }

    const std::vector<StaffMember>& pin_candidates() const { return pin_candidates_; }
    // Who the PIN being typed is for; nullopt while the list shows.
    const std::optional<StaffMember>& pin_official() const { return pin_official_; }
    std::size_t pin_length() const { return pin_.size(); }
    // When the PIN lock ends, while it holds.
    std::optional<UtcMillis> pin_locked_until() const;
    PinProblem pin_problem() const;
    const std::optional<StaffMember>& staff_member() const { return staff_member_; }
    bool exit_requested() const { return exit_requested_; }
    const SyncView& sync_view() const { return sync_view_; }
    const SettingsFacts& settings_facts() const { return settings_facts_; }

    // The models of the corrections and audit screens; the screens call them directly. Each
    // does nothing unless its screen was opened by a member whose role allows it.
    PaperEntry& paper() { return paper_; }
    const PaperEntry& paper() const { return paper_; }
    VoidDesk& voids() { return voids_; }
    const VoidDesk& voids() const { return voids_; }
    AuditViewer& audit_log() { return audit_; }
    const AuditViewer& audit_log() const { return audit_; }

  private:
    struct Session {
        std::string rating_id;
        std::string dossier_code;
        std::optional<Stage> stage;
        std::optional<std::size_t> stage_highlight;
        std::vector<const Question*> questions;
        std::vector<std::optional<std::size_t>> chosen;  // option index per question
        std::vector<std::vector<bool>> follow_ups;       // picked follow-up choices
        std::size_t position = 0;
        bool editing_from_review = false;
    };

    UtcMillis now() const { return clock_.now_utc(); }
    void go_to(Screen screen);
    void changed() { ++revision_; }
    void log(const std::string& line) const;
    void note_activity();

    void route_char_to_screen(char32_t code_point);
    void confirm_screen();
    void handle_scan(const std::string& text);
    bool only_answer_digits(const std::string& text) const;
    std::size_t answer_key_count() const;

    void start_session(const std::string& code);
    void begin_questions(Stage stage);
    void advance_from_question();
    void advance_past_question();
    void after_last_question();
    bool follow_up_applies(std::size_t position) const;

    bool build_rating(Rating& out);
    void retry_unsaved();
    SaveStatus retry_one(const std::string& rating_id);

    void take_pin_char(char32_t code_point);
    void take_staff_char(char32_t code_point);
    void take_staff_key(FlowKey key);
    void load_pin_lock();
    void save_pin_lock();
    void restore_desk_official();
    void end_desk_session(const std::string& actor, const std::string& why);
    std::string today() const;
    UtcMillis next_local_midnight() const;

    void go_welcome();
    void back_before_questions();
    void back_to_code_entry();
    void apply_timeouts();
    bool countdown_applies() const;

    const Form& form_;
    const KioskSettings& settings_;
    const DossierCodeValidator& validator_;
    const Clock& clock_;
    RatingSink& sink_;
    StaffGate& staff_;
    std::function<void(std::string_view)> log_;

    Screen screen_ = Screen::welcome;
    std::uint64_t revision_ = 0;
    Language language_;
    UtcMillis screen_since_;
    UtcMillis last_activity_;
    std::optional<StaffMember> desk_official_;

    ScannerAssembler assembler_;
    UtcMillis last_char_at_ = 0;
    std::optional<Session> typing_snapshot_;  // the form before a run of typed characters
    DossierCodeField code_field_;
    bool bad_scan_notice_ = false;
    bool answer_hint_ = false;

    Session session_;

    std::vector<Rating> unsaved_;
    std::string failed_rating_id_;                     // the rating the apology screen is about
    std::optional<SaveStatus> failed_rating_outcome_;  // of its latest retry
    UtcMillis next_retry_at_ = 0;
    bool lookup_failed_ = false;

    std::optional<UtcMillis> corner_held_since_;
    std::vector<StaffMember> pin_candidates_;
    std::optional<StaffMember> pin_official_;
    std::string pin_;
    PinProblem pin_problem_ = PinProblem::none;
    // A run of characters on the PIN pad that turned out to be a scan is thrown away whole.
    bool pin_run_is_scan_ = false;
    bool pin_run_is_burst_ = false;  // every character of the run came within kScanKeyGapMs
    std::size_t pin_run_length_ = 0;
    std::string pin_before_run_;
    std::optional<StaffMember> official_before_run_;
    std::string desk_date_;  // local date of the desk sign-in
    int failed_pins_ = 0;
    UtcMillis pin_locked_until_ = 0;
    std::optional<StaffMember> staff_member_;
    bool exit_requested_ = false;

    SyncControl* sync_control_ = nullptr;
    SyncView sync_view_;
    SettingsFacts settings_facts_;

    StaffRecords* records_ = nullptr;
    PaperEntry paper_;
    VoidDesk voids_;
    AuditViewer audit_;
};

}  // namespace motcua::kiosk
