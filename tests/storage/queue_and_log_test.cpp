// The audit log, the upload queue (outbox) and key-value state.

#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace motcua;
using namespace motcua::test;

TEST_CASE("the audit log is append-only and read newest first", "[storage][audit]") {
    TempDir dir;
    {
        Store store(dir.file("k.db"));
        store.append_audit({0, 1000, "cb01", "signin_ok", "cb01", ""});
        store.append_audit({0, 2000, "cb01", "signin_failed", "cb01", "wrong PIN"});
        store.append_audit({0, 2000, "cli", "export", "report-2024-q1.csv", "rows=12"});
        store.append_audit({0, 3000, "system", "exit", "", ""});
        CHECK(error_kind_of([&] {
                  store.append_audit({0, 4000, "cb01", "", "", ""});
              }) == StoreErrorKind::invalid);
        CHECK(error_kind_of([&] {
                  store.append_audit({0, 4000, "", "signout", "", ""});
              }) == StoreErrorKind::invalid);
    }
    Store store(dir.file("k.db"));
    const std::vector<AuditEntry> all = store.list_audit(0, 10000);
    REQUIRE(all.size() == 4);
    CHECK(all[0].action == "exit");
    CHECK(all[1].action == "export");  // same time: the later entry first
    CHECK(all[1].detail == "rows=12");
    CHECK(all[2].action == "signin_failed");
    CHECK(all[3].action == "signin_ok");
    CHECK(all[3].seq < all[2].seq);

    const std::vector<AuditEntry> window = store.list_audit(2000, 3000);
    REQUIRE(window.size() == 2);
    CHECK(window[0].at_utc == 2000);
    CHECK(store.list_audit(0, 10000, 1).size() == 1);

    RawDb raw(dir.file("k.db"));
    CHECK(raw.exec("UPDATE audit SET detail = 'edited'").find("append-only") != std::string::npos);
    CHECK(raw.exec("DELETE FROM audit WHERE action = 'exit'").find("append-only") !=
          std::string::npos);
    CHECK(raw.number("SELECT count(*) FROM audit") == 4);
    CHECK(store.list_audit(0, 10000)[1].detail == "rows=12");
}

TEST_CASE("the outbox goes pending, delivered, quarantined and back", "[storage][outbox]") {
    TempDir dir;
    Store store(dir.file("k.db"));
    CHECK_FALSE(store.oldest_pending_utc());
    const Rating a =
        store.save_rating(sample_rating("O-240305-0001", Stage::intake, "2024-03-05", 10));
    const Rating b =
        store.save_rating(sample_rating("O-240305-0002", Stage::intake, "2024-03-05", 0));
    const Rating c =
        store.save_rating(sample_rating("O-240305-0003", Stage::intake, "2024-03-05", 20));

    std::vector<OutboxItem> pending = store.pending_items(10);
    REQUIRE(pending.size() == 3);
    CHECK(pending[0].ref_id == a.id);
    CHECK(pending[1].ref_id == b.id);
    CHECK(pending[2].ref_id == c.id);
    CHECK(pending[0].seq < pending[1].seq);
    CHECK(pending[1].seq < pending[2].seq);
    CHECK(same_content(rating_from_json(nlohmann::json::parse(pending[1].payload)), b));
    CHECK(pending[0].attempts == 0);
    CHECK(store.pending_items(2).size() == 2);
    CHECK(store.oldest_pending_utc() == b.created_utc);

    const std::vector<std::int64_t> all_seqs = {pending[0].seq, pending[1].seq, pending[2].seq};
    store.note_attempt(all_seqs);
    store.note_attempt(std::vector<std::int64_t>{pending[2].seq});
    pending = store.pending_items(10);
    CHECK(pending[0].attempts == 1);
    CHECK(pending[2].attempts == 2);

    store.mark_delivered(std::vector<std::int64_t>{all_seqs[1], 999999}, 5000);
    pending = store.pending_items(10);
    REQUIRE(pending.size() == 2);
    CHECK(pending[0].ref_id == a.id);
    CHECK(pending[1].ref_id == c.id);
    CHECK(store.oldest_pending_utc() == a.created_utc);

    store.mark_quarantined(all_seqs[2], "conflict: different content for this id", 6000);
    CHECK(store.pending_items(10).size() == 1);
    std::vector<QuarantinedItem> quarantined = store.list_quarantined();
    REQUIRE(quarantined.size() == 1);
    CHECK(quarantined[0].item.ref_id == c.id);
    CHECK(quarantined[0].item.attempts == 2);
    CHECK(quarantined[0].reason == "conflict: different content for this id");
    CHECK(quarantined[0].quarantined_utc == 6000);
    CHECK(quarantined[0].item.payload == pending[1].payload);
    store.note_attempt(std::vector<std::int64_t>{all_seqs[2]});  // not pending: not counted

    StoreCounts counts = store.counts();
    CHECK(counts.ratings_total == 3);
    CHECK(counts.pending_upload == 1);
    CHECK(counts.quarantined == 1);

    CHECK(error_kind_of([&] { store.mark_quarantined(all_seqs[1], "late", 7000); }) ==
          StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.mark_quarantined(424242, "x", 7000); }) ==
          StoreErrorKind::not_found);
    CHECK(error_kind_of([&] { store.mark_quarantined(all_seqs[0], " ", 7000); }) ==
          StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.requeue(all_seqs[0]); }) == StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.requeue(424242); }) == StoreErrorKind::not_found);

    store.requeue(all_seqs[2]);
    pending = store.pending_items(10);
    REQUIRE(pending.size() == 2);
    CHECK(pending[1].ref_id == c.id);
    CHECK(pending[1].attempts == 0);
    CHECK(store.list_quarantined().empty());

    store.mark_delivered(std::vector<std::int64_t>{all_seqs[0], all_seqs[2]}, 8000);
    counts = store.counts();
    CHECK(counts.pending_upload == 0);
    CHECK(counts.quarantined == 0);
    CHECK_FALSE(store.oldest_pending_utc());
    CHECK(store.pending_items(10).empty());

    // With every row delivered (deleted), the last seq is still known and never given again.
    const std::int64_t last_seq = *std::max_element(all_seqs.begin(), all_seqs.end());
    CHECK(error_kind_of([&] { store.mark_quarantined(last_seq, "late", 9000); }) ==
          StoreErrorKind::invalid);
    CHECK(error_kind_of([&] { store.mark_quarantined(last_seq + 1, "x", 9000); }) ==
          StoreErrorKind::not_found);
    store.save_rating(sample_rating("Q-AFTER-EMPTY"));
    REQUIRE(store.pending_items(10).size() == 1);
    CHECK(store.pending_items(10)[0].seq == last_seq + 1);
}

TEST_CASE("key-value state persists and overwrites", "[storage][state]") {
    TempDir dir;
    {
        Store store(dir.file("k.db"));
        CHECK_FALSE(store.get_state("sync.last_success_utc"));
        store.set_state("sync.last_success_utc", "1709600000000");
        store.set_state("sync.last_error", "HTTP 503");
        store.set_state("sync.last_error", "");
        store.set_state("kiosk.note", "Điện Biên");
        CHECK(error_kind_of([&] { store.set_state("", "x"); }) == StoreErrorKind::invalid);
        CHECK(error_kind_of([&] { store.set_state("k", "\xff"); }) == StoreErrorKind::invalid);
    }
    Store store(dir.file("k.db"));
    CHECK(store.get_state("sync.last_success_utc") == "1709600000000");
    CHECK(store.get_state("sync.last_error") == "");
    CHECK(store.get_state("kiosk.note") == "Điện Biên");
    CHECK_FALSE(store.get_state("k"));
}
