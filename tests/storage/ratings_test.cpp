// Saving and reading ratings: round trips, sequence, the duplicate rules, refusals.

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

void require_same_rating(const Rating& got, const Rating& want) {
    CHECK(got.id == want.id);
    CHECK(got.dossier_code == want.dossier_code);
    CHECK(got.stage == want.stage);
    CHECK(got.channel == want.channel);
    CHECK(got.official_id == want.official_id);
    CHECK(got.form_id == want.form_id);
    CHECK(got.form_version == want.form_version);
    REQUIRE(got.answers.size() == want.answers.size());
    for (std::size_t i = 0; i < want.answers.size(); ++i) {
        CHECK(got.answers[i].question_id == want.answers[i].question_id);
        CHECK(got.answers[i].option_id == want.answers[i].option_id);
        CHECK(got.answers[i].indicator == want.answers[i].indicator);
        CHECK(got.answers[i].points == want.answers[i].points);
        CHECK(got.answers[i].follow_ups == want.answers[i].follow_ups);
    }
    CHECK(got.flags == want.flags);
    CHECK(got.created_utc == want.created_utc);
    CHECK(got.utc_offset_minutes == want.utc_offset_minutes);
    CHECK(got.local_date == want.local_date);
    CHECK(got.sequence == want.sequence);
    CHECK(got.kiosk_id == want.kiosk_id);
    CHECK(got.unit_code == want.unit_code);
    CHECK(same_content(got, want));
}

}  // namespace

TEST_CASE("every field of a rating survives save, close and reopen", "[storage][ratings]") {
    TempDir dir;
    Rating original = sample_rating("000.00.24.H18-240305-0001", Stage::result_return);
    original.channel = Channel::paper;
    original.official_id = "";
    original.flags = {"extra_payment"};
    original.answers[3].option_id = "yes";
    original.created_utc += 123;  // milliseconds must survive too
    original.utc_offset_minutes = -330;
    original.local_date = local_date(original.created_utc, original.utc_offset_minutes);
    original.kiosk_id = "kiosk-Điện-Biên";

    Rating saved;
    {
        Store store(dir.file("k.db"));
        saved = store.save_rating(original);
        CHECK(saved.sequence == 1);
        original.sequence = saved.sequence;
        require_same_rating(saved, original);
    }
    Store store(dir.file("k.db"));
    const std::optional<Rating> found = store.find_rating(original.id);
    REQUIRE(found);
    require_same_rating(*found, original);

    const auto by_dossier =
        store.find_rating_for_dossier(original.dossier_code, Stage::result_return);
    REQUIRE(by_dossier);
    require_same_rating(*by_dossier, original);
    CHECK_FALSE(store.find_rating_for_dossier(original.dossier_code, Stage::intake));
    CHECK(store.is_rated(original.dossier_code, Stage::result_return));
    CHECK_FALSE(store.is_rated(original.dossier_code, Stage::intake));
    CHECK_FALSE(store.find_rating(make_uuid_v4()));

    const std::vector<Rating> listed = store.list_ratings({"2024-03-01", "2024-03-31", {}});
    REQUIRE(listed.size() == 1);
    require_same_rating(listed.front(), original);
}

TEST_CASE("sequence numbers increase strictly, across batches and reopening",
          "[storage][ratings]") {
    TempDir dir;
    std::vector<std::int64_t> sequences;
    for (int session = 0; session < 3; ++session) {
        Store store(dir.file("k.db"));
        for (int i = 0; i < 3; ++i) {
            const std::string code = "U-240305-" + std::to_string(session * 10 + i);
            sequences.push_back(store.save_rating(sample_rating(code)).sequence);
        }
        std::vector<Rating> batch = {sample_rating("B-240305-" + std::to_string(session) + "1"),
                                     sample_rating("B-240305-" + std::to_string(session) + "2")};
        store.save_ratings(batch);
        sequences.push_back(batch[0].sequence);
        sequences.push_back(batch[1].sequence);
    }
    REQUIRE(sequences.size() == 15);
    for (std::size_t i = 1; i < sequences.size(); ++i) {
        CHECK(sequences[i] > sequences[i - 1]);
    }
    Store store(dir.file("k.db"));
    const std::vector<Rating> listed = store.list_ratings({});
    REQUIRE(listed.size() == 15);
    for (std::size_t i = 0; i < listed.size(); ++i) {
        CHECK(listed[i].sequence == sequences[i]);
    }
}

TEST_CASE("one rating per dossier and stage, until it is voided", "[storage][ratings]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    const std::string code = "000.00.24.H18-240305-0042";
    const Rating first = store.save_rating(sample_rating(code, Stage::intake));

    Rating second = sample_rating(code, Stage::intake);
    CHECK(error_kind_of([&] { store.save_rating(second); }) == StoreErrorKind::duplicate_rating);
    CHECK_FALSE(store.find_rating(second.id));
    try {
        store.save_rating(second);
    } catch (const StoreError& error) {
        const std::string message = error.what();
        CHECK(message.find(code) != std::string::npos);
        CHECK(message.find(first.id) != std::string::npos);
        CHECK(message.find(dir.file("k.db").string()) != std::string::npos);
    }

    SECTION("another stage of the same dossier is a different rating") {
        CHECK(store.save_rating(sample_rating(code, Stage::supplement)).sequence == 2);
        CHECK(store.save_rating(sample_rating(code, Stage::refusal)).sequence == 3);
        CHECK(store.save_rating(sample_rating(code, Stage::result_return)).sequence == 4);
    }
    SECTION("after a void the dossier may be rated again at that stage") {
        store.void_rating(first.id, "citizen pressed by mistake", "sup01",
                          morning_of("2024-03-05", 5));
        CHECK_FALSE(store.is_rated(code, Stage::intake));
        const Rating again = store.save_rating(second);
        CHECK(store.find_rating_for_dossier(code, Stage::intake)->id == again.id);
        CHECK(error_kind_of([&] { store.save_rating(sample_rating(code)); }) ==
              StoreErrorKind::duplicate_rating);
    }
    SECTION("a batch with a duplicate saves nothing") {
        std::vector<Rating> batch = {sample_rating("X-240305-0001"), sample_rating("X-240305-0002"),
                                     sample_rating("X-240305-0001")};
        CHECK(error_kind_of([&] { store.save_ratings(batch); }) ==
              StoreErrorKind::duplicate_rating);
        CHECK_FALSE(store.is_rated("X-240305-0001", Stage::intake));
        CHECK(store.counts().ratings_total == 1);
        CHECK(store.counts().pending_upload == 1);
    }
}

TEST_CASE("a rating id is saved once and a retry reports duplicate_id", "[storage][ratings]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    const Rating rating = store.save_rating(sample_rating("D-240305-0001"));

    Rating same = rating;
    same.sequence = 0;
    CHECK(error_kind_of([&] { store.save_rating(same); }) == StoreErrorKind::duplicate_id);
    Rating other_dossier = sample_rating("D-240305-0002");
    other_dossier.id = rating.id;
    CHECK(error_kind_of([&] { store.save_rating(other_dossier); }) == StoreErrorKind::duplicate_id);
    CHECK_FALSE(store.is_rated("D-240305-0002", Stage::intake));
    CHECK(store.counts().ratings_total == 1);
}

TEST_CASE("incomplete or unreadable ratings are refused and nothing is written",
          "[storage][ratings]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    Rating rating = sample_rating("E-240305-0001");
    SECTION("id is not a UUID") {
        rating.id = "not-a-uuid";
    }
    SECTION("empty dossier code") {
        rating.dossier_code = "";
    }
    SECTION("empty form id") {
        rating.form_id = "";
    }
    SECTION("form version unset") {
        rating.form_version = 0;
    }
    SECTION("created time unset") {
        rating.created_utc = 0;
    }
    SECTION("local date missing") {
        rating.local_date = "";
    }
    SECTION("local date not a date") {
        rating.local_date = "2024-02-30";
    }
    SECTION("local date disagrees with the time") {
        rating.local_date = "2024-03-06";
    }
    SECTION("dossier code is not UTF-8") {
        rating.dossier_code = "E-\xff\xfe";
    }
    SECTION("points out of range") {
        rating.answers[0].points = -1;
    }
    SECTION("question answered twice") {
        rating.answers[1].question_id = "cs1";
    }
    SECTION("missing kiosk id") {
        rating.kiosk_id = "";
    }
    CHECK(error_kind_of([&] { store.save_rating(rating); }) == StoreErrorKind::invalid);
    CHECK(store.counts().ratings_total == 0);
    CHECK(store.counts().pending_upload == 0);
    CHECK(store.list_ratings({}).empty());
    CHECK(store.aggregate({}).ratings == 0);
}

TEST_CASE("list_ratings filters by date range and official", "[storage][ratings]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    Rating a = sample_rating("F-240301-0001", Stage::intake, "2024-03-01");
    Rating b = sample_rating("F-240302-0001", Stage::intake, "2024-03-02");
    b.official_id = "cb02";
    Rating c = sample_rating("F-240303-0001", Stage::intake, "2024-03-03");
    c.official_id = "";
    for (Rating* r : {&a, &b, &c}) {
        *r = store.save_rating(*r);
    }
    auto ids = [](const std::vector<Rating>& ratings) {
        std::vector<std::string> out;
        for (const Rating& r : ratings) {
            out.push_back(r.id);
        }
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(ids(store.list_ratings({"2024-03-01", "2024-03-03", {}})) == V{a.id, b.id, c.id});
    CHECK(ids(store.list_ratings({"2024-03-02", "2024-03-02", {}})) == V{b.id});
    CHECK(ids(store.list_ratings({"", "2024-03-02", {}})) == V{a.id, b.id});
    CHECK(ids(store.list_ratings({"2024-03-02", "", {}})) == V{b.id, c.id});
    CHECK(ids(store.list_ratings({"", "", std::string("cb02")})) == V{b.id});
    CHECK(ids(store.list_ratings({"", "", std::string("")})) == V{c.id});
    CHECK(ids(store.list_ratings({"", "", {}}, 2)) == V{a.id, b.id});
    CHECK(error_kind_of([&] {
              store.list_ratings({"2024-03-05", "2024-03-01", {}});
          }) == StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.list_ratings({"March", "", {}}); }) == StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.list_ratings({}, -1); }) == StoreErrorKind::invalid);
}

TEST_CASE("stored ratings cannot be changed or deleted behind the store's back",
          "[storage][ratings]") {
    TempDir dir;
    {
        Store store(dir.file("k.db"));
        store.save_rating(sample_rating("G-240305-0001"));
    }
    RawDb raw(dir.file("k.db"));
    CHECK(raw.exec("UPDATE ratings SET dossier_code = 'other'").find("immutable") !=
          std::string::npos);
    CHECK(raw.exec("DELETE FROM ratings").find("never deleted") != std::string::npos);
    CHECK(raw.number("SELECT count(*) FROM ratings") == 1);
}
