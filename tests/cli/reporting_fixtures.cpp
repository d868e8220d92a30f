#include "reporting_fixtures.hpp"

namespace motcua::test {

namespace {

AnswerOption option(const std::string& id, std::optional<int> points, bool raises_flag = false) {
    AnswerOption answer;
    answer.id = id;
    answer.label = LocalizedText{"vi " + id, "en " + id};
    answer.points = points;
    answer.raises_flag = raises_flag;
    return answer;
}

Question question(const std::string& id, const std::string& indicator,
                  std::vector<AnswerOption> options, QuestionKind kind = QuestionKind::points) {
    Question q;
    q.id = id;
    q.indicator = indicator;
    q.kind = kind;
    q.text = LocalizedText{"Câu " + id, "Question " + id};
    q.options = std::move(options);
    return q;
}

IndicatorDef indicator(const std::string& id, IndicatorSource source) {
    return IndicatorDef{id, LocalizedText{"Chỉ số " + id, "Indicator " + id}, source, 2};
}

}  // namespace

Form small_form() {
    Form form;
    form.id = "small";
    form.version = 3;
    form.title = LocalizedText{"Phiếu nhỏ", "Small form"};
    form.stages = {Stage::intake, Stage::result_return};
    form.extras = {Extra{"overall", LocalizedText{"Hài lòng chung", "Overall satisfaction"}},
                   Extra{"extra_payment", LocalizedText{"Phải trả thêm", "Asked to pay extra"}}};
    form.questions.push_back(question("q_time", "CS1",
                                      {option("early", 2), option("on_time", 1), option("late", 0),
                                       option("no_result", std::nullopt)}));
    Question attitude =
        question("q_attitude", "CS7", {option("very", 2), option("ok", 1), option("bad", 0)});
    FollowUp follow_up;
    follow_up.when_points_at_most = 0;
    follow_up.prompt = LocalizedText{"Vì sao?", "Why?"};
    follow_up.choices = {option("rude", std::nullopt), option("slow", std::nullopt)};
    attitude.follow_up = follow_up;
    form.questions.push_back(attitude);
    Question overall =
        question("q_overall", "overall", {option("good", 2), option("fair", 1), option("poor", 0)});
    overall.skippable = true;
    form.questions.push_back(overall);
    form.questions.push_back(question(
        "q_pay", "extra_payment", {option("yes", std::nullopt, true), option("no", std::nullopt)},
        QuestionKind::flag));
    return form;
}

ScoringProfile small_profile(bool all_citizen) {
    ScoringProfile profile;
    profile.id = all_citizen ? "small-citizen" : "small";
    profile.version = 1;
    profile.indicators = {indicator("CS1", IndicatorSource::citizen)};
    if (!all_citizen) {
        profile.indicators.push_back(indicator("CS5", IndicatorSource::agency));
    }
    profile.indicators.push_back(indicator("CS7", IndicatorSource::citizen));
    double top = all_citizen ? 3 : 5;
    double middle = all_citizen ? 2 : 3;
    profile.bands = {Band{"tot", LocalizedText{"Tốt", "Good"}, top},
                     Band{"kha", LocalizedText{"Khá", "Fair"}, middle},
                     Band{"yeu", LocalizedText{"Yếu", "Weak"}, 0}};
    profile.official.indicators = {"CS1", "CS7"};
    profile.official.scale = 10;
    profile.official.description = LocalizedText{"CS1 và CS7", "CS1 and CS7"};
    return profile;
}

}  // namespace motcua::test
