#include "sync/uploader.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <random>
#include <system_error>

#include "sync/gzip.hpp"
#include "sync/http_client.hpp"
#include "sync/protocol.hpp"
#include "sync/retry.hpp"
#include "sync/sync_lock.hpp"
#include "sync/sync_state.hpp"
#include "sync/wire.hpp"

// [SECTION] Names and messages
// [SECTION] One request, retried
// [SECTION] The run
// [SECTION] Entry points

namespace motcua {

//-----------------------------------------------------------------------------
// [SECTION] Names and messages
//-----------------------------------------------------------------------------

std::string_view to_string(SyncOutcome outcome) {
    switch (outcome) {
        case SyncOutcome::complete:
            return "complete";
        case SyncOutcome::failed:
            return "failed";
        case SyncOutcome::unauthorized:
            return "unauthorized";
        case SyncOutcome::busy:
            return "busy";
        case SyncOutcome::cancelled:
            return "cancelled";
        case SyncOutcome::not_configured:
            return "not_configured";
    }
    return "failed";
}

namespace {

std::string endpoint(const std::string& server_url, std::string_view path) {
    std::string url = server_url;
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url + std::string(path);
}

std::vector<std::string> request_headers(const SyncOptions& options, bool gzipped) {
    std::vector<std::string> headers = {
        "Authorization: Bearer " + options.token,
        std::string(protocol::kKioskHeader) + ": " + options.kiosk_id,
        "Content-Type: application/json",
        "Accept: application/json",
    };
    if (gzipped) {
        headers.push_back("Content-Encoding: gzip");
    }
    return headers;
}

std::string describe_failure(const HttpResult& result, const SyncOptions& options) {
    if (!result.transport_ok) {
        return "could not reach the server at " + options.server_url + ": " + result.error;
    }
    const std::string status = "HTTP " + std::to_string(result.status);
    if (result.status == 401 || result.status == 403) {
        return "the server refused kiosk '" + options.kiosk_id + "' (" + status +
               "): check that the token file holds this kiosk's current token and that the "
               "kiosk is registered and not revoked on the server";
    }
    if (const auto detail = decode_error_body(result.content_type, result.body)) {
        return "the server answered " + status + " (" + *detail + ")";
    }
    if (result.status >= 300 && result.status < 400) {
        return "the server answered " + status +
               " (a redirect): a captive portal or proxy may be in the way";
    }
    return "the server answered " + status;
}

// The store keeps a quarantine reason of bounded size; cut at a UTF-8 character boundary.
std::string bounded_reason(std::string reason) {
    if (reason.size() <= protocol::kMaxReasonBytes) {
        return reason;
    }
    std::size_t end = protocol::kMaxReasonBytes;
    while (end > 0 && (static_cast<unsigned char>(reason[end]) & 0xC0) == 0x80) {
        --end;
    }
    reason.resize(end);
    return reason;
}

std::int64_t millis_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start)
        .count();
}

std::int64_t database_bytes(const std::filesystem::path& database) {
    std::int64_t total = 0;
    for (const std::string suffix : {"", "-wal"}) {
        std::error_code error;
        const auto size = std::filesystem::file_size(database.string() + suffix, error);
        if (!error) {
            total += static_cast<std::int64_t>(size);
        }
    }
    return total;
}

Heartbeat make_heartbeat(Store& store, const SyncOptions& options, const Clock& clock,
                         std::optional<std::int64_t> drift_ms, const std::string& last_error) {
    const UtcMillis now = clock.now_utc();
    const StoreCounts counts = store.counts();
    Heartbeat heartbeat;
    heartbeat.kiosk_id = options.kiosk_id;
    heartbeat.sent_at = now;
    heartbeat.app_version = options.app_version;
    heartbeat.form_id = options.form_id;
    heartbeat.form_version = options.form_version;
    heartbeat.pending = counts.pending_upload;
    heartbeat.quarantined = counts.quarantined;
    if (const auto oldest = store.oldest_pending_utc()) {
        heartbeat.oldest_pending_age_s = std::max<std::int64_t>(0, (now - *oldest) / 1000);
    }
    heartbeat.db_bytes = database_bytes(store.path());
    heartbeat.clock_drift_ms = drift_ms;
    heartbeat.last_error = last_error;
    return heartbeat;
}

//-----------------------------------------------------------------------------
// [SECTION] One request, retried
//-----------------------------------------------------------------------------

struct HeartbeatAnswer {
    UtcMillis server_time = 0;
};

template <typename Answer>
struct Exchange {
    std::optional<Answer> answer;
    FailureKind failure = FailureKind::transient;
    bool cancelled = false;
    std::string error;
};

// Talks to the server for one run: owns the connection, the retry policy's randomness and the
// running totals of bytes and drift.
class Link {
  public:
    Link(const SyncOptions& options, const Clock& clock, const CancelToken& cancel,
         SyncCounts& counts)
        : options_(options),
          clock_(clock),
          cancel_(cancel),
          counts_(counts),
          client_(options.http, &cancel),
          random_(std::random_device{}()) {}

    std::optional<std::int64_t> drift_ms() const { return drift_ms_; }

    // POSTs `body` and decodes a 200 answer with `decode`, retrying transient failures (a
    // body that does not decode is one) as the policy allows. `on_wait` hears each wait.
    template <typename Answer, typename Decode, typename OnWait>
    Exchange<Answer> send(const std::string& url, const std::string& body, bool gzipped,
                          int max_attempts, Decode decode, OnWait on_wait) {
        Exchange<Answer> exchange;
        const std::vector<std::string> headers = request_headers(options_, gzipped);
        for (int attempt = 1;; ++attempt) {
            const UtcMillis before = clock_.now_utc();
            const HttpResult result = client_.post(url, headers, body);
            const UtcMillis after = clock_.now_utc();
            counts_.wire_bytes_up += result.request_bytes;
            counts_.wire_bytes_down += result.response_bytes;
            if (result.cancelled || cancel_.cancelled()) {
                exchange.cancelled = true;
                exchange.error = "the sync was stopped before the server answered";
                return exchange;
            }
            if (result.transport_ok && result.status == 200) {
                try {
                    Answer answer = decode(result);
                    drift_ms_ = answer.server_time - (before + (after - before) / 2);
                    exchange.answer = std::move(answer);
                    return exchange;
                } catch (const WireError& error) {
                    exchange.failure = FailureKind::transient;
                    exchange.error =
                        std::string("the server's answer was unusable: ") + error.what();
                }
            } else {
                exchange.failure = classify_failure(result);
                exchange.error = describe_failure(result, options_);
            }
            if (exchange.failure != FailureKind::transient) {
                return exchange;
            }
            if (attempt >= max_attempts) {
                exchange.error = "gave up after " + std::to_string(attempt) +
                                 " attempts; last: " + exchange.error;
                return exchange;
            }
            const auto retry_after = result.retry_after_seconds;
            if (retry_after &&
                std::chrono::seconds(*retry_after) > options_.retry.max_retry_after) {
                exchange.error = "the server asked to wait " + std::to_string(*retry_after) +
                                 " s before retrying; last: " + exchange.error;
                return exchange;
            }
            const auto delay = retry_delay(options_.retry, attempt, retry_after, random_);
            ++counts_.retries;
            on_wait("retrying in " + std::to_string(delay.count()) + " ms: " + exchange.error);
            if (!cancel_.sleep_for(delay)) {
                exchange.cancelled = true;
                exchange.error = "the sync was stopped while waiting to retry";
                return exchange;
            }
        }
    }

  private:
    const SyncOptions& options_;
    const Clock& clock_;
    const CancelToken& cancel_;
    SyncCounts& counts_;
    HttpClient client_;
    std::mt19937_64 random_;
    std::optional<std::int64_t> drift_ms_;
};

//-----------------------------------------------------------------------------
// [SECTION] The run
//-----------------------------------------------------------------------------

class Run {
  public:
    Run(Store& store, const SyncOptions& options, const Clock& clock,
        const SyncProgressFn& progress, const CancelToken& cancel)
        : store_(store),
          options_(options),
          clock_(clock),
          progress_(progress),
          cancel_(cancel),
          link_(options, clock, cancel, report_.counts) {}

    SyncReport execute() {
        report_.pending_at_start = store_.counts().pending_upload;
        record_sync_attempt(store_, clock_.now_utc());
        const auto [outcome, error] = upload_all();
        return finish(outcome, error);
    }

  private:
    struct Ending {
        SyncOutcome outcome;
        std::string error;
    };

    // The next batch to send, read and encoded from the outbox items after `after_seq`.
    struct Prepared {
        std::int64_t after_seq = 0;  // where it was read from: a batch made again starts here
        std::int64_t last_seq = 0;   // the last item read, sent or set aside: the next starts after
        int limit = 0;               // the batch size it was made with
        EncodedBatch batch;          // seqs empty: nothing pending after after_seq
        std::vector<UnsendableItem> unsendable;  // damaged records met on the way, not sent
        std::string gzipped;
    };

    // Reads the next `limit` pending items after `after_seq` and encodes them, halving the
    // batch until it fits the protocol's body limits. Reads the store and writes nothing.
    // A run reads on from the last item it read, never from the start of the queue, so it
    // cannot offer an item twice even while answered items are still being recorded.
    Prepared prepare(std::int64_t after_seq, int limit) {
        Prepared next;
        next.after_seq = after_seq;
        next.last_seq = after_seq;
        next.limit = limit;
        while (true) {
            const std::vector<OutboxItem> items = store_.pending_items_after(next.last_seq, limit);
            if (items.empty()) {
                return next;
            }
            EncodedBatch batch = encode_batch(options_.kiosk_id, clock_.now_utc(), items);
            std::string gzipped = gzip_compress(batch.body);
            if ((batch.body.size() > protocol::kMaxBodyBytes ||
                 gzipped.size() > protocol::kMaxCompressedBodyBytes) &&
                limit > 1) {
                limit = std::max(1, limit / 2);
                next.limit = limit;
                continue;
            }
            next.unsendable.insert(next.unsendable.end(), batch.unsendable.begin(),
                                   batch.unsendable.end());
            next.last_seq = items.back().seq;
            if (batch.seqs.empty()) {
                continue;  // every item read was damaged: read on
            }
            next.batch = std::move(batch);
            next.gzipped = std::move(gzipped);
            return next;
        }
    }

    // While the server works on one batch, a helper thread records the previous batch's
    // deliveries and prepares the next one: on two cores the kiosk's share of the work then
    // hides behind the server's. The Store is used by one thread at a time: this thread
    // touches it only after get() has joined the helper. Nothing is marked delivered before
    // its answer, so a crash or a failure at any point leaves the same queue as sending one
    // batch at a time would.
    Ending upload_all() {
        const std::string url = endpoint(options_.server_url, protocol::kBatchesPath);
        Prepared current = prepare(0, options_.batch_size);
        std::vector<std::int64_t> delivered;  // answered, not yet recorded in the store
        while (true) {
            set_aside(current.unsendable);
            if (current.batch.seqs.empty()) {
                store_.mark_delivered(delivered, clock_.now_utc());
                return {SyncOutcome::complete, ""};
            }
            if (cancel_.cancelled()) {
                store_.mark_delivered(delivered, clock_.now_utc());
                return {SyncOutcome::cancelled, "the sync was stopped before it finished"};
            }
            auto following =
                std::async(std::launch::async, [this, done = std::move(delivered),
                                                after = current.last_seq, limit = current.limit] {
                    store_.mark_delivered(done, clock_.now_utc());
                    return prepare(after, limit);
                });
            delivered.clear();
            const EncodedBatch& batch = current.batch;
            const auto exchange = link_.send<BatchAnswer>(
                url, current.gzipped, true, options_.retry.max_attempts,
                [&](const HttpResult& result) {
                    return decode_batch_answer(result.content_type, result.body, batch.seqs);
                },
                [&](const std::string& waiting) { report_progress(waiting); });
            report_.counts.json_bytes += static_cast<std::int64_t>(batch.body.size());
            Prepared next = following.get();
            if (!exchange.answer) {
                if (exchange.failure == FailureKind::too_large && current.limit > 1) {
                    current = prepare(current.after_seq, std::max(1, current.limit / 2));
                    continue;
                }
                if (exchange.failure == FailureKind::too_large) {
                    quarantine(batch.seqs.front(), "too large for the server: " + exchange.error);
                    current = prepare(current.after_seq, current.limit);
                    continue;
                }
                store_.note_attempt(batch.seqs);
                return {ending_for(exchange), exchange.error};
            }
            delivered = record_answer(*exchange.answer);
            report_progress("");
            current = std::move(next);
        }
    }

    template <typename Answer>
    static SyncOutcome ending_for(const Exchange<Answer>& exchange) {
        if (exchange.cancelled) {
            return SyncOutcome::cancelled;
        }
        if (exchange.failure == FailureKind::unauthorized) {
            return SyncOutcome::unauthorized;
        }
        return SyncOutcome::failed;
    }

    void set_aside(const std::vector<UnsendableItem>& unsendable) {
        for (const UnsendableItem& item : unsendable) {
            quarantine(item.seq, "not sent: " + item.reason);
            ++report_.counts.unsendable;
        }
    }

    void quarantine(std::int64_t seq, const std::string& reason) {
        store_.mark_quarantined(seq, bounded_reason(reason), clock_.now_utc());
    }

    // Counts the answer and quarantines the refused items; returns the delivered ones, which
    // the caller records in the store.
    std::vector<std::int64_t> record_answer(const BatchAnswer& answer) {
        SyncCounts& counts = report_.counts;
        ++counts.batches;
        counts.sent += static_cast<std::int64_t>(answer.items.size());
        std::vector<std::int64_t> delivered;
        delivered.reserve(answer.items.size());
        for (const ItemAnswer& item : answer.items) {
            switch (item.status) {
                case protocol::ItemStatus::accepted:
                    ++counts.accepted;
                    delivered.push_back(item.seq);
                    break;
                case protocol::ItemStatus::duplicate:
                    ++counts.duplicates;
                    delivered.push_back(item.seq);
                    break;
                case protocol::ItemStatus::conflict:
                    ++counts.conflicts;
                    quarantine(item.seq, "conflict: " + item.reason);
                    break;
                case protocol::ItemStatus::rejected:
                    ++counts.rejected;
                    quarantine(item.seq, "rejected: " + item.reason);
                    break;
            }
        }
        return delivered;
    }

    void report_progress(const std::string& waiting) {
        if (!progress_) {
            return;
        }
        SyncProgress progress;
        progress.counts = report_.counts;
        progress.pending_at_start = report_.pending_at_start;
        progress.elapsed_ms = millis_since(started_);
        progress.waiting = waiting;
        progress_(progress);
    }

    void send_heartbeat(const std::string& last_error) {
        const std::string body = encode_heartbeat(
            make_heartbeat(store_, options_, clock_, link_.drift_ms(), last_error));
        const auto exchange = link_.send<HeartbeatAnswer>(
            endpoint(options_.server_url, protocol::kHeartbeatPath), body, false, 1,
            [](const HttpResult& result) {
                return HeartbeatAnswer{decode_heartbeat_answer(result.content_type, result.body)};
            },
            [](const std::string&) {});
        if (!exchange.answer) {
            report_.heartbeat_error = exchange.error;
        }
    }

    SyncReport finish(SyncOutcome outcome, const std::string& error) {
        if (outcome == SyncOutcome::complete || outcome == SyncOutcome::failed) {
            send_heartbeat(error);
        }
        report_.outcome = outcome;
        report_.error = error;
        const StoreCounts counts = store_.counts();
        report_.pending_after = counts.pending_upload;
        report_.quarantined_after = counts.quarantined;
        report_.elapsed_ms = millis_since(started_);
        report_.clock_drift_ms = link_.drift_ms();
        if (report_.clock_drift_ms) {
            record_clock_drift(store_, *report_.clock_drift_ms);
            record_clock_offset(store_, *report_.clock_drift_ms);
            report_.large_drift = std::chrono::milliseconds(std::llabs(*report_.clock_drift_ms)) >
                                  options_.large_drift;
        }
        const UtcMillis now = clock_.now_utc();
        if (outcome == SyncOutcome::complete) {
            record_sync_success(store_, now);
        } else {
            record_sync_failure(store_, now, error);
        }
        return report_;
    }

    Store& store_;
    const SyncOptions& options_;
    const Clock& clock_;
    const SyncProgressFn& progress_;
    const CancelToken& cancel_;
    SyncReport report_;
    Link link_;
    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry points
//-----------------------------------------------------------------------------

SyncReport run_sync(Store& store, const SyncOptions& options, const Clock& clock,
                    const SyncProgressFn& progress, const CancelToken* cancel) {
    const CancelToken never_cancelled;
    const std::string problem = sync_options_problem(options);
    if (!problem.empty()) {
        SyncReport report;
        report.outcome = SyncOutcome::not_configured;
        report.error = "sync is not configured: " + problem;
        record_sync_attempt(store, clock.now_utc());
        record_sync_failure(store, clock.now_utc(), report.error);
        return report;
    }
    const auto lock = SyncLock::try_acquire(store.path());
    if (!lock) {
        SyncReport report;
        report.outcome = SyncOutcome::busy;
        report.error = "another sync is already running for " + store.path().string();
        return report;
    }
    Run run(store, options, clock, progress, cancel != nullptr ? *cancel : never_cancelled);
    return run.execute();
}

ConnectionCheck test_connection(Store& store, const SyncOptions& options, const Clock& clock) {
    ConnectionCheck check;
    const std::string problem = sync_options_problem(options);
    if (!problem.empty()) {
        check.message = "sync is not configured: " + problem;
        return check;
    }
    const CancelToken never_cancelled;
    SyncCounts counts;
    Link link(options, clock, never_cancelled, counts);
    const std::string body = encode_heartbeat(make_heartbeat(
        store, options, clock, std::nullopt, store.get_state(sync_keys::kLastError).value_or("")));
    const auto exchange = link.send<HeartbeatAnswer>(
        endpoint(options.server_url, protocol::kHeartbeatPath), body, false, 1,
        [](const HttpResult& result) {
            return HeartbeatAnswer{decode_heartbeat_answer(result.content_type, result.body)};
        },
        [](const std::string&) {});
    if (!exchange.answer) {
        check.message = exchange.error;
        return check;
    }
    check.ok = true;
    check.clock_drift_ms = link.drift_ms();
    check.message = "the server at " + options.server_url + " accepted kiosk '" + options.kiosk_id +
                    "' (clock difference " + std::to_string(*check.clock_drift_ms) + " ms)";
    return check;
}

}  // namespace motcua
