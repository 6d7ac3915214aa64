#pragma once
// Plain TCP under a FramedConnection, and the dial that creates it.

#include <chrono>
#include <memory>

#include <asio/any_io_executor.hpp>
#include <asio/ip/tcp.hpp>

#include "core/result.h"
#include "net/broker_address.h"
#include "net/transport.h"

namespace kafkascope::net {

class TcpTransport final : public Transport {
public:
    explicit TcpTransport(asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

    asio::awaitable<std::tuple<std::error_code, std::size_t>> read_some(
        asio::mutable_buffer buffer) override;
    asio::awaitable<std::error_code> write_all(std::span<const asio::const_buffer> buffers) override;
    void close() override;

private:
    asio::ip::tcp::socket socket_;
};

// Resolves `address` and connects to the first endpoint that accepts, all
// within `timeout`, with TCP_NODELAY set: the socket under a TcpTransport or
// a TlsTransport. Same errors as connect_tcp.
asio::awaitable<Result<asio::ip::tcp::socket>> dial_tcp(asio::any_io_executor executor,
                                                        BrokerAddress address,
                                                        std::chrono::milliseconds timeout);

// Resolves `address` and connects to the first endpoint that accepts, all
// within `timeout`, and sets TCP_NODELAY (requests are whole frames written at
// once; Nagle would only delay them). Errors: unknown_host, connection_refused
// (any refusal or unreachable network, with the system's reason) and
// connect_timeout, each naming the broker.
asio::awaitable<Result<std::shared_ptr<Transport>>> connect_tcp(asio::any_io_executor executor,
                                                                BrokerAddress address,
                                                                std::chrono::milliseconds timeout);

}  // namespace kafkascope::net
