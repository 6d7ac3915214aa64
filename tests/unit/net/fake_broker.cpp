#include "fake_broker.h"

#include <cstdio>
#include <exception>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/read.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include "protocol/frame.h"
#include "protocol/messages/api_versions.h"
#include "protocol/wire_writer.h"
#include "unit_test.h"

namespace kafkascope::net::test {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

bool flexible_header(std::int16_t key, std::int16_t version) {
    return key == protocol::kApiVersionsKey && version >= 3;
}

}  // namespace

asio::awaitable<std::optional<ReceivedRequest>> FakeSession::read_request() {
    std::array<std::uint8_t, 4> prefix{};
    auto [ec, n] = co_await asio::async_read(socket_, asio::buffer(prefix), use_tuple);
    if (ec) co_return std::nullopt;
    const std::uint32_t size = (std::uint32_t{prefix[0]} << 24) | (std::uint32_t{prefix[1]} << 16) |
                               (std::uint32_t{prefix[2]} << 8) | prefix[3];
    if (size > (64u << 20)) co_return std::nullopt;
    protocol::Bytes frame(size);
    auto [body_ec, m] = co_await asio::async_read(socket_, asio::buffer(frame), use_tuple);
    if (body_ec) co_return std::nullopt;
    auto header = protocol::decode_request_header(frame, &flexible_header);
    if (!header) co_return std::nullopt;
    ReceivedRequest request;
    request.api_key = header->api_key;
    request.api_version = header->api_version;
    request.correlation_id = header->correlation_id;
    request.body.assign(frame.begin() + static_cast<std::ptrdiff_t>(header->body_offset), frame.end());
    co_return request;
}

asio::awaitable<void> FakeSession::respond(std::int32_t correlation_id, const protocol::Bytes& body) {
    protocol::WireWriter out;
    out.i32(static_cast<std::int32_t>(body.size() + 4));
    out.i32(correlation_id);
    out.raw(body);
    co_await write_raw(out.data());
}

asio::awaitable<void> FakeSession::write_raw(const protocol::Bytes& bytes) {
    auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(bytes), use_tuple);
    (void)ec;  // a client that already hung up is what some tests want
}

void FakeSession::close() {
    std::error_code ignored;
    socket_.close(ignored);
}

asio::awaitable<bool> FakeSession::handshake(const FakeApiVersions& fake) {
    std::int16_t max = 0;
    for (const auto& r : fake.ranges) {
        if (r.api_key == protocol::kApiVersionsKey) max = r.max_version;
    }
    protocol::ApiVersionsResponse response;
    for (const auto& r : fake.ranges) response.api_keys.push_back({r.api_key, r.min_version, r.max_version, {}});

    for (;;) {
        auto request = co_await read_request();
        if (!request || request->api_key != protocol::kApiVersionsKey) co_return false;
        const std::int16_t version = request->api_version;
        api_versions_seen.push_back(version);
        if (version > max) {
            protocol::Bytes body{0x00, 0x23, 0xff, 0xff, 0xff, 0x7f, 0x01};  // 35, then nonsense
            if (fake.refusal == Refusal::v0_body) {
                auto refusal = response;
                refusal.error_code = 35;
                body = protocol::encode_body(refusal, 0);
            }
            co_await respond(request->correlation_id, body);
            continue;
        }
        if (version >= 3) {
            auto decoded = protocol::decode_body<protocol::ApiVersionsRequest>(request->body, version, "request");
            if (decoded) {
                client_software_name = decoded->client_software_name;
                client_software_version = decoded->client_software_version;
            }
        }
        co_await respond(request->correlation_id, protocol::encode_body(response, version));
        co_return true;
    }
}

struct FakeBroker::State {
    explicit State(asio::io_context& io) : acceptor(kafkascope::test::loopback_acceptor(io)) {}
    asio::ip::tcp::acceptor acceptor;
    Script script;
    std::vector<std::shared_ptr<FakeSession>> sessions;
    int started = 0;
    int finished = 0;
};

FakeBroker::FakeBroker(asio::io_context& io, Script script) : state_(std::make_shared<State>(io)) {
    state_->script = std::move(script);
    auto accept_loop = [](std::shared_ptr<State> state) -> asio::awaitable<void> {
        for (;;) {
            auto [ec, socket] = co_await state->acceptor.async_accept(use_tuple);
            if (ec) co_return;
            auto session = std::make_shared<FakeSession>(std::move(socket));
            state->sessions.push_back(session);
            ++state->started;
            auto run = [state, session]() -> asio::awaitable<void> {
                co_await state->script(*session);
                ++state->finished;
            };
            asio::co_spawn(state->acceptor.get_executor(), std::move(run), asio::detached);
        }
    };
    asio::co_spawn(io, accept_loop(state_), asio::detached);
}

FakeBroker::~FakeBroker() {
    std::error_code ignored;
    state_->acceptor.close(ignored);
    for (auto& session : state_->sessions) session->close();
}

BrokerAddress FakeBroker::address() const {
    return BrokerAddress{"127.0.0.1", state_->acceptor.local_endpoint().port()};
}

int FakeBroker::sessions_started() const { return state_->started; }
int FakeBroker::sessions_finished() const { return state_->finished; }

protocol::Bytes raw_request(std::int16_t api_key, std::int16_t api_version, const protocol::Bytes& body) {
    protocol::WireWriter out;
    out.i16(api_key);
    out.i16(api_version);
    out.i32(0);
    out.nullable_string(std::string("test"));
    out.raw(body);
    return out.take();
}

asio::awaitable<bool> eventually(std::function<bool()> done, std::chrono::milliseconds limit) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= until) co_return false;
        timer.expires_after(std::chrono::milliseconds(5));
        co_await timer.async_wait(use_tuple);
    }
    co_return true;
}

bool has_code(const Error& error, client_errc code) {
    if (error.code == code) return true;
    std::fprintf(stderr, "  expected %s, got %s: %s\n", make_error_code(code).message().c_str(),
                 error.code.message().c_str(), error.message.c_str());
    return false;
}

FakeApiVersions default_api_versions() {
    return FakeApiVersions{{{protocol::kApiVersionsKey, 0, 4}, {3, 0, 2}, {2, 0, 5}}, Refusal::v0_body};
}

}  // namespace kafkascope::net::test
