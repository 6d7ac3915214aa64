#include "readiness.h"

#include "asio_include.h"

#include <thread>

namespace kafkascope::sandbox {

Status wait_until_accepting(const std::vector<Endpoint>& endpoints,
                            std::chrono::milliseconds timeout) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    asio::io_context io;
    for (const auto& endpoint : endpoints) {
        asio::error_code ec;
        const auto address = asio::ip::make_address(endpoint.host, ec);
        if (ec) return Status::error("bad address '" + endpoint.host + "'");
        // Loopback connects either succeed or are refused at once, so a blocking
        // connect cannot overrun the deadline by more than one attempt.
        for (;;) {
            asio::ip::tcp::socket socket(io);
            socket.connect(asio::ip::tcp::endpoint(address, endpoint.port), ec);
            if (!ec) break;
            if (Clock::now() >= deadline) {
                return Status::error(endpoint.to_string() +
                                     " does not accept connections: " + ec.message());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    return Status::ok();
}

}  // namespace kafkascope::sandbox
