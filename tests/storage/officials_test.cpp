// Officials and PINs: only an Argon2id hash is stored; wrong, inactive and unknown all fail.

#include <catch2/catch.hpp>

#include "storage/pin_hash.hpp"
#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

TEST_CASE("officials are stored with a PIN hash, never the PIN", "[storage][officials]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    // "Nguyễn Thị Lan" typed decomposed (combining marks) must be stored composed (NFC).
    const std::string decomposed = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Lan";
    store.add_official({"cb01", decomposed, Role::official, true}, "482915");
    store.add_official({"sup01", "Trần Văn Bình", Role::supervisor, true}, "7351");

    const std::optional<Official> found = store.find_official("cb01");
    REQUIRE(found);
    CHECK(found->name == "Nguyễn Thị Lan");
    CHECK(found->role == Role::official);
    CHECK(found->active);
    CHECK_FALSE(store.find_official("nobody"));
    const std::vector<Official> all = store.list_officials();
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == "cb01");
    CHECK(all[1].id == "sup01");
    CHECK(all[1].role == Role::supervisor);

    RawDb raw(dir.file("k.db"));
    const std::string hash = raw.column("SELECT pin_hash FROM officials WHERE id = 'cb01'").at(0);
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("482915") == std::string::npos);
    const std::string other = raw.column("SELECT pin_hash FROM officials WHERE id = 'sup01'").at(0);
    CHECK(other != hash);

    CHECK(store.check_pin("cb01", "482915")->name == "Nguyễn Thị Lan");
    CHECK(store.check_pin("sup01", "7351")->role == Role::supervisor);
    CHECK_FALSE(store.check_pin("cb01", "482916"));
    CHECK_FALSE(store.check_pin("cb01", "7351"));
    CHECK_FALSE(store.check_pin("cb01", ""));
    CHECK_FALSE(store.check_pin("nobody", "482915"));

    SECTION("an inactive official cannot sign in until enabled again") {
        store.set_official_active("cb01", false);
        CHECK_FALSE(store.find_official("cb01")->active);
        CHECK_FALSE(store.check_pin("cb01", "482915"));
        store.set_official_active("cb01", true);
        CHECK(store.check_pin("cb01", "482915"));
    }
    SECTION("a new PIN replaces the old one") {
        store.set_pin("cb01", "000111222");
        CHECK_FALSE(store.check_pin("cb01", "482915"));
        CHECK(store.check_pin("cb01", "000111222"));
    }
}

TEST_CASE("officials: bad input and unknown ids are refused", "[storage][officials]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    store.add_official({"cb01", "Lan", Role::official, true}, "1234");

    for (const std::string& pin :
         std::vector<std::string>{"", "123", "1234567890123", "12a4", " 1234", "١٢٣٤"}) {
        INFO("PIN '" << pin << "'");
        CHECK(error_kind_of([&] {
                  store.add_official({"cb02", "Hoa", Role::official, true}, pin);
              }) == StoreErrorKind::invalid);
        CHECK(error_kind_of([&] { store.set_pin("cb01", pin); }) == StoreErrorKind::invalid);
    }
    CHECK_FALSE(store.find_official("cb02"));
    for (const std::string& id :
         std::vector<std::string>{"", "has space", "quote'id", std::string(65, 'a')}) {
        INFO("id '" << id << "'");
        CHECK(error_kind_of([&] {
                  store.add_official({id, "Hoa", Role::official, true}, "1234");
              }) == StoreErrorKind::invalid);
    }
    CHECK(error_kind_of([&] {
              store.add_official({"cb03", "  ", Role::official, true}, "1234");
          }) == StoreErrorKind::invalid);
    CHECK(error_kind_of([&] {
              store.add_official({"cb01", "Other", Role::admin, true}, "9999");
          }) == StoreErrorKind::duplicate_id);
    CHECK(store.check_pin("cb01", "1234"));
    CHECK(error_kind_of([&] { store.set_official_active("nobody", false); }) ==
          StoreErrorKind::not_found);
    CHECK(error_kind_of([&] { store.set_pin("nobody", "1234"); }) == StoreErrorKind::not_found);
    CHECK(store.list_officials().size() == 1);
}

TEST_CASE("PIN format and hash helpers", "[storage][officials]") {
    CHECK(is_valid_pin("0000"));
    CHECK(is_valid_pin("123456789012"));
    CHECK_FALSE(is_valid_pin("123"));
    CHECK_FALSE(is_valid_pin("1234567890123"));
    CHECK_FALSE(is_valid_pin("12-4"));
    const std::string hash = hash_pin("2468");
    CHECK(verify_pin(hash, "2468"));
    CHECK_FALSE(verify_pin(hash, "2469"));
    CHECK_FALSE(verify_pin("not a hash", "2468"));
    CHECK(hash_pin("2468") != hash);  // salted
}

TEST_CASE("roles have stable names", "[storage][officials]") {
    for (Role role : {Role::official, Role::supervisor, Role::admin}) {
        Role parsed = Role::admin;
        REQUIRE(parse_role(to_string(role), parsed));
        CHECK(parsed == role);
    }
    Role ignored;
    CHECK_FALSE(parse_role("Admin", ignored));
    CHECK_FALSE(parse_role("", ignored));
}
