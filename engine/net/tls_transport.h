#pragma once
// TLS under a FramedConnection (asio::ssl over TCP), and the dial that
// creates it: TCP connect, then the TLS handshake with the broker's
// certificate checked against the trusted CAs and, unless turned off, the
// host name we dialled.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <asio/any_io_executor.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/context.hpp>
#include <asio/ssl/stream.hpp>

#include "core/result.h"
#include "net/broker_address.h"
#include "net/security_config.h"
#include "net/transport.h"

namespace kafkascope::net {

// What a TLS session agreed on, for diagnostics.
struct TlsSessionInfo {
    std::string version;  // "TLSv1.3"
    std::string cipher;   // "TLS_AES_256_GCM_SHA384"
    bool hostname_verified = true;
};

class TlsTransport final : public Transport {
public:
    using Stream = asio::ssl::stream<asio::ip::tcp::socket>;

    // `stream` has completed its handshake (client or server side: the test
    // brokers use this class too). The context must outlive the stream.
    TlsTransport(std::shared_ptr<asio::ssl::context> context, Stream stream)
        : context_(std::move(context)), stream_(std::move(stream)) {}

    asio::awaitable<std::tuple<std::error_code, std::size_t>> read_some(
        asio::mutable_buffer buffer) override;
    asio::awaitable<std::error_code> write_all(std::span<const asio::const_buffer> buffers) override;
    void close() override;

    TlsSessionInfo session_info() const;
    // The error that ended the last read, if any: with TLS 1.3 a broker
    // that refuses our client certificate says so only after our side of
    // the handshake finished, as an alert on the first read.
    std::error_code last_read_error() const { return last_read_error_; }

private:
    std::shared_ptr<asio::ssl::context> context_;
    Stream stream_;
    std::error_code last_read_error_;
};

// Dials, then runs the client handshake within `timeout` (counted from the
// start of the dial). Errors name the broker and say which check failed:
// tls_untrusted_certificate, tls_hostname_mismatch, tls_certificate_expired,
// tls_protocol_mismatch (the port speaks plaintext), tls_handshake_failed,
// tls_config_invalid, plus connect_tcp's errors.
asio::awaitable<Result<std::shared_ptr<TlsTransport>>> connect_tls(asio::any_io_executor executor,
                                                                   BrokerAddress address,
                                                                   std::chrono::milliseconds timeout,
                                                                   TlsSettings settings);

// A read error on an established TLS connection explained, or nullopt when
// it is not TLS-specific (a plain EOF): the alerts a broker sends when it
// refuses our client certificate become "requires a client certificate" /
// "does not trust our client certificate".
std::optional<Error> explain_tls_read_error(std::error_code ec, const BrokerAddress& address);

}  // namespace kafkascope::net
