#pragma once
// A topic browse: reads one partition or all partitions of a topic into a
// MessageStore, from a start point, and loads more forwards or backwards on
// demand. It never joins a group and never commits an offset: it only sends
// Metadata, ListOffsets and Fetch.
//
// Threading: every method may be called from any thread and posts to the
// engine thread, where all session state lives. The MessageStore is appended
// there and read from anywhere (see message_store.h). The listener runs ON
// THE ENGINE THREAD after every fetch that appended rows and whenever the
// state changes; it must be short (the Qt bridge only wakes the UI thread).
// After close() the listener is not called again (a call already running on
// the engine thread when close() is made may still finish).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/any_io_executor.hpp>

#include "browse/browse_fetch.h"
#include "browse/message_store.h"
#include "cluster/broker_pool.h"
#include "core/result.h"

namespace kafkascope::browse {

enum class StartKind {
    earliest,        // the first offset of each partition
    latest_minus_n,  // value = N messages per partition before the high watermark
    offset,          // value = an absolute offset in every chosen partition (clamped to the log)
    timestamp,       // value = ms since epoch: ListOffsets by time
    tail,            // the high watermark; new messages appear as they arrive
};

struct StartPoint {
    StartKind kind = StartKind::earliest;
    std::int64_t value = 0;
};

struct BrowseConfig {
    std::string topic;
    std::optional<std::int32_t> partition;  // nullopt: all partitions
    StartPoint start;
    // Messages examined before the session pauses; load_forward adds more.
    std::size_t initial_limit = 1'000'000;
    std::size_t max_rows = 5'000'000;  // the store never grows past this
    FetchLimits fetch;
    // Scan mode: only messages `keep` accepts are stored, and loading stops
    // once `scan_matches` were kept (0: no such stop).
    MessageStore::Keep keep;
    std::size_t scan_matches = 0;
};

struct PartitionPosition {
    std::int32_t partition = 0;
    std::int64_t first = -1;           // log start, as last seen
    std::int64_t high_watermark = -1;  // as last seen
    std::int64_t low = 0;   // lowest offset loaded from (backward loads move it down)
    std::int64_t next = 0;  // next offset a forward load reads
    // Newest timestamp a forward load has looked at (kept or not; a scan
    // keeps few): the table's merge frontier for this partition.
    std::int64_t examined_timestamp = std::numeric_limits<std::int64_t>::min();
    std::string error;      // last error of this partition, empty if none
};

struct BrowseStatus {
    std::size_t rows = 0;          // store size
    std::uint64_t examined = 0;    // messages fetched and looked at (scan progress)
    bool loading = false;
    bool caught_up = false;        // every partition's next offset reached its high watermark
    bool at_beginning = false;     // every partition's low offset is its log start
    bool cancelled = false;        // cancel() stopped the last load (cleared by the next load)
    std::string error;             // the last error, empty if none
    std::vector<PartitionPosition> partitions;
};

using BrowseListener = std::function<void(const BrowseStatus&)>;

class BrowseSession : public std::enable_shared_from_this<BrowseSession> {
public:
    static Result<std::shared_ptr<BrowseSession>> create(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                                         BrowseConfig config, BrowseListener listener);
    ~BrowseSession();
    BrowseSession(const BrowseSession&) = delete;
    BrowseSession& operator=(const BrowseSession&) = delete;

    // The store this session fills; readable from any thread.
    std::shared_ptr<const MessageStore> store() const { return store_; }
    const BrowseConfig& config() const { return config_; }

    void start();                             // resolve the start point, then load
    void load_forward(std::size_t messages);  // more after what is loaded (also re-checks the end)
    void load_backward(std::size_t per_partition);  // older messages before what is loaded
    // Stop loading; rows stay. No fetch starts after the one in flight (a
    // scan stops within one fetch round); the final status says cancelled.
    void cancel();
    void close();                             // cancel, and no more listener calls

    struct State;

private:
    friend class SessionRunner;
    BrowseSession(asio::any_io_executor executor, cluster::BrokerPool& pool, BrowseConfig config,
                  BrowseListener listener);

    asio::any_io_executor executor_;
    cluster::BrokerPool& pool_;
    BrowseConfig config_;
    std::shared_ptr<MessageStore> store_;
    std::unique_ptr<State> state_;  // engine thread only
    std::atomic<bool> closed_{false};
};

}  // namespace kafkascope::browse
