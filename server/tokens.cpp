#include "server/tokens.hpp"

#include <sodium.h>

#include <stdexcept>

namespace motcua::server {

namespace {

void init_sodium() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not initialise");
    }
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

}  // namespace

std::string make_token() {
    init_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return "mct_" + to_hex(bytes, sizeof bytes);
}

std::string hash_token(std::string_view token) {
    init_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return to_hex(digest, sizeof digest);
}

bool token_matches(std::string_view token, std::string_view stored_hash) {
    const std::string hash = hash_token(token);
    return hash.size() == stored_hash.size() &&
           sodium_memcmp(hash.data(), stored_hash.data(), hash.size()) == 0;
}

}  // namespace motcua::server
