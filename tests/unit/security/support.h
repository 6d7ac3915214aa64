#pragma once
// Helpers shared by the security tests: run a coroutine on an io_context
// with a time limit, and readable error checks.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <string>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>

#include "core/result.h"
#include "net/connection.h"
#include "unit_test.h"

namespace kafkascope::net::test {

inline void run_coroutine(asio::io_context& io, std::function<asio::awaitable<void>()> body,
                          std::chrono::seconds limit = std::chrono::seconds(30)) {
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

template <class T>
std::string error_text(const Result<T>& result) {
    return result.ok() ? std::string() : result.error().message;
}

// Whether `result` failed with `code`; prints what it got otherwise.
template <class T>
bool failed_with(const Result<T>& result, client_errc code) {
    if (!result.ok() && result.error().code == code) {
        // KAFKASCOPE_TEST_VERBOSE=1 shows the messages users would read.
        if (std::getenv("KAFKASCOPE_TEST_VERBOSE")) std::fprintf(stderr, "  (%s)\n", result.error().message.c_str());
        return true;
    }
    std::fprintf(stderr, "  expected %s, got %s\n", make_error_code(code).message().c_str(),
                 result.ok() ? "success" : (result.error().code.message() + ": " + result.error().message).c_str());
    return false;
}

// Prints an error message under KAFKASCOPE_TEST_VERBOSE=1.
inline void show_message(const Error& error) {
    if (std::getenv("KAFKASCOPE_TEST_VERBOSE")) std::fprintf(stderr, "  (%s)\n", error.message.c_str());
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline ConnectionOptions quick_options(SecurityConfig security = {}) {
    ConnectionOptions options;
    options.client_id = "security-test";
    options.connect_timeout = std::chrono::milliseconds(3000);
    options.request_timeout = std::chrono::milliseconds(3000);
    options.security = std::move(security);
    return options;
}

}  // namespace kafkascope::net::test
