// Fuzzes the server's request parsing, the first code that reads a body from the network: a
// batch or heartbeat body is either parsed or refused whole with an ApiError of a 4xx status.
// Every parsed batch has one entry per item, each a rating, a void or a rejection with a reason.
// The first byte chooses the parser; the rest is the body.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/request_parsing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    static const motcua::server::KioskRecord kiosk = [] {
        motcua::server::KioskRecord record;
        record.kiosk_id = "DB-STP-01";
        record.unit_code = "000.00.24.H18";
        return record;
    }();
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (data[0] % 2 == 0) {
            for (const motcua::server::IncomingItem& item :
                 motcua::server::parse_batch(body, kiosk)) {
                const int kinds = (item.rating ? 1 : 0) + (item.void_record ? 1 : 0) +
                                  (item.rejection.empty() ? 0 : 1);
                if (kinds != 1) {
                    std::abort();
                }
            }
        } else {
            motcua::server::parse_heartbeat(body, kiosk);
        }
    } catch (const motcua::server::ApiError& error) {
        if (error.status() < 400 || error.status() > 499 || error.code().empty()) {
            std::abort();
        }
    }
    return 0;
}
