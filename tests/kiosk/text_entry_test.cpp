// The reason field's text: UTF-8 typed and erased a character at a time, and the Vietnamese
// tone keys on the last vowel.
#include <catch2/catch.hpp>

#include "kiosk/flow/text_entry.hpp"

using namespace motcua::kiosk;

TEST_CASE("tone keys mark the last vowel, replace a tone and take it off", "[text_entry]") {
    TextEntry text(50);
    text.type("Ngươi");
    CHECK(text.apply_tone(ToneMark::grave));
    CHECK(text.text() == "Ngươì");
    CHECK(text.apply_tone(ToneMark::hook));  // another tone replaces it
    CHECK(text.text() == "Ngươỉ");
    CHECK(text.apply_tone(ToneMark::hook));  // the same tone again takes it off
    CHECK(text.text() == "Ngươi");
    text.push(U'n');
    CHECK_FALSE(text.apply_tone(ToneMark::acute));  // not after a consonant
    CHECK(text.text() == "Ngươin");
    text.clear();
    text.type("Đ");
    text.push(U'Ư');
    CHECK(text.apply_tone(ToneMark::dot));
    CHECK(text.text() == "ĐỰ");
}

TEST_CASE("characters are erased whole and the length is capped", "[text_entry]") {
    TextEntry text(4);
    text.type("ặb");
    CHECK(text.length() == 2);
    text.pop();
    CHECK(text.text() == "ặ");
    text.pop();
    CHECK(text.text().empty());
    text.pop();  // nothing to erase
    CHECK(text.length() == 0);
    text.type("abcdef");
    CHECK(text.text() == "abcd");
    text.push(U'x');
    CHECK(text.text() == "abcd");
    text.clear();
    text.push(U'\n');  // control characters are not text
    CHECK(text.blank());
    text.type("  ");
    CHECK(text.blank());
    text.push(U'ơ');
    CHECK_FALSE(text.blank());
    CHECK(utf8_of(U'ơ') == "ơ");
}
