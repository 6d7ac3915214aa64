#pragma once
// An in-process fake Kafka broker for the connection tests: listens on
// 127.0.0.1:<ephemeral>, and runs a test-supplied script for every accepted
// connection. The script reads requests and answers (or misbehaves) through
// FakeSession. Everything runs on the test's io_context thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include "net/api_version_table.h"
#include "core/result.h"
#include "net/broker_address.h"
#include "protocol/bytes.h"
#include "asio_test_support.h"

namespace kafkascope::net::test {

struct ReceivedRequest {
    std::int16_t api_key = 0;
    std::int16_t api_version = 0;
    std::int32_t correlation_id = 0;
    protocol::Bytes body;  // after the request header
};

// How the fake answers ApiVersions above the max it advertises for it.
enum class Refusal {
    v0_body,   // error 35 in the v0 layout, listing the ranges (real brokers)
    garbage,   // error 35 followed by bytes that decode as nothing
};

struct FakeApiVersions {
    std::vector<BrokerApiRange> ranges;  // must include ApiVersions (18)
    Refusal refusal = Refusal::v0_body;
};

class FakeSession {
public:
    explicit FakeSession(asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

    // The next request, or nullopt once the client closed (or sent garbage).
    asio::awaitable<std::optional<ReceivedRequest>> read_request();
    // Answers with header v0: correlation id, then `body`.
    asio::awaitable<void> respond(std::int32_t correlation_id, const protocol::Bytes& body);
    asio::awaitable<void> write_raw(const protocol::Bytes& bytes);
    // Answers ApiVersions requests as `fake` says until one is accepted.
    // False if the client sent something else or hung up first.
    asio::awaitable<bool> handshake(const FakeApiVersions& fake);
    void close();

    // What the handshake saw, for the tests to check.
    std::vector<std::int16_t> api_versions_seen;
    std::string client_software_name;
    std::string client_software_version;

private:
    asio::ip::tcp::socket socket_;
};

using Script = std::function<asio::awaitable<void>(FakeSession&)>;

class FakeBroker {
public:
    FakeBroker(asio::io_context& io, Script script);
    ~FakeBroker();
    FakeBroker(const FakeBroker&) = delete;
    FakeBroker& operator=(const FakeBroker&) = delete;

    BrokerAddress address() const;
    int sessions_started() const;
    int sessions_finished() const;  // scripts that returned

private:
    struct State;
    std::shared_ptr<State> state_;
};

// Test helpers.

// A raw request (header v1, client id "test") with `body` after the header.
protocol::Bytes raw_request(std::int16_t api_key, std::int16_t api_version, const protocol::Bytes& body);

using kafkascope::test::run_coroutine;

// Polls `done` every few ms until it holds or `limit` passes; returns it.
asio::awaitable<bool> eventually(std::function<bool()> done,
                                 std::chrono::milliseconds limit = std::chrono::milliseconds(5000));

// The default ranges a healthy fake advertises: ApiVersions 0-4, Metadata 0-2,
// ListOffsets 0-5.
FakeApiVersions default_api_versions();

// "" for success, else the message: ASSERT_EQ(error_text(r), "") shows why.
template <class T>
std::string error_text(const Result<T>& result) {
    return result.ok() ? std::string() : result.error().message;
}

// Whether `error` carries `code`; prints the error when not, so a failing
// EXPECT_TRUE(has_code(...)) explains itself.
bool has_code(const Error& error, client_errc code);

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace kafkascope::net::test
