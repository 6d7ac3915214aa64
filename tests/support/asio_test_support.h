#pragma once
// What the in-process broker tests share: a listener on a free loopback
// port, and running one coroutine to completion with a time limit.

#include <chrono>
#include <exception>
#include <functional>

#include <asio/awaitable.hpp>
#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include "unit_test.h"

namespace kafkascope::test {

// Listening on 127.0.0.1 at a port the kernel picks (read it back with
// local_endpoint()).
inline asio::ip::tcp::acceptor loopback_acceptor(asio::io_context& io) {
    return asio::ip::tcp::acceptor(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
}

// Runs `body` on `io` until it finishes (or `limit` passes, which fails the
// test); rethrows what it threw, so ASSERT_* inside coroutines work.
inline void run_coroutine(asio::io_context& io, std::function<asio::awaitable<void>()> body,
                          std::chrono::seconds limit = std::chrono::seconds(20)) {
    bool done = false;
    std::exception_ptr failure;
    asio::co_spawn(io, body(), [&](std::exception_ptr e) {
        failure = e;
        done = true;
        io.stop();
    });
    io.restart();
    io.run_for(limit);
    ASSERT_TRUE(done);
    if (failure) std::rethrow_exception(failure);
}

}  // namespace kafkascope::test
