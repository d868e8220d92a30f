#include "kiosk/app/demo_screens.hpp"

#include <algorithm>
#include <stdexcept>

namespace motcua::kiosk::app {

namespace {

constexpr std::string_view kNames[] = {
    "welcome",
    "code_entry",
    "code_refused",
    "stage_choice",
    "question",
    "follow_up",
    "review",
    "thank_you",
    "already_rated",
    "save_failed",
    "countdown",
    "staff_who",
    "staff_pin",
    "staff_menu",
    "staff_tally",
    "staff_report",
    "staff_export",
    "staff_sync",
    "staff_admin",
    "staff_tally_answers",
    "staff_tally_officials",
    "staff_paper",
    "staff_paper_question",
    "staff_paper_review",
    "staff_paper_date",
    "staff_void",
    "staff_void_reason",
    "staff_audit",
};

// Picks the stage (when asked) and answers every question: a mix of answers, so the review
// shows colours and icons of each kind.
void start_rating(KioskFlow& flow, const std::string& code) {
    flow.begin_code_entry();
    flow.type_on_keypad(code);
    flow.submit_code();
    if (flow.screen() == Screen::stage_choice) {
        flow.choose_stage(flow.form().stages.back());
    }
}

void answer_all(KioskFlow& flow) {
    std::size_t guard = 0;
    while (flow.screen() == Screen::question || flow.screen() == Screen::follow_up) {
        if (flow.screen() == Screen::follow_up) {
            flow.toggle_follow_up(0);
            flow.finish_follow_up();
        } else {
            std::size_t options = flow.question()->options.size();
            flow.choose_option(flow.question_position() % std::min<std::size_t>(options, 2));
        }
        if (++guard > 100) {
            throw std::logic_error("demo: the form did not come to an end");
        }
    }
}

// Through the PIN pad as the first admin on the list (any PIN opens a demo).
void sign_in_as_admin(KioskFlow& flow) {
    flow.request_staff();
    const std::vector<StaffMember>& staff = flow.pin_candidates();
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < staff.size(); ++i) {
        if (staff[i].role == StaffRole::admin) {
            chosen = i;
            break;
        }
    }
    flow.choose_pin_official(chosen);
    flow.type_pin_digit('0');
    flow.submit_pin();
    if (flow.screen() != Screen::staff_menu) {
        throw std::logic_error("demo: the sample staff sign-in failed");
    }
}

// Opens a corrections or audit screen as the sample admin.
void open_staff(KioskFlow& flow, Screen screen) {
    sign_in_as_admin(flow);
    if (!flow.open_staff_screen(screen)) {
        throw std::invalid_argument(std::string(to_string(screen)) +
                                    " needs a database behind the demo (--db)");
    }
}

// A paper form typed up to its review: the code, the last stage, mixed answers, an official.
void fill_paper_form(KioskFlow& flow, const std::string& code, bool to_review) {
    PaperEntry& paper = flow.paper();
    paper.type_on_keypad(code);
    paper.submit_code();
    if (paper.step() == PaperStep::stage) {
        paper.choose_stage(flow.form().stages.size() - 1);
    }
    std::size_t guard = 0;
    while (paper.step() == PaperStep::question) {
        if (!to_review && paper.position() == 1) {
            return;
        }
        const Question* question = paper.question();
        if (paper.follow_up_shown()) {
            paper.toggle_follow_up(0);
            paper.next_question();
        } else {
            paper.choose_option(
                std::min<std::size_t>(paper.position() % 3, question->options.size() - 1));
        }
        if (++guard > 100) {
            throw std::logic_error("demo: the paper form did not come to an end");
        }
    }
    if (paper.step() == PaperStep::official && !paper.officials().empty()) {
        paper.choose_official(paper.officials().size() - 1);
    }
}

// The latest day with ratings (up to 60 days back), its first rating chosen, a reason typed.
void choose_rating_to_void(KioskFlow& flow) {
    VoidDesk& voids = flow.voids();
    for (int day = 0; day < 60 && voids.day_ratings().empty(); ++day) {
        voids.previous_day();
    }
    if (voids.day_ratings().empty()) {
        throw std::invalid_argument("staff_void_reason: no ratings in the demo database");
    }
    voids.choose(0);
    voids.type_reason("Phiếu nhập nhầm mã hồ sơ");
}

}  // namespace

int demo_screen_tab(std::string_view name) {
    if (name == "staff_tally_answers") {
        return 1;
    }
    return name == "staff_tally_officials" ? 2 : 0;
}

bool is_demo_screen(std::string_view name) {
    return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

std::string demo_screen_list() {
    std::string list;
    for (std::string_view name : kNames) {
        list += (list.empty() ? "" : ", ") + std::string(name);
    }
    return list;
}

LookupStatus MemorySink::lookup(const std::string& dossier_code, Stage stage) {
    bool rated = std::any_of(saved_.begin(), saved_.end(), [&](const Rating& r) {
        return r.dossier_code == dossier_code && r.stage == stage;
    });
    return rated ? LookupStatus::rated : LookupStatus::not_rated;
}

SaveResult MemorySink::save(const Rating& rating) {
    if (failing) {
        return {SaveStatus::failed, "demo: the store is made to fail"};
    }
    saved_.push_back(rating);
    return {SaveStatus::saved, ""};
}

SampleStaffGate::SampleStaffGate(std::vector<StaffMember> members) : members_(std::move(members)) {
    if (members_.empty()) {
        members_ = {{"admin", "Nguyễn Thị Minh Hạnh", StaffRole::admin},
                    {"cb01", "Trần Văn Bình", StaffRole::supervisor},
                    {"cb02", "Lê Thị Hoa", StaffRole::official}};
    }
}

std::optional<StaffMember> SampleStaffGate::check_pin(const std::string& id, const std::string&) {
    for (const StaffMember& member : members_) {
        if (member.id == id) {
            return member;
        }
    }
    return std::nullopt;
}

std::optional<std::string> SampleStaffGate::load_state(const std::string& key) {
    auto it = state_.find(key);
    if (it == state_.end()) {
        return std::nullopt;
    }
    return it->second;
}

bool SampleStaffGate::save_state(const std::string& key, const std::string& value) {
    state_[key] = value;
    return true;
}

void open_demo_screen(std::string_view name, KioskFlow& flow, MemorySink& sink,
                      ShiftableClock& clock) {
    const std::string code = flow.code_rules().example;
    const std::string half_code = code.substr(0, code.size() * 2 / 3);
    if (name == "welcome") {
        flow.set_desk_official(StaffMember{"cb01", "Trần Văn Bình", StaffRole::official});
    } else if (name == "code_entry") {
        flow.begin_code_entry();
        flow.type_on_keypad(half_code);
    } else if (name == "code_refused") {
        flow.begin_code_entry();
        flow.type_on_keypad(half_code);
        flow.submit_code();
    } else if (name == "stage_choice") {
        if (!flow.has_stage_choice()) {
            throw std::invalid_argument("this form is used at one stage only: no stage screen");
        }
        flow.begin_code_entry();
        flow.type_on_keypad(code);
        flow.submit_code();
    } else if (name == "question" || name == "countdown") {
        start_rating(flow, code);
        flow.choose_option(0);
        flow.select_option(1);
        if (name == "countdown") {
            const KioskSettings& settings = flow.settings();
            clock.shift_ms((settings.idle_seconds + settings.countdown_seconds / 2) * 1000LL);
        }
    } else if (name == "follow_up") {
        start_rating(flow, code);
        // The first question with a follow-up, answered low.
        while (flow.screen() == Screen::question && !flow.question()->follow_up) {
            flow.choose_option(0);
        }
        if (flow.screen() != Screen::question) {
            throw std::invalid_argument("this form has no follow-up question");
        }
        flow.choose_option(flow.question()->options.size() - 1);
        flow.toggle_follow_up(0);
    } else if (name == "review") {
        start_rating(flow, code);
        answer_all(flow);
    } else if (name == "thank_you") {
        start_rating(flow, code);
        answer_all(flow);
        flow.send();
    } else if (name == "already_rated") {
        start_rating(flow, code);
        answer_all(flow);
        flow.send();
        flow.finish();
        start_rating(flow, code);
    } else if (name == "save_failed") {
        sink.failing = true;
        start_rating(flow, code);
        answer_all(flow);
        flow.send();
    } else if (name == "staff_who") {
        flow.request_staff();
    } else if (name == "staff_pin") {
        flow.request_staff();
        flow.choose_pin_official(0);
        flow.type_pin_digit('1');
        flow.type_pin_digit('2');
        flow.type_pin_digit('3');
    } else if (name == "staff_menu") {
        sign_in_as_admin(flow);
        flow.sign_in_at_desk();
    } else if (name == "staff_tally" || name == "staff_report" || name == "staff_export" ||
               name == "staff_sync" || name == "staff_admin") {
        sign_in_as_admin(flow);
        Screen screen = Screen::staff_menu;
        parse_screen(name, screen);
        flow.open_staff_screen(screen);
    } else if (name == "staff_tally_answers" || name == "staff_tally_officials") {
        sign_in_as_admin(flow);
        flow.open_staff_screen(Screen::staff_tally);
    } else if (name == "staff_paper") {
        open_staff(flow, Screen::staff_paper);
        flow.paper().type_on_keypad(half_code);
    } else if (name == "staff_paper_question" || name == "staff_paper_review") {
        open_staff(flow, Screen::staff_paper);
        fill_paper_form(flow, code, name == "staff_paper_review");
    } else if (name == "staff_paper_date") {
        // A form from three days ago: the date step opened from the code step.
        open_staff(flow, Screen::staff_paper);
        flow.paper().change_date();
        flow.paper().choose_days_back(3);
    } else if (name == "staff_void") {
        open_staff(flow, Screen::staff_void);
    } else if (name == "staff_void_reason") {
        open_staff(flow, Screen::staff_void);
        choose_rating_to_void(flow);
    } else if (name == "staff_audit") {
        open_staff(flow, Screen::staff_audit);
        flow.audit_log().set_span(AuditSpan::month);
    } else {
        throw std::invalid_argument("unknown demo screen '" + std::string(name) + "'");
    }
}

}  // namespace motcua::kiosk::app
