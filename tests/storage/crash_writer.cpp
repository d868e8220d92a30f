// Helper for the crash test: saves ratings (one at a time, in small batches, and some voids)
// as fast as it can, and prints "saved <id>" or "void <id>" only after the call returned, i.e.
// after COMMIT. The parent kills it with SIGKILL at a random moment and checks that every
// printed line is in the database.
//
// Usage: storage_crash_writer DATABASE SEED

#include <cstdio>
#include <exception>
#include <random>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/uuid.hpp"
#include "storage/store.hpp"

namespace {

using namespace motcua;

Rating next_rating(const SystemClock& clock, const std::string& dossier_code,
                   std::mt19937& random) {
    Rating rating;
    rating.id = make_uuid_v4();
    rating.dossier_code = dossier_code;
    rating.stage = kAllStages[random() % 4];
    rating.channel = random() % 5 == 0 ? Channel::paper : Channel::kiosk;
    rating.official_id = random() % 3 == 0 ? "" : "cb0" + std::to_string(random() % 4);
    rating.form_id = "dien-bien-phieu-4";
    rating.form_version = 1;
    rating.answers = {
        Answer{"cs3", "once", "CS3", static_cast<int>(random() % 3), {}},
        Answer{"cs7", "satisfied", "CS7", static_cast<int>(random() % 3), {}},
        Answer{"extra_payment", "no", "extra_payment", std::nullopt, {}},
    };
    rating.created_utc = clock.now_utc();
    rating.utc_offset_minutes = 420;
    rating.local_date = local_date(rating.created_utc, rating.utc_offset_minutes);
    rating.kiosk_id = "crash-kiosk";
    rating.unit_code = "000.00.24.H18";
    return rating;
}

// One line per acknowledged operation, written with a single write() so it is never torn.
void acknowledge(const char* what, const std::string& id) {
    std::fprintf(stdout, "%s %s\n", what, id.c_str());
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s DATABASE SEED\n", argv[0]);
        return 2;
    }
    try {
        const std::string prefix = "C" + std::string(argv[2]) + "-";
        std::mt19937 random(static_cast<unsigned>(std::stoul(argv[2])));
        const SystemClock clock;
        Store store(argv[1]);
        acknowledge("ready", "-");
        std::vector<std::string> voidable;
        for (long i = 0;; ++i) {
            const unsigned choice = random() % 10;
            if (choice < 2 && !voidable.empty()) {
                const std::string id = voidable.back();
                voidable.pop_back();
                store.void_rating(id, "crash test void", "sup01", clock.now_utc());
                acknowledge("void", id);
            } else if (choice < 4) {
                std::vector<Rating> batch;
                for (int j = 0; j < 3; ++j) {
                    batch.push_back(next_rating(
                        clock, prefix + std::to_string(i) + "-" + std::to_string(j), random));
                }
                store.save_ratings(batch);
                for (const Rating& rating : batch) {
                    acknowledge("saved", rating.id);
                }
            } else {
                const Rating rating =
                    store.save_rating(next_rating(clock, prefix + std::to_string(i), random));
                voidable.push_back(rating.id);
                acknowledge("saved", rating.id);
            }
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "crash writer: %s\n", error.what());
        return 1;
    }
}
