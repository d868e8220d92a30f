#include "sync/gzip.hpp"

#include <stdexcept>

#include <zlib.h>

namespace motcua {

namespace {

// zlib's window bits plus 16 asks for a gzip header and trailer instead of a zlib one.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemoryLevel = 8;
// Measured on batches of 1000 ratings (1,082 bytes of JSON each), November 2026: level 1
// writes 66-71 bytes per rating for 3-5 us of CPU, level 6 writes 49-51 for 8-13 us, the
// largest single cost of the kiosk side. On a busy two-core machine the uploader's wall clock
// follows the CPU of both processes, and with level 6 the uploader fell to 0.35x the raw POST
// of the same bytes once the server had got faster. The 38% more bytes are cheap at a kiosk's
// volumes: a night's few hundred ratings are 20 KB either way, and a backlog of 100,000 is
// 7 MB, under a minute on a 1 Mbit/s line.
constexpr int kLevel = 1;

}  // namespace

std::string gzip_compress(std::string_view data) {
    z_stream stream{};
    if (deflateInit2(&stream, kLevel, Z_DEFLATED, kGzipWindowBits, kMemoryLevel,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("gzip: deflateInit2 failed");
    }
    std::string out;
    out.resize(deflateBound(&stream, static_cast<uLong>(data.size())));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    const auto written = stream.total_out;
    deflateEnd(&stream);
    if (result != Z_STREAM_END) {
        throw std::runtime_error("gzip: deflate did not finish (zlib code " +
                                 std::to_string(result) + ")");
    }
    out.resize(written);
    return out;
}

}  // namespace motcua
