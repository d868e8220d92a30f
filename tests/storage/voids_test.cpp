// Voiding: the rating stays, leaves the tallies, and leaves a void record, an outbox row and an
// audit entry behind.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

TEST_CASE("a void keeps the rating and records who, when and why", "[storage][voids]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    const Rating kept = store.save_rating(sample_rating("V-240305-0001"));
    const Rating voided = store.save_rating(sample_rating("V-240305-0002"));
    const UtcMillis at = morning_of("2024-03-05", 30);
    store.void_rating(voided.id, "  bấm nhầm: citizen pressed by mistake ", "sup01", at);

    const std::optional<VoidRecord> record = store.find_void(voided.id);
    REQUIRE(record);
    CHECK(record->rating_id == voided.id);
    CHECK(record->reason == "  bấm nhầm: citizen pressed by mistake ");
    CHECK(record->actor == "sup01");
    CHECK(record->voided_utc == at);
    CHECK_FALSE(store.find_void(kept.id));

    // Still stored and readable, but gone from lists and from its dossier's slot.
    REQUIRE(store.find_rating(voided.id));
    CHECK(same_content(*store.find_rating(voided.id), voided));
    const std::vector<Rating> listed = store.list_ratings({});
    REQUIRE(listed.size() == 1);
    CHECK(listed.front().id == kept.id);
    CHECK_FALSE(store.find_rating_for_dossier(voided.dossier_code, Stage::intake));

    SECTION("an audit entry is written in the same transaction") {
        const std::vector<AuditEntry> audit = store.list_audit(at, at + 1);
        REQUIRE(audit.size() == 1);
        CHECK(audit[0].action == "void");
        CHECK(audit[0].actor == "sup01");
        CHECK(audit[0].subject == voided.id);
        CHECK(audit[0].detail == record->reason);
    }
    SECTION("the void is queued for upload after both ratings") {
        const std::vector<OutboxItem> pending = store.pending_items(10);
        REQUIRE(pending.size() == 3);
        CHECK(pending[0].ref_id == kept.id);
        CHECK(pending[1].ref_id == voided.id);
        CHECK(pending[1].kind == OutboxKind::rating);
        CHECK(pending[2].kind == OutboxKind::void_record);
        CHECK(pending[2].ref_id == voided.id);
        const nlohmann::json payload = nlohmann::json::parse(pending[2].payload);
        CHECK(payload.at("rating_id") == voided.id);
        CHECK(payload.at("reason") == record->reason);
        CHECK(payload.at("actor") == "sup01");
        CHECK(payload.at("voided_utc") == format_utc_iso8601(at));
        CHECK(payload.size() == 4);
        CHECK(store.oldest_pending_utc() == kept.created_utc);
    }
    SECTION("the voided rating leaves every tally") {
        const Aggregates figures = store.aggregate({"2024-03-05", "2024-03-05", {}});
        CHECK(figures.ratings == 1);
        CHECK(figures.voided == 1);
        REQUIRE(figures.by_stage_channel.size() == 1);
        CHECK(figures.by_stage_channel[0].ratings == 1);
        for (const AnswerCount& answer : figures.answers) {
            CHECK(answer.count == 1);
        }
        CHECK(figures.indicators.at("CS1").count == 1);
        CHECK(figures.indicators.at("CS1").sum == 1.0);
        const StoreCounts counts = store.counts();
        CHECK(counts.ratings_total == 2);
        CHECK(counts.voided == 1);
        CHECK(counts.pending_upload == 3);
    }
}

TEST_CASE("voiding refuses unknown ids, second voids and blank reasons", "[storage][voids]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    const Rating rating = store.save_rating(sample_rating("V-240305-0003"));
    const UtcMillis at = morning_of("2024-03-05", 30);

    CHECK(error_kind_of([&] { store.void_rating(make_uuid_v4(), "reason", "sup01", at); }) ==
          StoreErrorKind::not_found);
    CHECK(error_kind_of([&] { store.void_rating(rating.id, " \t ", "sup01", at); }) ==
          StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.void_rating(rating.id, "reason", "", at); }) ==
          StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.void_rating(rating.id, "bad \xc3", "sup01", at); }) ==
          StoreErrorKind::invalid);
    CHECK_FALSE(store.find_void(rating.id));
    CHECK(store.list_audit(0, at + 1).empty());

    store.void_rating(rating.id, "duplicate entry", "sup01", at);
    CHECK(error_kind_of([&] { store.void_rating(rating.id, "again", "sup01", at + 1); }) ==
          StoreErrorKind::invalid);
    CHECK(store.find_void(rating.id)->reason == "duplicate entry");
    CHECK(store.list_audit(0, at + 10).size() == 1);
    CHECK(store.counts().voided == 1);
    CHECK(store.pending_items(10).size() == 2);

    RawDb raw(dir.file("k.db"));
    CHECK(raw.exec("DELETE FROM voids").find("never deleted") != std::string::npos);
    CHECK(raw.exec("UPDATE voids SET reason = 'x'").find("immutable") != std::string::npos);
}
