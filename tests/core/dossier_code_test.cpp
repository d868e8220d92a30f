#include <catch2/catch.hpp>

#include "core/dossier_code.hpp"

using namespace motcua;

namespace {

struct Case {
    std::string input;
    DossierCodeProblem problem;
    std::string code;  // the normalised code when accepted
};

const char* name_of(DossierCodeProblem problem) {
    switch (problem) {
        case DossierCodeProblem::none:
            return "none";
        case DossierCodeProblem::empty:
            return "empty";
        case DossierCodeProblem::too_long:
            return "too_long";
        case DossierCodeProblem::invalid_utf8:
            return "invalid_utf8";
        case DossierCodeProblem::control_character:
            return "control_character";
        case DossierCodeProblem::bad_shape:
            return "bad_shape";
    }
    return "?";
}

}  // namespace

TEST_CASE("dossier codes: what a scanner or a person types, accepted or refused", "[dossier]") {
    using P = DossierCodeProblem;
    const std::string good = "000.00.24.H18-221228-0001";
    const std::vector<Case> cases = {
        // Accepted, possibly after normalisation.
        {good, P::none, good},
        {"000.00.24.h18-221228-0001", P::none, good},
        {"  000.00.24.H18-221228-0001  ", P::none, good},
        {"000.00.24.H18-221228-0001\r\n", P::none, good},
        {"\t000.00.24.H18-221228-0001\n", P::none, good},
        {"*000.00.24.H18-221228-0001*", P::none, good},
        {" *000.00.24.H18-221228-0001* \n", P::none, good},
        {"**000.00.24.H18-221228-0001**", P::none, good},
        {"\xC2\xA0"
         "000.00.24.H18-221228-0001\xC2\xA0",
         P::none, good},  // no-break spaces
        {"\xEF\xBB\xBF"
         "000.00.24.H18-221228-0001",
         P::none, good},  // byte order mark
        {"H18-221228-0001", P::none, "H18-221228-0001"},
        {"000.00.24.H18-221228-000123", P::none, "000.00.24.H18-221228-000123"},
        {"G01.123-230101-9999", P::none, "G01.123-230101-9999"},
        // Look-alikes from word processors and phone keyboards are folded to ASCII.
        {"000.00.24.H18\xE2\x80\x93"
         "221228\xE2\x80\x93"
         "0001",
         P::none, good},  // en dashes
        {"000.00.24.H18\xE2\x80\x90"
         "221228\xE2\x88\x92"
         "0001",
         P::none, good},  // Unicode hyphen and minus sign
        {"\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90.00.24.H18-221228-0001", P::none,
         good},  // full-width digits
        // Nothing there.
        {"", P::empty, ""},
        {"   ", P::empty, ""},
        {"\r\n", P::empty, ""},
        {"**", P::empty, ""},
        // Too long: refused before any pattern matching.
        {std::string(65, '1'), P::too_long, ""},
        {std::string(100000, 'A'), P::too_long, ""},
        {"000.00.24.H18-221228-0001" + std::string(40, '0'), P::too_long, ""},
        // Not text.
        {"000.00.24.H18-221228-\xFF\xFE", P::invalid_utf8, ""},
        {"\xC0\xAF"
         "000.00.24.H18-221228-0001",
         P::invalid_utf8, ""},
        {"000.00.24.H18-2212\xE1\xBB", P::invalid_utf8, ""},
        // Control characters inside the code.
        {"000.00.24.H18-221228\t-0001", P::control_character, ""},
        {std::string("000.00.24.H18-22\0"
                     "1228-0001",
                     25),
         P::control_character, ""},
        {"000.00.24.H18-221228-0001\x1B[0m", P::control_character, ""},
        {"000.00.24.H18-2212\x7F"
         "28-0001",
         P::control_character, ""},
        {"000.00.24.H18-221228-\xC2\x85"
         "0001",
         P::control_character, ""},  // U+0085 NEL
        // Wrong shape.
        {"'; DROP TABLE ratings;--", P::bad_shape, ""},
        {"000.00.24.H18-221228-0001' OR '1'='1", P::bad_shape, ""},
        {"000.00.24.H18 221228 0001", P::bad_shape, ""},
        {"000.00.24.H18-221228-001", P::bad_shape, ""},
        {"000.00.24.H18-22122-0001", P::bad_shape, ""},
        {"000.00.24.H18-221228", P::bad_shape, ""},
        {"000..24.H18-221228-0001", P::bad_shape, ""},
        {".000.00.24.H18-221228-0001", P::bad_shape, ""},
        {"000.00.24.Hà-221228-0001", P::bad_shape, ""},
        {"000.00.24.H18-221228-0001*X", P::bad_shape, ""},
        {"https://dichvucong.gov.vn/?code=000.00.24.H18-221228-0001", P::bad_shape, ""},
    };
    REQUIRE(cases.size() >= 30);
    const DossierCodeValidator validator{DossierCodeRules{}};
    for (const Case& c : cases) {
        INFO("input of " << c.input.size() << " bytes: " << c.input.substr(0, 60));
        const DossierCodeResult result = validator.check(c.input);
        CHECK(name_of(result.problem) == std::string(name_of(c.problem)));
        CHECK(result.ok() == (c.problem == P::none));
        CHECK(result.code == c.code);
        if (!result.ok()) {
            CHECK(result.message_en.find("000.00.24.H18-221228-0001") != std::string::npos);
            CHECK(result.message_vi.find("Mã có dạng 000.00.24.H18-221228-0001") !=
                  std::string::npos);
        }
    }
}

TEST_CASE("dossier code messages are polite in Vietnamese and precise in English", "[dossier]") {
    const DossierCodeValidator validator{DossierCodeRules{}};
    const DossierCodeResult bad = validator.check("abc");
    CHECK(bad.message_vi ==
          "Mã hồ sơ chưa đúng. Mã có dạng 000.00.24.H18-221228-0001. Xin vui lòng quét lại hoặc "
          "nhập lại.");
    CHECK(bad.message_en.rfind("dossier code 'ABC' does not have the expected shape; expected a "
                               "dossier code like 000.00.24.H18-221228-0001",
                               0) == 0);
    const DossierCodeResult binary = validator.check("A\xFF\x01");
    CHECK(binary.message_en.find("A\\xFF\\x01") != std::string::npos);  // never raw bytes in logs
    CHECK(validator.check("").message_vi.rfind("Chưa có mã hồ sơ.", 0) == 0);
}

TEST_CASE("dossier code rules are configuration", "[dossier]") {
    DossierCodeRules digits;
    digits.pattern = "^[0-9]{8}$";
    digits.example = "12345678";
    digits.strip_chars = "#";
    digits.max_length = 8;
    const DossierCodeValidator validator(digits);
    CHECK(validator.check("#12345678#").code == "12345678");
    CHECK(validator.check("000.00.24.H18-221228-0001").problem == DossierCodeProblem::too_long);
    CHECK(validator.check("1234567").problem == DossierCodeProblem::bad_shape);
    CHECK(validator.check("1234567").message_vi.find("12345678") != std::string::npos);

    // NFC: a decomposed letter matches a pattern written with the composed one.
    DossierCodeRules vietnamese;
    vietnamese.pattern = "^HÀ-[0-9]{4}$";
    vietnamese.example = "HÀ-0001";
    const DossierCodeValidator nfc(vietnamese);
    CHECK(nfc.check("HA\xCC\x80-0001").code == "HÀ-0001");

    DossierCodeRules broken;
    broken.pattern = "^[A-Z";
    CHECK_THROWS_AS(DossierCodeValidator(broken), std::invalid_argument);
    DossierCodeRules mismatched;
    mismatched.example = "ABC";
    CHECK_THROWS_AS(DossierCodeValidator(mismatched), std::invalid_argument);
    DossierCodeRules zero;
    zero.max_length = 0;
    CHECK_THROWS_AS(DossierCodeValidator(zero), std::invalid_argument);
    DossierCodeRules space_strip;
    space_strip.strip_chars = "* ";
    CHECK_THROWS_AS(DossierCodeValidator(space_strip), std::invalid_argument);
}

TEST_CASE("a pattern with nested repetition still answers at once", "[dossier]") {
    // With a backtracking matcher, (A+)+B against sixty A's tries 2^60 ways before failing;
    // the configured pattern must never hang the kiosk on a citizen's scan.
    DossierCodeRules nested;
    nested.pattern = "^(A+)+B$";
    nested.example = "AAB";
    nested.max_length = 64;
    const DossierCodeValidator validator(nested);
    CHECK(validator.check(std::string(60, 'A')).problem == DossierCodeProblem::bad_shape);
    CHECK(validator.check(std::string(60, 'A') + "B").ok());
}
