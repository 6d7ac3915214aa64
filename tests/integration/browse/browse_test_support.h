#pragma once
// Helpers for the browse integration tests: a session whose status the test
// thread can wait on, kcat as the producer, and row <-> text conversions.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "browse/browse_session.h"
#include "engine.h"

namespace kafkascope::browse::test {

std::unique_ptr<Engine> make_engine();

// A BrowseSession plus a listener that records its status.
class Browse {
public:
    Browse(Engine& engine, BrowseConfig config);
    ~Browse();

    // Waits until loading ended after the last call (start/forward/backward).
    BrowseStatus wait_idle(std::chrono::milliseconds limit = std::chrono::seconds(30));
    // Waits until the store holds at least `rows` rows.
    bool wait_rows(std::size_t rows, std::chrono::milliseconds limit = std::chrono::seconds(30));
    // Waits until the session examined at least `n` messages.
    bool wait_examined(std::uint64_t n, std::chrono::milliseconds limit = std::chrono::seconds(30));
    BrowseStatus last() const;  // the newest status the listener got
    void load_forward(std::size_t n);
    void load_backward(std::size_t per_partition);

    BrowseSession& session() { return *session_; }
    const MessageStore& store() const { return *store_; }

private:
    std::shared_ptr<BrowseSession> session_;
    std::shared_ptr<const MessageStore> store_;
    struct Shared {
        std::mutex mutex;
        std::condition_variable changed;
        BrowseStatus last;
        int idle_events = 0;
    };
    std::shared_ptr<Shared> shared_;
    int idle_seen_ = 0;
};

// "key|value|h1=v1,h2=v2" with <null> for nulls: one line per row, in `rows` order.
std::string describe(const MessageRef& m);
std::vector<std::string> describe_rows(const MessageStore& store, const std::vector<std::uint32_t>& rows);
std::vector<std::uint32_t> all_rows(const MessageStore& store);

// kcat -P with `codec`, key delimiter ':' and the given headers; true on success.
bool kcat_produce(const std::string& topic, const std::string& codec, const std::vector<std::string>& lines,
                  const std::vector<std::string>& headers = {}, const std::string& extra = {});

}  // namespace kafkascope::browse::test
