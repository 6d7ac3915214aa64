#pragma once
// A connected byte stream under a FramedConnection. The framing, pipelining
// and deadlines do not care whether bytes travel over plain TCP or TLS, so
// they talk to this interface; TLS will be a second implementation.
//
// Contract: no exceptions; errors come back as std::error_code. close() may be
// called while a read or write is suspended: that operation then completes
// (with an error) and the transport must stay alive until it does, which is
// why FramedConnection's loops hold it by shared_ptr.

#include <cstddef>
#include <span>
#include <system_error>
#include <tuple>

#include <asio/awaitable.hpp>
#include <asio/buffer.hpp>

namespace kafkascope::net {

class Transport {
public:
    virtual ~Transport() = default;

    // Reads at least one byte into `buffer` (or fails; EOF is asio::error::eof).
    virtual asio::awaitable<std::tuple<std::error_code, std::size_t>> read_some(
        asio::mutable_buffer buffer) = 0;

    // Writes every byte of every buffer, in order, or fails.
    virtual asio::awaitable<std::error_code> write_all(std::span<const asio::const_buffer> buffers) = 0;

    // Idempotent. Pending operations complete with operation_aborted.
    virtual void close() = 0;
};

}  // namespace kafkascope::net
