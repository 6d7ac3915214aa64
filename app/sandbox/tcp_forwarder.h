#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "endpoint.h"

namespace kafkascope::sandbox {

// Accepts TCP connections on 127.0.0.1:port and pipes each one to the first
// upstream that accepts a connection. It exists because the mock's brokers
// only bind ephemeral ports; a fixed port is needed for the bootstrap
// connection alone, since clients then follow the advertised broker ports.
// Trying every broker in turn keeps bootstrapping working while broker 1 is
// set down.
class TcpForwarder {
public:
    // Binds before returning so a busy port is reported to the caller; then
    // serves on a thread of its own.
    static std::unique_ptr<TcpForwarder> start(std::uint16_t port,
                                               const std::vector<Endpoint>& upstreams,
                                               std::string& error);
    // Stops accepting, drops every forwarded connection and joins the thread.
    ~TcpForwarder();
    TcpForwarder(const TcpForwarder&) = delete;
    TcpForwarder& operator=(const TcpForwarder&) = delete;

    [[nodiscard]] Endpoint endpoint() const;

private:
    struct Impl;
    explicit TcpForwarder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kafkascope::sandbox
