#pragma once
// The fast path of batch parsing. Kiosks send every batch the same way (sync/wire.cpp): the
// envelope keys kiosk_id, sent_at, items in that order, each item {"seq", "kind": "rating",
// "rating": <the canonical rating JSON, byte for byte>}. Such a body is read here in one pass
// without building a JSON tree, and each rating's bytes are stored as they came (they are its
// canonical JSON, so nothing is re-serialised).
//
// The fast path only ever ACCEPTS: a body that is not exactly in that shape, a void, or a
// rating that any rule of rating_from_json or of the server would refuse, makes it give up
// (nullopt) and parse_batch's general path judges the whole body, with its exact messages.
// So both paths give the same items for every body (tests/server/canonical_batch_test.cpp).

#include <optional>
#include <string_view>
#include <vector>

#include "server/server_store.hpp"

namespace motcua::server {

// The items of a canonical batch from `kiosk` whose ratings are all valid and name this kiosk
// and its unit; nullopt for any other body.
std::optional<std::vector<IncomingItem>> parse_canonical_batch(std::string_view body,
                                                               const KioskRecord& kiosk);

}  // namespace motcua::server
