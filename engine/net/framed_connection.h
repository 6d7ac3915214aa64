#pragma once
// The Connection over any Transport: size-prefixed frames, correlation ids,
// pipelining and per-request deadlines.
//
// Threading: every member runs on the io_context thread that owns the
// executor (one thread is an implicit strand, so there is no mutex).
//
// Lifetime: the read and write loops hold the transport by shared_ptr and the
// connection only by weak_ptr, so dropping the last shared_ptr to a
// connection closes its socket (the loops then wake, find it gone and end).
// A round_trip in progress holds a shared_ptr, so it never outlives `this`.

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <asio/any_io_executor.hpp>
#include <asio/steady_timer.hpp>

#include "net/connection.h"
#include "net/transport.h"

namespace kafkascope::net {

class FramedConnection final : public Connection {
public:
    // Takes a connected transport and starts reading. Sends nothing itself:
    // Connection::open negotiates ApiVersions through round_trip afterwards.
    static std::shared_ptr<FramedConnection> start(asio::any_io_executor executor,
                                                   std::shared_ptr<Transport> transport,
                                                   BrokerAddress address, ConnectionOptions options);
    ~FramedConnection() override;

    asio::awaitable<Result<protocol::Bytes>> round_trip(protocol::Bytes request, bool expect_response,
                                                        std::chrono::milliseconds timeout) override;
    asio::awaitable<Result<protocol::Bytes>> round_trip_gather(protocol::Bytes request,
                                                               std::vector<RequestSlice> slices,
                                                               bool expect_response,
                                                               std::chrono::milliseconds timeout) override;
    void close() override;
    bool is_open() const override { return open_; }

    // Requests sent or queued whose answer (or write) is still awaited.
    std::size_t in_flight() const { return in_flight_.size(); }

private:
    // One request from round_trip until it completes. The timer doubles as
    // the wake-up: it expires at the deadline, and whoever completes the
    // request first stores `result` and cancels it.
    struct Waiter {
        explicit Waiter(const asio::any_io_executor& executor) : timer(executor) {}
        asio::steady_timer timer;
        std::optional<Result<protocol::Bytes>> result;
        std::int32_t correlation_id = 0;
        std::int16_t api_key = 0;
        std::int16_t api_version = 0;
        bool expect_response = true;
        bool abandoned = false;  // timed out: skip it if still unwritten
        std::array<std::uint8_t, 4> size_prefix{};
        protocol::Bytes request;  // header + body, released once written
        std::vector<RequestSlice> slices;  // spliced into `request` on the wire, released with it
    };

    FramedConnection(asio::any_io_executor executor, std::shared_ptr<Transport> transport,
                     BrokerAddress address, ConnectionOptions options);

    static asio::awaitable<void> read_loop(std::weak_ptr<FramedConnection> weak,
                                           std::shared_ptr<Transport> transport);
    static asio::awaitable<void> write_loop(std::weak_ptr<FramedConnection> weak,
                                            std::shared_ptr<Transport> transport);

    std::shared_ptr<FramedConnection> self();
    std::int32_t next_correlation_id();
    std::shared_ptr<Waiter> next_to_write();
    void on_written(Waiter& waiter);
    // Consumes the complete frames at the front of `data`; returns how many
    // bytes they took and sets `need` to the size of the buffer the next
    // frame requires. Returns nullopt after failing the connection.
    std::optional<std::size_t> take_frames(std::span<const std::uint8_t> data, std::size_t& need);
    void on_transport_error(std::error_code ec);
    // Closes the transport and completes every request in flight with
    // `code`: "<what_happened> while <Api> vN was in flight".
    void fail_all(client_errc code, const std::string& what_happened, bool hint_unsupported);
    static void complete(Waiter& waiter, Result<protocol::Bytes> result);
    std::string describe(const Waiter& waiter) const;

    asio::any_io_executor executor_;
    std::shared_ptr<Transport> transport_;
    std::unordered_map<std::int32_t, std::shared_ptr<Waiter>> in_flight_;
    std::deque<std::shared_ptr<Waiter>> write_queue_;
    bool writing_ = false;  // a write_loop is running
    bool open_ = true;
    std::string closed_because_;  // why later round_trips fail
    std::int32_t next_id_ = 1;
    // For the "broker may not support it" hint: the last request handed to
    // the transport, and whether any byte arrived since.
    std::int32_t last_sent_id_ = -1;
    bool heard_since_send_ = true;
};

}  // namespace kafkascope::net
