#pragma once
// PIN hashing for officials: Argon2id through libsodium's crypto_pwhash_str, at the
// "interactive" cost (about 64 MiB and a fraction of a second per hash), so a stolen database
// does not give away PINs cheaply. Only the hash string (which carries its salt and costs) is
// stored.

#include <string>
#include <string_view>

namespace motcua {

// 4 to 12 ASCII digits.
bool is_valid_pin(std::string_view pin);

// The crypto_pwhash_str string of `pin`. Throws std::runtime_error when libsodium cannot
// initialise or allocate the memory the hash needs.
std::string hash_pin(const std::string& pin);

// True when `pin` matches `hash`; false for a wrong PIN or a malformed hash.
bool verify_pin(const std::string& hash, const std::string& pin);

}  // namespace motcua
