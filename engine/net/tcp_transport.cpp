#include "net/tcp_transport.h"

#include <string>
#include <variant>

#include <asio/connect.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

namespace kafkascope::net {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

Error timed_out(const BrokerAddress& address, std::chrono::steady_clock::time_point started) {
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return Error(client_errc::connect_timeout, "connecting to broker " + address.to_string() +
                                                   " timed out after " +
                                                   std::to_string(waited.count()) + " ms");
}

}  // namespace

asio::awaitable<std::tuple<std::error_code, std::size_t>> TcpTransport::read_some(
    asio::mutable_buffer buffer) {
    co_return co_await socket_.async_read_some(buffer, use_tuple);
}

asio::awaitable<std::error_code> TcpTransport::write_all(std::span<const asio::const_buffer> buffers) {
    auto [ec, written] = co_await asio::async_write(socket_, buffers, use_tuple);
    (void)written;
    co_return ec;
}

void TcpTransport::close() {
    std::error_code ignored;
    socket_.close(ignored);
}

asio::awaitable<Result<asio::ip::tcp::socket>> dial_tcp(asio::any_io_executor executor,
                                                        BrokerAddress address,
                                                        std::chrono::milliseconds timeout) {
    using namespace asio::experimental::awaitable_operators;
    const auto started = std::chrono::steady_clock::now();
    // One deadline for resolve and connect together: the user set one timeout.
    asio::steady_timer deadline(executor, timeout);

    asio::ip::tcp::resolver resolver(executor);
    auto resolved = co_await (resolver.async_resolve(address.host, std::to_string(address.port),
                                                     use_tuple) ||
                              deadline.async_wait(use_tuple));
    if (resolved.index() == 1) co_return timed_out(address, started);
    auto [resolve_ec, endpoints] = std::get<0>(std::move(resolved));
    if (resolve_ec || endpoints.empty()) {
        const std::string why = resolve_ec ? resolve_ec.message() : "no addresses";
        co_return Error(client_errc::unknown_host,
                        "cannot resolve broker host '" + address.host + "' (" + why + ")");
    }

    asio::ip::tcp::socket socket(executor);
    auto connected =
        co_await (asio::async_connect(socket, endpoints, use_tuple) || deadline.async_wait(use_tuple));
    if (connected.index() == 1) co_return timed_out(address, started);
    const auto connect_ec = std::get<0>(std::get<0>(connected));
    if (connect_ec) {
        co_return Error(client_errc::connection_refused,
                        "cannot connect to broker " + address.to_string() + " (" +
                            connect_ec.message() + ")");
    }
    std::error_code ignored;  // without NODELAY we are slower, not broken
    socket.set_option(asio::ip::tcp::no_delay(true), ignored);
    co_return std::move(socket);
}

asio::awaitable<Result<std::shared_ptr<Transport>>> connect_tcp(asio::any_io_executor executor,
                                                                BrokerAddress address,
                                                                std::chrono::milliseconds timeout) {
    auto socket = co_await dial_tcp(executor, address, timeout);
    if (!socket) co_return std::move(socket).error();
    co_return std::shared_ptr<Transport>(std::make_shared<TcpTransport>(std::move(socket).value()));
}

}  // namespace kafkascope::net
