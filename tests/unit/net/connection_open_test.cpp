// Connection::open against the fake broker: dialling errors and the
// ApiVersions handshake.
#include <sys/socket.h>

#include <asio/ip/tcp.hpp>

#include "fake_broker.h"
#include "net/api_versions_negotiation.h"
#include "net/connection.h"
#include "protocol/messages/api_versions.h"
#include "protocol/messages/metadata.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::net;
using namespace kafkascope::net::test;
using namespace std::chrono_literals;

namespace {

ConnectionOptions quick_options() {
    ConnectionOptions options;
    options.connect_timeout = 2000ms;
    options.request_timeout = 2000ms;
    return options;
}

constexpr protocol::ApiSpec kProduceApi{0, "Produce", {0, 9}, 9};

}  // namespace

TEST_CASE(open_negotiates_versions) {
    asio::io_context io;
    std::vector<std::int16_t> seen;
    std::string name;
    std::string version;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        co_await s.handshake(default_api_versions());
        seen = s.api_versions_seen;
        name = s.client_software_name;
        version = s.client_software_version;
        co_await s.handshake(default_api_versions());  // the typed send below
        co_await s.read_request();                     // until the client closes
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await Connection::open(io.get_executor(), broker.address(), quick_options());
        ASSERT_EQ(error_text(opened), std::string());
        auto connection = *opened;
        EXPECT_TRUE(connection->is_open());
        EXPECT_EQ(connection->api_versions_version(), 4);
        auto metadata = connection->version_for(protocol::kMetadataApi);
        ASSERT_EQ(error_text(metadata), std::string());
        EXPECT_EQ(*metadata, 2);
        auto produce = connection->version_for(kProduceApi);
        ASSERT_TRUE(!produce.ok());
        EXPECT_TRUE(has_code(produce.error(), client_errc::unsupported_version));

        // Connection::send goes through round_trip at the negotiated version.
        auto again = co_await connection->send(make_api_versions_request(4));
        ASSERT_EQ(error_text(again), std::string());
        EXPECT_EQ(again->api_keys.size(), 3u);
        connection->close();
        EXPECT_TRUE(!connection->is_open());
    });
    EXPECT_TRUE(seen == std::vector<std::int16_t>{4});
    EXPECT_EQ(name, std::string("kafkascope"));
    EXPECT_EQ(version, std::string("0.1.0"));
}

namespace {

// Opens against a fake that refuses ApiVersions above v2 in `refusal` style;
// returns the versions the fake saw and the version the handshake ended at.
void check_fallback(Refusal refusal, std::vector<std::int16_t> expected_seen, std::int16_t expected_used) {
    asio::io_context io;
    std::vector<std::int16_t> seen;
    FakeApiVersions fake{{{protocol::kApiVersionsKey, 0, 2}, {3, 0, 2}}, refusal};
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        co_await s.handshake(fake);
        seen = s.api_versions_seen;
        co_await s.read_request();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await Connection::open(io.get_executor(), broker.address(), quick_options());
        ASSERT_EQ(error_text(opened), std::string());
        EXPECT_EQ((*opened)->api_versions_version(), expected_used);
        auto metadata = (*opened)->version_for(protocol::kMetadataApi);
        ASSERT_EQ(error_text(metadata), std::string());
        EXPECT_EQ(*metadata, 2);
        (*opened)->close();
    });
    EXPECT_TRUE(seen == expected_seen);
    EXPECT_EQ(seen.size(), expected_seen.size());
}

}  // namespace

TEST_CASE(open_retries_at_broker_max_after_unsupported_version_with_v0_body) {
    check_fallback(Refusal::v0_body, {4, 2}, 2);
}

TEST_CASE(open_retries_at_v0_after_unsupported_version_with_garbage_body) {
    check_fallback(Refusal::garbage, {4, 0}, 0);
}

TEST_CASE(open_reports_hangup_during_handshake_with_hint) {
    asio::io_context io;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        co_await s.read_request();
        s.close();  // what the librdkafka mock does to a version it lacks
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await Connection::open(io.get_executor(), broker.address(), quick_options());
        ASSERT_TRUE(!opened.ok());
        EXPECT_TRUE(has_code(opened.error(), client_errc::connection_closed));
        const auto& message = opened.error().message;
        EXPECT_TRUE(contains(message, "broker " + broker.address().to_string() +
                                          " closed the connection while ApiVersions v4 was in flight"));
        EXPECT_TRUE(contains(message, "may not support ApiVersions v4"));
    });
}

TEST_CASE(open_reports_refused_port) {
    asio::io_context io;
    asio::ip::tcp::acceptor probe(io, {asio::ip::make_address("127.0.0.1"), 0});
    const auto port = probe.local_endpoint().port();
    probe.close();  // nothing listens there now
    // Named, not a braced temporary: GCC 12 miscompiles aggregate temporaries
    // inside co_await expressions (the callee's copy aliases the original).
    const BrokerAddress address{"127.0.0.1", port};
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await Connection::open(io.get_executor(), address, quick_options());
        ASSERT_TRUE(!opened.ok());
        EXPECT_TRUE(has_code(opened.error(), client_errc::connection_refused));
        EXPECT_TRUE(contains(opened.error().message, "127.0.0.1:" + std::to_string(port)));
    });
}

TEST_CASE(open_reports_unknown_host) {
    asio::io_context io;
    const BrokerAddress address{"nonexistent.invalid", 9092};
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await Connection::open(io.get_executor(), address, quick_options());
        ASSERT_TRUE(!opened.ok());
        EXPECT_TRUE(has_code(opened.error(), client_errc::unknown_host));
        EXPECT_TRUE(contains(opened.error().message, "cannot resolve broker host 'nonexistent.invalid'"));
    });
}

TEST_CASE(open_times_out_when_syn_goes_unanswered) {
    // A listener with backlog 0 that never accepts: once one connection fills
    // its queue, Linux drops further SYNs, so the next connect hangs.
    asio::io_context io;
    asio::ip::tcp::acceptor full(io);
    const asio::ip::tcp::endpoint any_port(asio::ip::make_address("127.0.0.1"), 0);
    full.open(any_port.protocol());
    full.bind(any_port);
    full.listen(0);
    const BrokerAddress address{"127.0.0.1", full.local_endpoint().port()};
    std::vector<asio::ip::tcp::socket> fillers;
    for (int i = 0; i < 3; ++i) {
        // A plain non-blocking ::connect: asio's connect() would wait for the
        // handshake, and every filler after the first never completes it.
        fillers.emplace_back(io, asio::ip::tcp::v4());
        fillers.back().non_blocking(true);
        const auto target = full.local_endpoint();
        (void)::connect(fillers.back().native_handle(), target.data(), static_cast<socklen_t>(target.size()));
    }
    auto options = quick_options();
    options.connect_timeout = 300ms;
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const auto started = std::chrono::steady_clock::now();
        auto opened = co_await Connection::open(io.get_executor(), address, options);
        const auto waited = std::chrono::steady_clock::now() - started;
        ASSERT_TRUE(!opened.ok());
        EXPECT_TRUE(has_code(opened.error(), client_errc::connect_timeout));
        EXPECT_TRUE(contains(opened.error().message, address.to_string()));
        EXPECT_TRUE(contains(opened.error().message, " ms"));
        EXPECT_TRUE(waited >= 300ms);
        EXPECT_TRUE(waited < 5s);
    });
}
