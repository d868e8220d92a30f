// Kiosk tokens: random, hashed, compared without leaking timing.

#include <catch2/catch.hpp>

#include "server/tokens.hpp"

using namespace motcua::server;

TEST_CASE("a token matches its own hash only") {
    const std::string token = make_token();
    const std::string hash = hash_token(token);
    CHECK(hash.size() == 64);
    CHECK(hash == hash_token(token));
    CHECK(token_matches(token, hash));
    CHECK_FALSE(token_matches(token + "x", hash));
    CHECK_FALSE(token_matches(make_token(), hash));
    CHECK_FALSE(token_matches(token, hash.substr(1)));
    CHECK(hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
