#include <catch2/catch.hpp>

#include "core/text.hpp"
#include "core/uuid.hpp"

using namespace motcua;

TEST_CASE("is_valid_utf8 accepts well-formed text and refuses malformed sequences", "[text]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("Sở Tư pháp"));
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));        // U+1F600, four bytes
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
    CHECK_FALSE(is_valid_utf8("abc\xE1\xBB"));       // cut short
    CHECK_FALSE(is_valid_utf8("\xFF"));
}

TEST_CASE("to_nfc composes decomposed Vietnamese and leaves NFC text alone", "[text]") {
    const std::string decomposed = "Vie\xCC\xA3\xCC\x82t";  // e + dot below + circumflex
    CHECK(to_nfc(decomposed) == "Việt");
    CHECK(to_nfc("Việt Nam") == "Việt Nam");
    CHECK(to_nfc("") == "");
}

TEST_CASE("languages parse from vi and en only", "[text]") {
    Language language = Language::vi;
    CHECK(parse_language("en", language));
    CHECK(language == Language::en);
    CHECK(to_string(language) == "en");
    CHECK_FALSE(parse_language("VI", language));
    CHECK_FALSE(parse_language("", language));
    const LocalizedText text{"Xin chào", "Hello"};
    CHECK(text.in(Language::vi) == "Xin chào");
    CHECK(text.in(Language::en) == "Hello");
}

TEST_CASE("UUIDs are random version 4 in canonical lower case", "[uuid]") {
    const std::string a = make_uuid_v4();
    const std::string b = make_uuid_v4();
    CHECK(a != b);
    CHECK(is_uuid(a));
    CHECK(a[14] == '4');
    CHECK((a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b'));
    CHECK(is_uuid("123e4567-e89b-42d3-a456-426614174000"));
    CHECK_FALSE(is_uuid("123E4567-E89B-42D3-A456-426614174000"));
    CHECK_FALSE(is_uuid("123e4567e89b42d3a456426614174000"));
    CHECK_FALSE(is_uuid("123e4567-e89b-42d3-a456-42661417400"));
    CHECK_FALSE(is_uuid("123e4567-e89b-42d3-a456-42661417400g"));
    CHECK_FALSE(is_uuid(""));
}
