#include <catch2/catch.hpp>

#include "kiosk/flow/scanner_assembler.hpp"

using motcua::kiosk::ScannerAssembler;

TEST_CASE("the assembler gathers characters as UTF-8 and counts them", "[scanner]") {
    ScannerAssembler a;
    for (char32_t c : std::u32string(U"Mã-1₫")) {
        a.push(c);
    }
    CHECK(a.text() == "Mã-1₫");
    CHECK(a.length() == 5);
    a.pop();
    CHECK(a.text() == "Mã-1");
    a.pop();
    a.pop();
    a.pop();
    CHECK(a.text() == "M");
    CHECK(a.take() == "M");
    CHECK(a.empty());
    CHECK(a.length() == 0);
}

TEST_CASE("the assembler ignores control characters and invalid code points", "[scanner]") {
    ScannerAssembler a;
    for (char32_t c : {char32_t(0x07), char32_t('\t'), char32_t(0x7F), char32_t(0x85),
                       char32_t(0xD800), char32_t(0x110000), char32_t('A')}) {
        a.push(c);
    }
    CHECK(a.text() == "A");
    a.pop();
    a.pop();  // popping an empty assembler is harmless
    CHECK(a.empty());
}

TEST_CASE("the assembler stops growing at its limit", "[scanner]") {
    ScannerAssembler a;
    for (int i = 0; i < 1000; ++i) {
        a.push(U'9');
    }
    CHECK(a.length() == ScannerAssembler::kMaxCharacters);
    CHECK(a.text().size() == ScannerAssembler::kMaxCharacters);
}
