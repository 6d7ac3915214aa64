#pragma once
// Helpers shared by the security tests: readable error checks (and
// run_coroutine from tests/support).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <string>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>

#include "asio_test_support.h"
#include "core/result.h"
#include "net/connection.h"
#include "unit_test.h"

namespace kafkascope::net::test {

using kafkascope::test::run_coroutine;

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
