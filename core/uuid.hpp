#pragma once
// Random (version 4) UUIDs, the identity of a rating from the moment a citizen starts it.

#include <string>
#include <string_view>

namespace motcua {

// Lower-case canonical form "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" from libsodium's CSPRNG.
std::string make_uuid_v4();
bool is_uuid(std::string_view text);

}  // namespace motcua
