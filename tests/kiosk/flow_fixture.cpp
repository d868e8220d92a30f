#include "flow_fixture.hpp"

#include <cmath>

namespace motcua::kiosk::testing {

std::string test_form_json(bool several_stages) {
    std::string stages = several_stages ? R"(["intake", "supplement", "return"])" : R"(["intake"])";
    return R"({
  "id": "test-form", "version": 3,
  "title": {"vi": "Phiếu thử", "en": "Test form"},
  "stages": )" +
           stages +
           R"(,
  "extras": [{"id": "extra_payment", "name": {"vi": "Bị đòi thêm tiền", "en": "Asked to pay extra"}}],
  "questions": [
    {"id": "attitude", "indicator": "CS7",
     "text": {"vi": "Thái độ của công chức?", "en": "Officials' attitude?"},
     "options": [
       {"id": "very_satisfied", "points": 2, "label": {"vi": "Rất hài lòng", "en": "Very satisfied"}, "icon": "face_happy", "color": "green"},
       {"id": "satisfied", "points": 1, "label": {"vi": "Hài lòng", "en": "Satisfied"}, "icon": "face_neutral", "color": "yellow"},
       {"id": "dissatisfied", "points": 0, "label": {"vi": "Không hài lòng", "en": "Dissatisfied"}, "icon": "face_sad", "color": "red"}
     ],
     "follow_up": {"when_points_at_most": 0,
       "prompt": {"vi": "Điều gì chưa tốt?", "en": "What went wrong?"},
       "choices": [
         {"id": "rude", "label": {"vi": "Thiếu lịch sự", "en": "Impolite"}},
         {"id": "slow", "label": {"vi": "Chậm", "en": "Slow"}},
         {"id": "unclear", "label": {"vi": "Hướng dẫn khó hiểu", "en": "Unclear guidance"}}
       ]}},
    {"id": "contacts", "indicator": "CS3",
     "text": {"vi": "Số lần phải liên hệ?", "en": "Times you had to come back?"},
     "options": [
       {"id": "none", "points": 2, "label": {"vi": "Không lần nào", "en": "None"}, "icon": "count_0", "color": "green"},
       {"id": "once", "points": 1, "label": {"vi": "1 lần", "en": "Once"}, "icon": "count_1", "color": "yellow"},
       {"id": "more", "points": 0, "label": {"vi": "Từ 2 lần trở lên", "en": "Twice or more"}, "icon": "count_2plus", "color": "red"}
     ]},
    {"id": "extra_payment", "indicator": "extra_payment", "kind": "flag", "skippable": true,
     "text": {"vi": "Có bị đòi thêm tiền không?", "en": "Were you asked to pay extra?"},
     "options": [
       {"id": "no", "label": {"vi": "Không", "en": "No"}, "icon": "cross", "color": "green"},
       {"id": "yes", "raises_flag": true, "label": {"vi": "Có", "en": "Yes"}, "icon": "check", "color": "red"}
     ]})" +
           std::string(several_stages ? R"(,
    {"id": "timing", "indicator": "CS1", "stages": ["return"],
     "text": {"vi": "Thời gian trả kết quả?", "en": "When did you get the result?"},
     "options": [
       {"id": "early", "points": 2, "label": {"vi": "Sớm hơn hẹn", "en": "Early"}, "icon": "clock_early", "color": "green"},
       {"id": "on_time", "points": 1, "label": {"vi": "Đúng hẹn", "en": "On time"}, "icon": "clock_on_time", "color": "yellow"},
       {"id": "late", "points": 0, "label": {"vi": "Trễ hẹn", "en": "Late"}, "icon": "clock_late", "color": "red"}
     ]})"
                                      : "") +
           R"(
  ]
})";
}

Form test_form(bool several_stages) {
    return parse_form(test_form_json(several_stages), "test-form.json");
}

const Answer* find_answer(const Rating& rating, const std::string& question_id) {
    for (const Answer& answer : rating.answers) {
        if (answer.question_id == question_id) {
            return &answer;
        }
    }
    return nullptr;
}

LookupStatus FakeSink::lookup(const std::string& dossier_code, Stage stage) {
    ++lookups;
    if (lookup_fails) {
        return LookupStatus::failed;
    }
    return rated.count({dossier_code, stage}) ? LookupStatus::rated : LookupStatus::not_rated;
}

SaveResult FakeSink::save(const Rating& rating) {
    ++save_attempts;
    if (failures_to_give > 0) {
        --failures_to_give;
        return {SaveStatus::failed, "disk I/O error (injected)"};
    }
    if (rated.count({rating.dossier_code, rating.stage})) {
        return {SaveStatus::duplicate, "already rated"};
    }
    rated.insert({rating.dossier_code, rating.stage});
    saved.push_back(rating);
    return {SaveStatus::saved, ""};
}

namespace {

struct FakeStaff {
    StaffMember member;
    const char* pin;
};

const std::vector<FakeStaff>& fake_staff() {
    static const std::vector<FakeStaff> staff = {
        {{"admin1", "Nguyễn Văn Quản", StaffRole::admin}, kAdminPin},
        {{"sup1", "Phạm Thị Giám", StaffRole::supervisor}, kSupervisorPin},
        {{"cb01", "Trần Văn Bình", StaffRole::official}, kOfficialPin},
    };
    return staff;
}

}  // namespace

void FakeGate::audit(const std::string& actor, std::string_view action, const std::string& detail) {
    actions.push_back(actor + ":" + std::string(action));
    details.push_back(detail);
}

std::vector<StaffMember> FakeGate::active_staff() {
    std::vector<StaffMember> members;
    for (const FakeStaff& staff : fake_staff()) {
        members.push_back(staff.member);
    }
    return members;
}

std::optional<StaffMember> FakeGate::check_pin(const std::string& id, const std::string& pin) {
    for (const FakeStaff& staff : fake_staff()) {
        if (staff.member.id == id && pin == staff.pin) {
            return staff.member;
        }
    }
    return std::nullopt;
}

std::optional<std::string> FakeGate::load_state(const std::string& key) {
    auto it = state.find(key);
    if (it == state.end()) {
        return std::nullopt;
    }
    return it->second;
}

bool FakeGate::save_state(const std::string& key, const std::string& value) {
    state[key] = value;
    return true;
}

namespace {

KioskSettings settings_with_review(bool review) {
    KioskSettings settings;
    settings.review_screen = review;
    return settings;
}

}  // namespace

// 2023-03-01T02:00:00Z, 09:00 in Vietnam.
FlowHarness::FlowHarness(bool several_stages, bool review)
    : form(test_form(several_stages)),
      settings(settings_with_review(review)),
      validator(DossierCodeRules{}),
      clock(1677636000000),
      flow(form, settings, validator, clock, sink, gate) {}

void FlowHarness::type(std::string_view text) {
    for (char c : text) {
        flow.on_char(static_cast<unsigned char>(c));
    }
}

void FlowHarness::type_by_hand(std::string_view text) {
    for (char c : text) {
        flow.on_char(static_cast<unsigned char>(c));
        clock.advance_ms(150);
    }
}

void FlowHarness::scan(std::string_view code) {
    type(code);
    flow.on_key(FlowKey::enter);
}

void FlowHarness::sign_in(std::size_t index, const std::string& pin) {
    flow.request_staff();
    flow.choose_pin_official(index);
    for (char digit : pin) {
        flow.type_pin_digit(digit);
    }
    flow.submit_pin();
}

void FlowHarness::advance_seconds(double seconds) {
    clock.advance_ms(static_cast<std::int64_t>(std::llround(seconds * 1000)));
    flow.tick();
}

}  // namespace motcua::kiosk::testing
