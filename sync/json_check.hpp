#pragma once
// A strict, allocation-free check that a text is one complete JSON object (RFC 8259, UTF-8,
// nesting at most kMaxJsonDepth deep), for the stored records the uploader puts into a batch
// as they are. It answers the same as nlohmann::json::accept on such texts at a fraction of
// the cost: accept builds a lexer token by token and was a large share of encoding a batch.

#include <cstddef>
#include <string_view>

namespace motcua {

inline constexpr std::size_t kMaxJsonDepth = 64;

// True when `text` is exactly one JSON object, with nothing but whitespace around it.
bool is_json_object(std::string_view text);

}  // namespace motcua
