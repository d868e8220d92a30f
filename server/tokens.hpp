#pragma once
// Kiosk tokens: 256 random bits shown once at registration; the server keeps only a hash. A
// token has full entropy, so one SHA-256 is enough (no password stretching needed).

#include <string>
#include <string_view>

namespace motcua::server {

// "mct_" followed by 64 lower-case hex digits from libsodium's CSPRNG.
std::string make_token();
// Lower-case hex SHA-256 of the token's bytes.
std::string hash_token(std::string_view token);
// Whether `token` hashes to `stored_hash`, compared in constant time.
bool token_matches(std::string_view token, std::string_view stored_hash);

}  // namespace motcua::server
