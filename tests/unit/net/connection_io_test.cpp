// Framing, pipelining, deadlines and failures of an open connection, against
// the fake broker.
#include <array>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>

#include "fake_broker.h"
#include "net/connection.h"
#include "net/framed_connection.h"
#include "protocol/wire_writer.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::net;
using namespace kafkascope::net::test;
using namespace std::chrono_literals;
using protocol::Bytes;

namespace {

constexpr std::int16_t kMetadata = 3;

// GCC 12 rejects braced lists of bytes inside co_await expressions ("array
// used as initializer"), so coroutines build their byte strings here.
template <class... T>
Bytes bytes(T... values) {
    return Bytes{static_cast<std::uint8_t>(values)...};
}

asio::awaitable<std::shared_ptr<Connection>> open_to(asio::io_context& io, const FakeBroker& broker) {
    // A named options object: GCC 12 miscompiles braced temporaries inside
    // co_await expressions (the callee's copy aliases the original).
    const ConnectionOptions options;
    auto opened = co_await Connection::open(io.get_executor(), broker.address(), options);
    ASSERT_EQ(error_text(opened), std::string());
    co_return *opened;
}

// Starts a round trip in the background; its result lands in `slot`.
void start_round_trip(asio::io_context& io, std::shared_ptr<Connection> connection, Bytes request,
                      std::chrono::milliseconds timeout, std::optional<Result<Bytes>>& slot) {
    auto run = [connection, request, timeout, &slot]() -> asio::awaitable<void> {
        slot.emplace(co_await connection->round_trip(request, true, timeout));
    };
    asio::co_spawn(io, std::move(run), asio::detached);
}

std::size_t in_flight(const std::shared_ptr<Connection>& connection) {
    auto* framed = dynamic_cast<FramedConnection*>(connection.get());
    return framed ? framed->in_flight() : 999;
}

}  // namespace

TEST_CASE(pipelined_requests_answered_out_of_order) {
    asio::io_context io;
    std::vector<std::int32_t> ids;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        std::vector<ReceivedRequest> requests;
        for (int i = 0; i < 3; ++i) {  // all three are in flight before any answer
            auto request = co_await s.read_request();
            if (!request) co_return;
            ids.push_back(request->correlation_id);
            requests.push_back(std::move(*request));
        }
        for (int n = 0; n < 3; ++n) {  // answers 2, 0, 1
            const auto& request = requests[static_cast<std::size_t>((n + 2) % 3)];
            co_await s.respond(request.correlation_id, request.body);
        }
        co_await s.read_request();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto connection = co_await open_to(io, broker);
        std::array<std::optional<Result<Bytes>>, 3> results;
        for (std::uint8_t i = 0; i < 3; ++i) {
            start_round_trip(io, connection, raw_request(kMetadata, 0, bytes(i, i, i)), 5s, results[i]);
        }
        ASSERT_TRUE(co_await eventually([&] { return results[0] && results[1] && results[2]; }));
        for (std::uint8_t i = 0; i < 3; ++i) {
            ASSERT_EQ(error_text(*results[i]), std::string());
            EXPECT_TRUE(results[i]->value() == bytes(i, i, i));
        }
        EXPECT_EQ(in_flight(connection), 0u);
        connection->close();
    });
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_TRUE(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);
}

TEST_CASE(request_deadline_fires_and_connection_survives) {
    asio::io_context io;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        auto first = co_await s.read_request();  // never answered in time
        auto second = co_await s.read_request();
        if (!first || !second) co_return;
        co_await s.respond(first->correlation_id, bytes(0xAA));  // late: must be dropped
        co_await s.respond(second->correlation_id, second->body);
        co_await s.read_request();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto connection = co_await open_to(io, broker);
        const auto started = std::chrono::steady_clock::now();
        auto first = co_await connection->round_trip(raw_request(kMetadata, 0, bytes(1)), true, 200ms);
        const auto waited = std::chrono::steady_clock::now() - started;
        ASSERT_TRUE(!first.ok());
        EXPECT_TRUE(has_code(first.error(), client_errc::request_timeout));
        EXPECT_TRUE(contains(first.error().message, "broker " + broker.address().to_string() +
                                                        ": Metadata v0 request timed out after 200 ms"));
        EXPECT_TRUE(waited >= 200ms);
        EXPECT_TRUE(waited < 5s);
        EXPECT_TRUE(connection->is_open());
        EXPECT_EQ(in_flight(connection), 0u);

        auto second = co_await connection->round_trip(raw_request(kMetadata, 0, bytes(2)), true, 5s);
        ASSERT_EQ(error_text(second), std::string());
        EXPECT_TRUE(*second == bytes(2));
        connection->close();
    });
}

TEST_CASE(peer_closing_mid_response_fails_every_request_in_flight) {
    asio::io_context io;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        auto first = co_await s.read_request();
        auto second = co_await s.read_request();
        if (!first || !second) co_return;
        protocol::WireWriter partial;  // announces 100 bytes, sends 7
        partial.i32(100);
        partial.i32(first->correlation_id);
        partial.raw(bytes(1, 2, 3));
        co_await s.write_raw(partial.data());
        s.close();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto connection = co_await open_to(io, broker);
        std::array<std::optional<Result<Bytes>>, 2> results;
        start_round_trip(io, connection, raw_request(kMetadata, 0, bytes(1)), 10s, results[0]);
        start_round_trip(io, connection, raw_request(kMetadata, 1, bytes(2)), 10s, results[1]);
        ASSERT_TRUE(co_await eventually([&] { return results[0] && results[1]; }));
        const std::string closed = "broker " + broker.address().to_string() + " closed the connection";
        for (int i = 0; i < 2; ++i) {
            ASSERT_TRUE(!results[i]->ok());
            EXPECT_TRUE(has_code(results[i]->error(), client_errc::connection_closed));
            const auto& message = results[i]->error().message;
            EXPECT_TRUE(contains(message, closed + " while Metadata v" + std::to_string(i) + " was in flight"));
            EXPECT_TRUE(!contains(message, "may not support"));  // it did start answering
        }
        EXPECT_TRUE(!connection->is_open());

        const auto started = std::chrono::steady_clock::now();
        auto later = co_await connection->round_trip(raw_request(kMetadata, 0, bytes(3)), true, 10s);
        EXPECT_TRUE(std::chrono::steady_clock::now() - started < 1s);
        ASSERT_TRUE(!later.ok());
        EXPECT_TRUE(has_code(later.error(), client_errc::connection_closed));
        EXPECT_TRUE(contains(later.error().message, "cannot send Metadata v0: " + closed));
    });
}

TEST_CASE(close_cancels_requests_in_flight) {
    asio::io_context io;
    bool got_request = false;
    bool peer_saw_eof = false;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        got_request = (co_await s.read_request()).has_value();
        peer_saw_eof = !(co_await s.read_request()).has_value();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto connection = co_await open_to(io, broker);
        std::optional<Result<Bytes>> result;
        start_round_trip(io, connection, raw_request(kMetadata, 2, bytes()), 10s, result);
        ASSERT_TRUE(co_await eventually([&] { return got_request; }));
        connection->close();
        ASSERT_TRUE(co_await eventually([&] { return result.has_value(); }));
        ASSERT_TRUE(!result->ok());
        EXPECT_TRUE(has_code(result->error(), client_errc::cancelled));
        EXPECT_TRUE(contains(result->error().message, "connection to broker " + broker.address().to_string() +
                                                          " was closed by the client while Metadata v2"));
        EXPECT_TRUE(co_await eventually([&] { return peer_saw_eof; }));
        auto later = co_await connection->round_trip(raw_request(kMetadata, 0, bytes()), true, 10s);
        ASSERT_TRUE(!later.ok());
        EXPECT_TRUE(has_code(later.error(), client_errc::connection_closed));
    });
}

TEST_CASE(dropping_the_last_reference_closes_the_socket) {
    asio::io_context io;
    bool peer_saw_eof = false;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        peer_saw_eof = !(co_await s.read_request()).has_value();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto connection = co_await open_to(io, broker);
        std::weak_ptr<Connection> weak = connection;
        connection.reset();
        EXPECT_TRUE(weak.expired());
        EXPECT_TRUE(co_await eventually([&] { return peer_saw_eof; }));
    });
}

namespace {

void check_bad_size_prefix(Bytes prefix, const std::string& expected) {
    asio::io_context io;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        if (!co_await s.read_request()) co_return;
        co_await s.write_raw(prefix);
        co_await s.read_request();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto connection = co_await open_to(io, broker);
        auto result = co_await connection->round_trip(raw_request(kMetadata, 0, bytes()), true, 10s);
        ASSERT_TRUE(!result.ok());
        EXPECT_TRUE(has_code(result.error(), client_errc::frame_too_large));
        EXPECT_TRUE(contains(result.error().message, "broker " + broker.address().to_string() + " sent a frame of "));
        EXPECT_TRUE(contains(result.error().message, expected));
        EXPECT_TRUE(!connection->is_open());
    });
}

}  // namespace

TEST_CASE(size_prefix_of_2gb_fails_the_connection) {
    check_bad_size_prefix(bytes(0x80, 0x00, 0x00, 0x00, 1, 2, 3, 4), "2147483648 bytes (limit 268435456)");
}

TEST_CASE(size_prefix_below_4_fails_the_connection) {
    check_bad_size_prefix(bytes(0x00, 0x00, 0x00, 0x02, 1, 2), "2 bytes, too short");
}

TEST_CASE(request_without_response_completes_once_written) {
    asio::io_context io;
    Bytes produce_body;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        auto produce = co_await s.read_request();
        auto metadata = co_await s.read_request();
        if (!produce || !metadata) co_return;
        produce_body = produce->body;
        co_await s.respond(metadata->correlation_id, metadata->body);
        co_await s.read_request();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto connection = co_await open_to(io, broker);
        auto sent = co_await connection->round_trip(raw_request(0, 3, bytes(9, 9)), false, 2s);  // acks=0
        ASSERT_EQ(error_text(sent), std::string());
        EXPECT_TRUE(sent->empty());
        auto answered = co_await connection->round_trip(raw_request(kMetadata, 0, bytes(7)), true, 2s);
        ASSERT_EQ(error_text(answered), std::string());
        EXPECT_TRUE(*answered == bytes(7));
        EXPECT_EQ(in_flight(connection), 0u);
        connection->close();
    });
    EXPECT_TRUE(produce_body == bytes(9, 9));
}

TEST_CASE(request_too_short_for_a_header_is_refused) {
    asio::io_context io;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        co_await s.read_request();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto connection = co_await open_to(io, broker);
        auto result = co_await connection->round_trip(bytes(0, 3, 0), true, 1s);
        ASSERT_TRUE(!result.ok());
        EXPECT_TRUE(has_code(result.error(), client_errc::invalid_argument));
        EXPECT_TRUE(connection->is_open());
        connection->close();
    });
}
