// The dossier code field the citizen's code screen and the paper form share: keypad taps,
// keyboard and scanner characters, the rule that keyboard input after taps or after a refusal
// starts a new code, the length limit, and the problem shown until the next edit.
#include <catch2/catch.hpp>

#include "kiosk/flow/dossier_code_field.hpp"

using namespace motcua;
using namespace motcua::kiosk;

namespace {

constexpr const char* kGoodCode = "000.00.24.H18-221228-0001";

void type_all(DossierCodeField& field, std::string_view text) {
    for (char c : text) {
        field.type(static_cast<unsigned char>(c));
    }
}

}  // namespace

TEST_CASE("keypad taps add to the code, up to the rules' maximum length", "[code_field]") {
    DossierCodeValidator validator{DossierCodeRules{}};
    DossierCodeField field(validator);
    field.tap("000.");
    field.tap("00");
    CHECK(field.text() == "000.00");
    field.erase_last();
    CHECK(field.text() == "000.0");
    field.clear();
    CHECK(field.text().empty());
    field.tap(std::string(200, '1'));
    CHECK(field.text().size() == validator.rules().max_length);
}

TEST_CASE("keyboard or scanner characters after keypad taps start a new code", "[code_field]") {
    DossierCodeValidator validator{DossierCodeRules{}};
    DossierCodeField field(validator);
    field.tap("000.0");
    type_all(field, kGoodCode);
    CHECK(field.text() == kGoodCode);
    // Characters from the keyboard keep adding to the keyboard's code.
    field.type(U'9');
    CHECK(field.text() == std::string(kGoodCode) + "9");
    // Taps after a scan add to it: the citizen corrects what the scanner read.
    field.erase_last();
    field.erase_last();
    field.tap("7");
    CHECK(field.text() == "000.00.24.H18-221228-0007");
}

TEST_CASE("a refused code stays with its problem until the next edit, and a scan replaces it",
          "[code_field]") {
    DossierCodeValidator validator{DossierCodeRules{}};
    DossierCodeField field(validator);
    CHECK(field.submit().problem == DossierCodeProblem::empty);
    CHECK(field.problem() == DossierCodeProblem::empty);

    type_all(field, "000.00.24.H18-2212");
    CHECK(field.problem() == DossierCodeProblem::none);
    DossierCodeResult refused = field.submit();
    CHECK_FALSE(refused.ok());
    CHECK(refused.message_vi.find(validator.rules().example) != std::string::npos);
    CHECK(field.problem() == DossierCodeProblem::bad_shape);
    CHECK(field.text() == "000.00.24.H18-2212");

    type_all(field, kGoodCode);  // the next scan is not appended to the refused code
    CHECK(field.text() == kGoodCode);
    CHECK(field.problem() == DossierCodeProblem::none);

    SECTION("a tap after a refusal adds to the code and clears the problem") {
        field.clear();
        field.tap("12");
        field.submit();
        REQUIRE(field.problem() == DossierCodeProblem::bad_shape);
        field.tap("3");
        CHECK(field.text() == "123");
        CHECK(field.problem() == DossierCodeProblem::none);
    }
}

TEST_CASE("an accepted code comes back normalised", "[code_field]") {
    DossierCodeValidator validator{DossierCodeRules{}};
    DossierCodeField field(validator);
    field.tap("000.00.24.h18-221228-0001");
    DossierCodeResult result = field.submit();
    REQUIRE(result.ok());
    CHECK(result.code == kGoodCode);
    CHECK(field.problem() == DossierCodeProblem::none);
}

TEST_CASE("a code refused elsewhere is shown in ASCII with its problem", "[code_field]") {
    DossierCodeValidator validator{DossierCodeRules{}};
    DossierCodeField field(validator);
    field.tap("12");
    field.show_refused("HÉLLO-1", DossierCodeProblem::bad_shape);
    CHECK(field.text() == "H?LLO-1");
    CHECK(field.problem() == DossierCodeProblem::bad_shape);
    field.erase_last();
    CHECK(field.text() == "H?LLO-");
    CHECK(field.problem() == DossierCodeProblem::none);
    type_all(field, kGoodCode);  // a scan after it starts a new code
    CHECK(field.text() == kGoodCode);
}

TEST_CASE("the field ignores control characters from a keyboard", "[code_field]") {
    DossierCodeValidator validator{DossierCodeRules{}};
    DossierCodeField field(validator);
    field.type(U'1');
    field.type(U'\t');
    field.type(0x7F);
    field.type(U'2');
    CHECK(field.text() == "12");
}
