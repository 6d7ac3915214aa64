#include "net/framed_connection.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/error.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include "protocol/api_keys.h"
#include "protocol/frame.h"

namespace kafkascope::net {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

// Reads arrive in chunks of this size; a larger frame grows the buffer to
// fit and it shrinks back afterwards, so an idle connection stays small.
constexpr std::size_t kReadChunk = 64 * 1024;

std::uint32_t load_be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

std::int16_t load_be16(const std::uint8_t* p) {
    return static_cast<std::int16_t>((p[0] << 8) | p[1]);
}

void store_be32(std::uint8_t* p, std::uint32_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

}  // namespace

std::shared_ptr<FramedConnection> FramedConnection::start(asio::any_io_executor executor,
                                                          std::shared_ptr<Transport> transport,
                                                          BrokerAddress address,
                                                          ConnectionOptions options) {
    std::shared_ptr<FramedConnection> connection(new FramedConnection(
        executor, transport, std::move(address), std::move(options)));
    asio::co_spawn(executor, read_loop(connection, std::move(transport)), asio::detached);
    return connection;
}

FramedConnection::FramedConnection(asio::any_io_executor executor, std::shared_ptr<Transport> transport,
                                   BrokerAddress address, ConnectionOptions options)
    : Connection(std::move(address), std::move(options)),
      executor_(std::move(executor)),
      transport_(std::move(transport)) {}

FramedConnection::~FramedConnection() {
    // No round_trip can be waiting (each holds a shared_ptr to us); closing
    // the transport wakes the loops, which then see we are gone.
    if (open_) transport_->close();
}

std::shared_ptr<FramedConnection> FramedConnection::self() {
    return std::static_pointer_cast<FramedConnection>(shared_from_this());
}

std::string FramedConnection::describe(const Waiter& waiter) const {
    const auto name = protocol::api_name(waiter.api_key);
    const std::string api = name.empty() ? "API " + std::to_string(waiter.api_key) : std::string(name);
    return api + " v" + std::to_string(waiter.api_version);
}

asio::awaitable<Result<protocol::Bytes>> FramedConnection::round_trip(protocol::Bytes request,
                                                                      bool expect_response,
                                                                      std::chrono::milliseconds timeout) {
    std::vector<RequestSlice> none;
    co_return co_await round_trip_gather(std::move(request), std::move(none), expect_response, timeout);
}

asio::awaitable<Result<protocol::Bytes>> FramedConnection::round_trip_gather(protocol::Bytes request,
                                                                             std::vector<RequestSlice> slices,
                                                                             bool expect_response,
                                                                             std::chrono::milliseconds timeout) {
    auto keep_alive = self();
    const std::string broker = address_.to_string();
    std::size_t frame_size = request.size();
    std::size_t last_at = 0;
    bool slices_ok = true;
    for (const RequestSlice& s : slices) {
        if (!s.bytes || s.at < last_at || s.at > request.size()) slices_ok = false;
        if (s.bytes) frame_size += s.bytes->size();
        last_at = s.at;
    }
    if (!slices_ok || request.size() < protocol::kCorrelationIdOffset + 4 ||
        frame_size > std::numeric_limits<std::int32_t>::max()) {
        co_return Error(client_errc::invalid_argument,
                        "broker " + broker + ": cannot frame a request of " +
                            std::to_string(frame_size) + " bytes" + (slices_ok ? "" : " (bad slices)"));
    }
    auto waiter = std::make_shared<Waiter>(executor_);
    waiter->api_key = load_be16(request.data());
    waiter->api_version = load_be16(request.data() + 2);
    if (!open_) {
        co_return Error(client_errc::connection_closed,
                        "cannot send " + describe(*waiter) + ": " + closed_because_);
    }
    waiter->correlation_id = next_correlation_id();
    waiter->expect_response = expect_response;
    store_be32(request.data() + protocol::kCorrelationIdOffset,
               static_cast<std::uint32_t>(waiter->correlation_id));
    store_be32(waiter->size_prefix.data(), static_cast<std::uint32_t>(frame_size));
    waiter->request = std::move(request);
    waiter->slices = std::move(slices);
    waiter->timer.expires_after(timeout);

    in_flight_.emplace(waiter->correlation_id, waiter);
    write_queue_.push_back(waiter);
    if (!writing_) {
        writing_ = true;
        asio::co_spawn(executor_, write_loop(self(), transport_), asio::detached);
    }

    if (!waiter->result) co_await waiter->timer.async_wait(use_tuple);
    if (waiter->result) co_return std::move(*waiter->result);

    // Deadline passed. The connection stays up; a late answer finds no
    // waiter under its correlation id and is dropped.
    waiter->abandoned = true;
    auto it = in_flight_.find(waiter->correlation_id);
    if (it != in_flight_.end() && it->second == waiter) in_flight_.erase(it);
    co_return Error(client_errc::request_timeout, "broker " + broker + ": " + describe(*waiter) +
                                                      " request timed out after " +
                                                      std::to_string(timeout.count()) + " ms");
}

std::int32_t FramedConnection::next_correlation_id() {
    // Positive ids, wrapping; skip any still in flight after a wrap.
    for (;;) {
        const std::int32_t id = next_id_;
        next_id_ = next_id_ == std::numeric_limits<std::int32_t>::max() ? 1 : next_id_ + 1;
        if (!in_flight_.contains(id)) return id;
    }
}

void FramedConnection::complete(Waiter& waiter, Result<protocol::Bytes> result) {
    if (waiter.result) return;
    waiter.result.emplace(std::move(result));
    waiter.timer.cancel();
}

void FramedConnection::close() {
    if (!open_) return;
    fail_all(client_errc::cancelled,
             "connection to broker " + address_.to_string() + " was closed by the client", false);
}

asio::awaitable<void> FramedConnection::write_loop(std::weak_ptr<FramedConnection> weak,
                                                   std::shared_ptr<Transport> transport) {
    for (;;) {
        std::shared_ptr<Waiter> waiter;
        if (auto self = weak.lock(); self && self->open_) {
            waiter = self->next_to_write();
        }
        if (!waiter) co_return;
        // Single writer: frames go out whole and in queue order, never interleaved.
        std::error_code ec;
        if (waiter->slices.empty()) {
            const std::array<asio::const_buffer, 2> buffers{asio::buffer(waiter->size_prefix),
                                                            asio::buffer(waiter->request)};
            ec = co_await transport->write_all(buffers);
        } else {
            // The request's own bytes with each slice spliced in at its place.
            std::vector<asio::const_buffer> buffers;
            buffers.reserve(2 + 2 * waiter->slices.size());
            buffers.push_back(asio::buffer(waiter->size_prefix));
            std::size_t from = 0;
            for (const RequestSlice& s : waiter->slices) {
                if (s.at > from) buffers.push_back(asio::buffer(waiter->request.data() + from, s.at - from));
                buffers.push_back(asio::buffer(*s.bytes));
                from = s.at;
            }
            if (waiter->request.size() > from)
                buffers.push_back(asio::buffer(waiter->request.data() + from, waiter->request.size() - from));
            ec = co_await transport->write_all(buffers);
        }
        auto self = weak.lock();
        if (!self || !self->open_) co_return;
        if (ec) {
            self->on_transport_error(ec);
            co_return;
        }
        self->on_written(*waiter);
    }
}

std::shared_ptr<FramedConnection::Waiter> FramedConnection::next_to_write() {
    while (!write_queue_.empty()) {
        auto waiter = std::move(write_queue_.front());
        write_queue_.pop_front();
        if (waiter->abandoned || waiter->result) continue;
        last_sent_id_ = waiter->correlation_id;
        heard_since_send_ = false;
        return waiter;
    }
    writing_ = false;
    return nullptr;
}

void FramedConnection::on_written(Waiter& waiter) {
    protocol::Bytes().swap(waiter.request);  // a large Produce need not wait for its answer in memory
    std::vector<RequestSlice>().swap(waiter.slices);
    if (waiter.expect_response) return;
    in_flight_.erase(waiter.correlation_id);
    complete(waiter, protocol::Bytes{});
}

asio::awaitable<void> FramedConnection::read_loop(std::weak_ptr<FramedConnection> weak,
                                                  std::shared_ptr<Transport> transport) {
    protocol::Bytes buffer(kReadChunk);
    std::size_t have = 0;
    for (;;) {
        auto [ec, n] = co_await transport->read_some(asio::buffer(buffer.data() + have, buffer.size() - have));
        auto self = weak.lock();
        if (!self || !self->open_) co_return;
        if (ec) {
            self->on_transport_error(ec);
            co_return;
        }
        self->heard_since_send_ = true;
        have += n;
        std::size_t need = kReadChunk;
        const auto used = self->take_frames(std::span(buffer.data(), have), need);
        if (!used) co_return;
        // Keep the partial frame at the front. need > have always holds, so
        // the next read has room.
        std::memmove(buffer.data(), buffer.data() + *used, have - *used);
        have -= *used;
        if (need > buffer.size() || (buffer.size() > kReadChunk && need <= kReadChunk)) {
            buffer.resize(std::max(need, kReadChunk));
            buffer.shrink_to_fit();
        }
    }
}

std::optional<std::size_t> FramedConnection::take_frames(std::span<const std::uint8_t> data,
                                                         std::size_t& need) {
    std::size_t pos = 0;
    while (data.size() - pos >= 4) {
        const std::uint32_t size = load_be32(data.data() + pos);
        // A TLS record (handshake 0x16 or alert 0x15, version 3.x) read as a
        // size prefix: the broker's listener expects TLS and we spoke plaintext.
        if ((data[pos] == 0x15 || data[pos] == 0x16) && data[pos + 1] == 0x03 &&
            size > options_.max_response_bytes) {
            fail_all(client_errc::tls_protocol_mismatch,
                     "broker " + address_.to_string() +
                         " answered with TLS: its listener expects TLS, so set security.protocol to SSL "
                         "(or SASL_SSL)",
                     false);
            return std::nullopt;
        }
        if (size < 4 || size > options_.max_response_bytes) {
            const std::string why = size < 4 ? ", too short for a correlation id"
                                             : " (limit " + std::to_string(options_.max_response_bytes) + ")";
            fail_all(client_errc::frame_too_large,
                     "broker " + address_.to_string() + " sent a frame of " + std::to_string(size) +
                         " bytes" + why,
                     false);
            return std::nullopt;
        }
        if (data.size() - pos - 4 < size) {
            need = std::max<std::size_t>(kReadChunk, std::size_t{4} + size);
            return pos;
        }
        const auto frame = data.subspan(pos + 4, size);
        pos += 4 + size;
        const auto id = static_cast<std::int32_t>(load_be32(frame.data()));
        auto it = in_flight_.find(id);
        // Unknown id: the answer to a request that timed out. Drop it.
        if (it == in_flight_.end() || !it->second->expect_response) continue;
        auto waiter = std::move(it->second);
        in_flight_.erase(it);
        const auto body = frame.subspan(4);
        complete(*waiter, protocol::Bytes(body.begin(), body.end()));
    }
    return pos;
}

void FramedConnection::on_transport_error(std::error_code ec) {
    std::string what = "broker " + address_.to_string() + " closed the connection";
    if (ec != asio::error::eof) what += " (" + ec.message() + ")";
    fail_all(client_errc::connection_closed, what, true);
}

void FramedConnection::fail_all(client_errc code, const std::string& what_happened,
                                bool hint_unsupported) {
    open_ = false;
    closed_because_ = what_happened;
    transport_->close();
    write_queue_.clear();
    auto failed = std::move(in_flight_);
    in_flight_.clear();
    for (auto& [id, waiter] : failed) {
        std::string message = what_happened + " while " + describe(*waiter) + " was in flight";
        // The librdkafka mock (and old brokers) answer an API or version they
        // lack by hanging up, so a close right after a request hints at that.
        if (hint_unsupported && id == last_sent_id_ && !heard_since_send_) {
            message += "; it closed right after that request, so the broker may not support " +
                       describe(*waiter);
            // A SASL listener also hangs up on anything but ApiVersions and
            // SaslHandshake before authentication.
            if (security_.sasl_mechanism.empty() && api_versions_version_ >= 0) {
                message += ", or its listener requires SASL authentication first (security.protocol "
                           "SASL_PLAINTEXT or SASL_SSL)";
            }
        }
        complete(*waiter, Error(code, std::move(message)));
    }
}

}  // namespace kafkascope::net
