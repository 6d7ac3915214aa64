#include "browse/browse_session.h"

#include <algorithm>
#include <limits>
#include <map>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include "cluster/metadata_client.h"
#include "cluster/offset_lookup.h"
#include "core/malloc_tuning.h"
#include "core/wait_group.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/list_offsets.h"

namespace kafkascope::browse {

namespace {

constexpr int kMaxFailures = 3;
constexpr auto kRetryBackoff = std::chrono::milliseconds(200);

// Errors after which the partition's leader must be looked up again.
bool needs_new_route(const Error& e) {
    if (e.code.category() != protocol::kafka_category()) return true;  // transport: reconnect / re-route
    switch (e.code.value()) {
        case 3: case 5: case 6: case 74: case 75: return true;
        default: return false;
    }
}

}  // namespace

struct Part {
    std::int32_t partition = 0;
    std::int32_t leader = -1;
    std::int64_t first = -1;
    std::int64_t hw = -1;
    std::int64_t low = 0;
    std::int64_t next = 0;
    // Newest timestamp among the records forward loads looked at, kept or not.
    std::int64_t examined_timestamp = std::numeric_limits<std::int64_t>::min();
    bool caught_up = false;
    bool failed = false;
    int failures = 0;
    std::string error;
    // Backward load: read [back_cursor, back_end), then low = back_from. A
    // load that stops early (cancel, error) keeps its range, and the next
    // one resumes it: [back_from, back_cursor) is already in the store.
    std::int64_t back_from = 0;
    std::int64_t back_cursor = 0;
    std::int64_t back_end = 0;
    bool back_interrupted() const { return back_cursor < back_end && back_end == low; }
};

struct BrowseSession::State {
    BrowseListener listener;
    std::vector<Part> parts;
    bool resolved = false;
    bool running = false;
    bool cancelled = false;
    bool closed = false;
    bool want_forward = false;
    bool tail = false;
    std::size_t pending_backward = 0;
    std::size_t budget = 0;
    std::uint64_t examined = 0;
    std::string error;
};

namespace {

using Self = std::shared_ptr<BrowseSession>;

}  // namespace

// The coroutines live in this helper so the header stays small; it only
// touches the session from the engine thread.
class SessionRunner {
public:
    static asio::awaitable<void> drive(Self self);

private:
    enum class Direction { forward, backward };

    static BrowseStatus status_of(const BrowseSession& s);
    static void notify(BrowseSession& s);
    static asio::awaitable<Status> resolve(BrowseSession& s);
    static asio::awaitable<Status> route(BrowseSession& s);
    static asio::awaitable<void> forward(Self self);
    static asio::awaitable<void> backward(Self self, std::size_t per_partition);
    static asio::awaitable<void> round(Self self, Direction direction);
    static asio::awaitable<void> fetch_from(Self self, std::int32_t leader, std::vector<std::size_t> parts,
                                           Direction direction);
    static void fail(BrowseSession& s, Part& p, const Error& e);
};

BrowseStatus SessionRunner::status_of(const BrowseSession& s) {
    const auto& st = *s.state_;
    BrowseStatus out;
    out.rows = s.store_->size();
    out.examined = st.examined;
    out.loading = st.running;
    out.cancelled = st.cancelled;
    out.error = st.error;
    out.caught_up = st.resolved;
    out.at_beginning = st.resolved;
    for (const Part& p : st.parts) {
        out.partitions.push_back({p.partition, p.first, p.hw, p.low, p.next, p.examined_timestamp, p.error});
        if (!p.failed && p.next < p.hw) out.caught_up = false;
        if (!p.failed && p.low > p.first) out.at_beginning = false;
    }
    return out;
}

void SessionRunner::notify(BrowseSession& s) {
    if (s.state_->listener && !s.closed_.load()) s.state_->listener(status_of(s));
}

void SessionRunner::fail(BrowseSession& s, Part& p, const Error& e) {
    p.error = e.message;
    s.state_->error = e.message;
    if (++p.failures >= kMaxFailures) p.failed = true;
}

// Leaders of the chosen partitions from fresh metadata.
asio::awaitable<Status> SessionRunner::route(BrowseSession& s) {
    auto& st = *s.state_;
    cluster::TopicSelection selection{{s.config_.topic}, false};
    auto md = co_await cluster::fetch_metadata(s.pool_, std::move(selection));
    if (!md) co_return std::move(md).error();
    const TopicInfo* topic = md->find_topic(s.config_.topic);
    if (!topic || topic->error_code == 3) {
        co_return Error(client_errc::unknown_topic, "topic '" + s.config_.topic + "' does not exist");
    }
    if (st.parts.empty()) {
        for (const PartitionInfo& p : topic->partitions) {
            if (s.config_.partition && *s.config_.partition != p.partition) continue;
            Part part;
            part.partition = p.partition;
            st.parts.push_back(part);
        }
        if (st.parts.empty()) {
            co_return Error(protocol::make_kafka_error_code(3),
                            "UNKNOWN_TOPIC_OR_PARTITION: " + s.config_.topic + "/" +
                                std::to_string(s.config_.partition.value_or(-1)) + " does not exist");
        }
    }
    for (Part& part : st.parts) {
        part.leader = -1;
        for (const PartitionInfo& p : topic->partitions) {
            if (p.partition == part.partition) part.leader = p.leader;
        }
    }
    co_return ok_status();
}

asio::awaitable<Status> SessionRunner::resolve(BrowseSession& s) {
    auto& st = *s.state_;
    auto routed = co_await route(s);
    if (!routed) co_return routed;
    std::map<std::int32_t, std::vector<std::size_t>> by_leader;
    for (std::size_t i = 0; i < st.parts.size(); ++i) by_leader[st.parts[i].leader].push_back(i);
    const StartPoint start = s.config_.start;
    for (const auto& [leader, indices] : by_leader) {
        if (leader < 0) {
            for (std::size_t i : indices) fail(s, st.parts[i], Error(client_errc::no_broker_available,
                                                                    s.config_.topic + "/" +
                                                                        std::to_string(st.parts[i].partition) +
                                                                        " has no leader"));
            continue;
        }
        auto connection = co_await s.pool_.connect_node(leader);
        if (!connection) co_return std::move(connection).error();
        std::vector<std::int32_t> ids;
        for (std::size_t i : indices) ids.push_back(st.parts[i].partition);
        std::vector<std::int64_t> kinds{protocol::kEarliestTimestamp, protocol::kLatestTimestamp};
        if (start.kind == StartKind::timestamp) kinds.push_back(start.value);
        std::vector<std::vector<cluster::OffsetAnswer>> answers;
        for (std::int64_t ts : kinds) {
            auto a = co_await cluster::list_offsets(**connection, s.config_.topic, ids, ts);
            if (!a) co_return std::move(a).error();
            answers.push_back(std::move(a).value());
        }
        for (std::size_t k = 0; k < indices.size(); ++k) {
            Part& p = st.parts[indices[k]];
            for (const auto& column : answers) {
                if (column[k].error) {
                    fail(s, p, column[k].error);
                    p.failed = true;
                }
            }
            if (p.failed) continue;
            p.first = answers[0][k].offset;
            p.hw = answers[1][k].offset;
            switch (start.kind) {
                case StartKind::earliest: p.next = p.first; break;
                case StartKind::latest_minus_n: p.next = std::max(p.first, p.hw - std::max<std::int64_t>(start.value, 0)); break;
                case StartKind::offset: p.next = std::clamp(start.value, p.first, p.hw); break;
                case StartKind::timestamp:
                    p.next = answers[2][k].offset < 0 ? p.hw : std::clamp(answers[2][k].offset, p.first, p.hw);
                    break;
                case StartKind::tail: p.next = p.hw; break;
            }
            p.low = p.next;
            p.caught_up = p.next >= p.hw;
        }
    }
    st.resolved = true;
    co_return ok_status();
}

asio::awaitable<void> SessionRunner::drive(Self self) {
    auto& st = *self->state_;
    if (st.running || st.closed) co_return;
    st.running = true;
    notify(*self);
    if (!st.resolved) {
        auto resolved = co_await resolve(*self);
        if (!resolved) {
            st.error = resolved.error().message;
            st.running = false;
            notify(*self);
            co_return;
        }
    }
    while (!st.closed && !st.cancelled) {
        if (st.pending_backward > 0) {
            const std::size_t k = std::exchange(st.pending_backward, 0);
            co_await backward(self, k);
        } else if (st.want_forward) {
            st.want_forward = false;
            co_await forward(self);
        } else {
            break;
        }
    }
    st.running = false;
    // The load's fetched and decoded buffers are gone (the store copied what
    // it keeps); give the heap space they left back (core/malloc_tuning.h).
    core::release_free_heap_memory();
    notify(*self);
}

asio::awaitable<void> SessionRunner::forward(Self self) {
    auto& st = *self->state_;
    const auto& config = self->config_;
    while (!st.closed && !st.cancelled) {
        if (st.pending_backward > 0) {
            st.want_forward = true;  // resume after the backward load
            break;
        }
        if (st.budget == 0 && !st.tail) break;
        if (self->store_->size() >= config.max_rows) {
            st.error = "the browser holds its maximum of " + std::to_string(config.max_rows) + " messages";
            break;
        }
        if (config.scan_matches > 0 && self->store_->size() >= config.scan_matches) break;
        const bool any = std::any_of(st.parts.begin(), st.parts.end(),
                                     [&](const Part& p) { return !p.failed && (st.tail || !p.caught_up); });
        if (!any) break;
        co_await round(self, Direction::forward);
    }
}

asio::awaitable<void> SessionRunner::backward(Self self, std::size_t per_partition) {
    auto& st = *self->state_;
    for (Part& p : st.parts) {
        if (p.back_interrupted()) {
            // Finish that range first (no row twice), from the log start if
            // retention has deleted part of it meanwhile.
            p.back_from = std::max(p.back_from, p.first);
            p.back_cursor = std::max(p.back_cursor, p.first);
            continue;
        }
        p.back_end = p.low;
        p.back_from = std::max(p.first, p.low - static_cast<std::int64_t>(per_partition));
        p.back_cursor = p.back_from;
    }
    while (!st.closed && !st.cancelled) {
        const bool any = std::any_of(st.parts.begin(), st.parts.end(),
                                     [](const Part& p) { return !p.failed && p.back_cursor < p.back_end; });
        if (!any) break;
        co_await round(self, Direction::backward);
    }
    for (Part& p : st.parts) {
        if (p.back_interrupted()) continue;
        if (p.back_cursor >= p.back_end) p.low = std::min(p.low, p.back_from);
        p.back_end = p.back_cursor = p.back_from = 0;
    }
}

namespace {

// A forward load looked at the first `count` records of `batch`: the
// partition has reached their timestamps even where a scan kept none of
// them, which is what lets the table show other partitions' matches in
// time order while this one is still being read.
void note_examined(Part& p, const records::DecodedBatch& batch, std::size_t count) {
    for (std::size_t i = 0; i < count && i < batch.records.size(); ++i) {
        p.examined_timestamp = std::max(p.examined_timestamp, batch.records[i].timestamp);
    }
}

}  // namespace

// One Fetch per leader in parallel; a round with errors re-routes and backs off.
asio::awaitable<void> SessionRunner::round(Self self, Direction direction) {
    auto& st = *self->state_;
    std::map<std::int32_t, std::vector<std::size_t>> by_leader;
    for (std::size_t i = 0; i < st.parts.size(); ++i) {
        const Part& p = st.parts[i];
        if (p.failed) continue;
        const bool active = direction == Direction::backward ? p.back_cursor < p.back_end : (st.tail || !p.caught_up);
        if (active) by_leader[p.leader].push_back(i);
    }
    const int failures_before = [&] {
        int n = 0;
        for (const Part& p : st.parts) n += p.failures;
        return n;
    }();
    auto executor = self->executor_;
    WaitGroup group(executor);
    for (auto& [leader, indices] : by_leader) {
        group.add();
        asio::co_spawn(
            executor,
            [self, &group, leader = leader, indices = indices, direction]() -> asio::awaitable<void> {
                co_await fetch_from(self, leader, indices, direction);
                group.done();
            },
            asio::detached);
    }
    co_await group.wait();
    int failures_after = 0;
    for (const Part& p : st.parts) failures_after += p.failures;
    if (failures_after > failures_before && !st.closed) {
        asio::steady_timer timer(executor, kRetryBackoff);
        co_await timer.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
        auto routed = co_await route(*self);
        if (!routed) st.error = routed.error().message;
    }
}

asio::awaitable<void> SessionRunner::fetch_from(Self self, std::int32_t leader, std::vector<std::size_t> indices,
                                                Direction direction) {
    auto& st = *self->state_;
    const auto& config = self->config_;
    if (leader < 0) {
        const Error no_leader(client_errc::no_broker_available, config.topic + ": partition has no leader");
        for (std::size_t i : indices) fail(*self, st.parts[i], no_leader);
        co_return;
    }
    // A plain statement, not a conditional expression: GCC 12 mishandles
    // temporaries around co_await.
    auto connection = co_await self->pool_.connect_node(leader);
    if (!connection) {
        for (std::size_t i : indices) fail(*self, st.parts[i], connection.error());
        co_return;
    }
    std::vector<FetchWant> wants;
    for (std::size_t i : indices) {
        const Part& p = st.parts[i];
        wants.push_back({p.partition, direction == Direction::forward ? p.next : p.back_cursor});
    }
    FetchLimits limits = config.fetch;
    // Only a tail waits for data; other fetches ask partitions known to hold some.
    if (!(st.tail && direction == Direction::forward)) limits.max_wait = std::min(limits.max_wait, std::chrono::milliseconds(100));
    auto fetched = co_await fetch_partitions(**connection, config.topic, wants, limits);
    if (st.closed) co_return;
    if (!fetched) {
        for (std::size_t i : indices) fail(*self, st.parts[i], fetched.error());
        co_return;
    }
    bool appended = false;
    for (PartitionFetch& pf : *fetched) {
        auto it = std::find_if(indices.begin(), indices.end(),
                               [&](std::size_t i) { return st.parts[i].partition == pf.partition; });
        if (it == indices.end()) continue;
        Part& p = st.parts[*it];
        if (pf.high_watermark >= 0) p.hw = pf.high_watermark;
        if (pf.log_start_offset >= 0) p.first = pf.log_start_offset;
        std::uint64_t examined = 0;
        // A scan stops at exactly scan_matches rows; any load at max_rows.
        const std::size_t limit =
            config.scan_matches > 0 ? std::min(config.scan_matches, config.max_rows) : config.max_rows;
        // A forward load examines exactly its budget (a scan's limit is exact):
        // the records past it are read again by the next load, from `cut`.
        const bool budgeted = direction == Direction::forward && !st.tail;
        std::optional<std::int64_t> cut;
        for (const records::DecodedBatch& batch : pf.batches) {
            if (direction == Direction::backward) {
                const std::int64_t end = p.back_end;
                MessageStore::Keep keep = [&](const MessageRef& m) {
                    return m.offset < end && (!config.keep || config.keep(m));
                };
                self->store_->append(batch, p.partition, keep, limit);
            } else if (const std::uint64_t left = st.budget - std::min<std::uint64_t>(st.budget, examined);
                       budgeted && batch.records.size() > left) {
                const std::int64_t end = batch.records[left].offset;
                note_examined(p, batch, left);
                MessageStore::Keep keep = [&](const MessageRef& m) {
                    return m.offset < end && (!config.keep || config.keep(m));
                };
                self->store_->append(batch, p.partition, keep, limit);
                examined += left;
                cut = end;
                break;
            } else {
                self->store_->append(batch, p.partition, config.keep, limit);
                note_examined(p, batch, batch.records.size());
            }
            examined += batch.records.size();
        }
        st.examined += examined;
        if (examined > 0) appended = true;
        if (pf.error && pf.batches.empty()) {
            fail(*self, p, pf.error);
            if (!needs_new_route(pf.error)) p.failed = true;  // e.g. a corrupt or oversized batch: stop here
            continue;
        }
        const std::int64_t before = direction == Direction::forward ? p.next : p.back_cursor;
        const std::int64_t after = std::max(before, cut ? *cut : pf.next_offset);
        if (direction == Direction::forward) {
            p.next = after;
            p.caught_up = p.next >= p.hw;
            st.budget -= std::min<std::uint64_t>(st.budget, examined);
        } else {
            p.back_cursor = std::min(after, p.back_end);
        }
        if (after == before && !cut && !(direction == Direction::forward && p.caught_up)) {
            fail(*self, p, Error(client_errc::decode_failed, config.topic + "/" + std::to_string(p.partition) +
                                                                 ": no progress fetching at offset " +
                                                                 std::to_string(before)));
        } else {
            p.failures = 0;
            p.error.clear();
        }
        if (pf.error) fail(*self, p, pf.error);
    }
    if (appended || direction == Direction::forward) notify(*self);
}

Result<std::shared_ptr<BrowseSession>> BrowseSession::create(asio::any_io_executor executor,
                                                              cluster::BrokerPool& pool, BrowseConfig config,
                                                              BrowseListener listener) {
    if (config.topic.empty()) return Error(client_errc::invalid_argument, "browse: no topic given");
    if (config.partition && *config.partition < 0) {
        return Error(client_errc::invalid_argument,
                     "browse: partition " + std::to_string(*config.partition) + " is negative");
    }
    if (config.start.kind == StartKind::latest_minus_n && config.start.value < 0) {
        return Error(client_errc::invalid_argument, "browse: 'latest minus N' needs N >= 0");
    }
    if (config.max_rows == 0 || config.max_rows > MessageStore::capacity()) {
        return Error(client_errc::invalid_argument, "browse: max_rows must be 1.." +
                                                        std::to_string(MessageStore::capacity()));
    }
    auto session = std::shared_ptr<BrowseSession>(
        new BrowseSession(std::move(executor), pool, std::move(config), std::move(listener)));
    return session;
}

BrowseSession::BrowseSession(asio::any_io_executor executor, cluster::BrokerPool& pool, BrowseConfig config,
                             BrowseListener listener)
    : executor_(std::move(executor)),
      pool_(pool),
      config_(std::move(config)),
      store_(std::make_shared<MessageStore>()),
      state_(std::make_unique<State>()) {
    state_->listener = std::move(listener);
    state_->tail = config_.start.kind == StartKind::tail;
    state_->budget = config_.initial_limit;
}

BrowseSession::~BrowseSession() = default;

void BrowseSession::start() {
    asio::post(executor_, [self = shared_from_this()] {
        self->state_->want_forward = true;
        asio::co_spawn(self->executor_, SessionRunner::drive(self), asio::detached);
    });
}

void BrowseSession::load_forward(std::size_t messages) {
    asio::post(executor_, [self = shared_from_this(), messages] {
        auto& st = *self->state_;
        st.cancelled = false;
        st.budget += messages;
        st.want_forward = true;
        for (Part& p : st.parts) {
            p.caught_up = false;  // one probe fetch finds messages that arrived since
            if (p.failed) p.failed = false, p.failures = 0;
        }
        asio::co_spawn(self->executor_, SessionRunner::drive(self), asio::detached);
    });
}

void BrowseSession::load_backward(std::size_t per_partition) {
    asio::post(executor_, [self = shared_from_this(), per_partition] {
        auto& st = *self->state_;
        st.cancelled = false;
        st.pending_backward += per_partition;
        asio::co_spawn(self->executor_, SessionRunner::drive(self), asio::detached);
    });
}

void BrowseSession::cancel() {
    asio::post(executor_, [self = shared_from_this()] { self->state_->cancelled = true; });
}

void BrowseSession::close() {
    closed_.store(true);
    asio::post(executor_, [self = shared_from_this()] {
        self->state_->closed = true;
        self->state_->listener = nullptr;
    });
}

}  // namespace kafkascope::browse
