#pragma once
// gzip for request bodies: libcurl only decodes responses, so the uploader compresses itself.

#include <string>
#include <string_view>

namespace motcua {

// A complete gzip member (RFC 1952) holding `data`. Throws std::runtime_error when zlib fails.
std::string gzip_compress(std::string_view data);

}  // namespace motcua
