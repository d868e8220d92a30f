// Helper for the power-loss and clock drills: saves ratings through Store::save_rating one at a
// time, exactly as the kiosk saves a citizen's answers, and prints "saved <id>" only after the
// call returned (after COMMIT): that line is the "Cảm ơn" screen of the drill. Then, as the
// kiosk does once that screen is shown, Store::checkpoint_if_due() (the store is opened the
// kiosk's way, with deferred checkpoints), so kills land in checkpoints too. The parent kills
// it with SIGKILL at random moments, or lets it stop after COUNT ratings.
//
// Usage: drill_writer DATABASE SEED [COUNT]   (COUNT 0 or absent: until killed)
// The rating's time is the machine's clock (SystemClock), so libfaketime can move it.

#include <cstdio>
#include <exception>
#include <random>
#include <string>

#include "core/clock.hpp"
#include "storage/store.hpp"
#include "tests/drills/drill_names.hpp"
#include "tests/sync/support/rating_factory.hpp"

int main(int argc, char** argv) {
    using namespace motcua;
    if (argc != 3 && argc != 4) {
        std::fprintf(stderr, "usage: %s DATABASE SEED [COUNT]\n", argv[0]);
        return 2;
    }
    try {
        const std::string seed = argv[2];
        const long count = argc == 4 ? std::stol(argv[3]) : 0;
        test::RatingFactory factory(drills::kKioskId, drills::kUnitCode, std::stoull(seed));
        std::mt19937 random(static_cast<unsigned>(std::stoul(seed)));
        const SystemClock clock;
        Store store(argv[1], OpenOptions{.deferred_checkpoints = true});
        std::printf("ready\n");
        std::fflush(stdout);
        for (long i = 0; count == 0 || i < count; ++i) {
            const Stage stage = factory.form().stages[random() % factory.form().stages.size()];
            Rating rating = factory.next_for("DRILL-" + seed + "-" + std::to_string(i), stage);
            rating.created_utc = clock.now_utc();
            rating.utc_offset_minutes = clock.utc_offset_minutes(rating.created_utc);
            rating.local_date = local_date(rating.created_utc, rating.utc_offset_minutes);
            const Rating saved = store.save_rating(rating);
            std::printf("saved %s %lld %s\n", saved.id.c_str(),
                        static_cast<long long>(saved.sequence), saved.local_date.c_str());
            std::fflush(stdout);
            store.checkpoint_if_due();
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "drill writer: %s\n", error.what());
        return 1;
    }
    return 0;
}
