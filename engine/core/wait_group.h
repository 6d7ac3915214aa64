#pragma once
// Waits for a number of concurrently spawned coroutines on the engine
// thread. Single-threaded by design (the engine's io_context runs on one
// thread), so a plain counter suffices; a timer parked at "forever" is the
// event the waiter sleeps on.

#include <chrono>

#include <asio/awaitable.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

namespace kafkascope {

class WaitGroup {
public:
    explicit WaitGroup(const asio::any_io_executor& executor)
        : timer_(executor, asio::steady_timer::time_point::max()) {}

    void add(int n = 1) { pending_ += n; }
    void done() {
        if (--pending_ == 0) timer_.cancel();
    }

    asio::awaitable<void> wait() {
        while (pending_ > 0) {
            co_await timer_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
        }
    }

private:
    asio::steady_timer timer_;
    int pending_ = 0;
};

}  // namespace kafkascope
