// A paper form dated earlier, saved through the kiosk's real Store: it counts on the day
// written on the form in the store's day tally, not on the day it was typed in.
#include <catch2/catch.hpp>

#include "flow_fixture.hpp"
#include "kiosk/app/store_ports.hpp"
#include "kiosk/flow/paper_entry.hpp"
#include "tests/sync/support/temp_dir.hpp"

using namespace motcua;
using namespace motcua::kiosk;
using namespace motcua::kiosk::app;
using namespace motcua::kiosk::testing;

namespace {

void ignore_log(std::string_view) {}

// Ratings in the store's tally of one local day.
std::int64_t ratings_on(Store& store, const std::string& date) {
    return store.aggregate(RatingFilter{date, date, std::nullopt}).ratings;
}

// A form with the first answer to every question and no official, then saved.
void type_and_save(PaperEntry& paper, const char* code) {
    paper.type_on_keypad(code);
    paper.submit_code();
    while (paper.step() == PaperStep::question) {
        paper.choose_option(0);
    }
    paper.choose_official(std::nullopt);
    paper.save();
}

}  // namespace

TEST_CASE("a paper form dated three days ago lands on that day in the store's day tally",
          "[paper][date][store]") {
    motcua::test::TempDir dir;
    FlowHarness h;  // the form, settings, validator and clock (2023-03-01, 09:00 in Vietnam)
    StoreConnection connection(dir / "kiosk.db", h.clock, ignore_log);
    StoreRatingSink sink(connection, ignore_log);
    PaperEntry paper(h.form, h.settings, h.validator, h.clock, sink);
    const StaffMember supervisor{"sup1", "Trần Văn Bình", StaffRole::supervisor};

    paper.start(supervisor, {});
    paper.change_date();
    paper.choose_days_back(3);
    paper.confirm_date();
    type_and_save(paper, kGoodCode);
    REQUIRE(paper.message() == PaperMessage::saved);

    Store* store = connection.get();
    REQUIRE(store != nullptr);
    CHECK(ratings_on(*store, "2023-02-26") == 1);
    CHECK(ratings_on(*store, "2023-02-25") == 0);
    CHECK(ratings_on(*store, "2023-02-27") == 0);
    CHECK(ratings_on(*store, "2023-03-01") == 0);
    Aggregates day = store->aggregate(RatingFilter{"2023-02-26", "2023-02-26", std::nullopt});
    REQUIRE(day.by_stage_channel.size() == 1);
    CHECK(day.by_stage_channel[0].channel == Channel::paper);

    // A new sitting starts on today again, and its form counts today.
    paper.stop();
    paper.start(supervisor, {});
    type_and_save(paper, kOtherCode);
    REQUIRE(paper.message() == PaperMessage::saved);
    CHECK(ratings_on(*store, "2023-03-01") == 1);
    CHECK(ratings_on(*store, "2023-02-26") == 1);
}
