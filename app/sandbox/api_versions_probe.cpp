#include "api_versions_probe.h"

#include "asio_include.h"

#include <array>
#include <string_view>
#include <vector>

namespace kafkascope::sandbox {
namespace {

constexpr std::int16_t kApiVersionsKey = 18;
constexpr std::int32_t kCorrelationId = 1;
constexpr std::uint32_t kMaxResponseSize = 1 << 20;

void put_be(std::vector<std::uint8_t>& out, std::uint32_t value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xff));
    }
}

std::uint32_t get_be(const std::uint8_t* in, int bytes) {
    std::uint32_t value = 0;
    for (int i = 0; i < bytes; ++i) value = (value << 8) | in[i];
    return value;
}

std::int16_t get_i16(const std::uint8_t* in) {
    return static_cast<std::int16_t>(get_be(in, 2));
}

std::vector<std::uint8_t> build_request() {
    static constexpr std::string_view kClientId = "kafkascope-sandbox";
    // api key, api version, correlation id, client id length, client id
    const auto body_size = static_cast<std::uint32_t>(2 + 2 + 4 + 2 + kClientId.size());
    // One vector filled front to back: GCC 12 reports a false -Wstringop-overread
    // for vector::insert of one vector into another here.
    std::vector<std::uint8_t> frame;
    frame.reserve(4 + body_size);
    put_be(frame, body_size, 4);
    put_be(frame, kApiVersionsKey, 2);
    put_be(frame, 0, 2);  // ApiVersion v0: answered by every broker, no tagged fields
    put_be(frame, kCorrelationId, 4);
    put_be(frame, static_cast<std::uint32_t>(kClientId.size()), 2);
    for (const char c : kClientId) frame.push_back(static_cast<std::uint8_t>(c));
    return frame;
}

std::optional<ApiVersionRanges> parse_response(const std::vector<std::uint8_t>& body,
                                               std::string& error) {
    // correlation id (4) + error code (2) + array length (4), then 6 bytes per API.
    if (body.size() < 10 || static_cast<std::int32_t>(get_be(body.data(), 4)) != kCorrelationId) {
        error = "malformed ApiVersions response";
        return std::nullopt;
    }
    if (const auto code = get_i16(body.data() + 4); code != 0) {
        error = "ApiVersions failed with error code " + std::to_string(code);
        return std::nullopt;
    }
    const std::uint32_t count = get_be(body.data() + 6, 4);
    if (body.size() < 10 + static_cast<std::size_t>(count) * 6) {
        error = "truncated ApiVersions response";
        return std::nullopt;
    }
    ApiVersionRanges ranges;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint8_t* entry = body.data() + 10 + static_cast<std::size_t>(i) * 6;
        ranges[get_i16(entry)] = ApiVersionRange{get_i16(entry + 2), get_i16(entry + 4)};
    }
    return ranges;
}

// One request/response exchange as a chain of async steps, so io_context's
// run_for can bound the whole exchange (blocking asio calls cannot time out).
class Exchange {
public:
    explicit Exchange(asio::io_context& io) : socket_(io), request_(build_request()) {}

    void start(const asio::ip::tcp::endpoint& endpoint) {
        socket_.async_connect(endpoint, [this](const asio::error_code& ec) {
            if (ec) return fail("connect", ec);
            asio::async_write(
                socket_, asio::buffer(request_),
                [this](const asio::error_code& wec, std::size_t) { on_written(wec); });
        });
    }

    [[nodiscard]] bool done() const { return done_; }
    [[nodiscard]] const std::vector<std::uint8_t>& body() const { return body_; }
    [[nodiscard]] const std::string& failure() const { return failure_; }

private:
    void on_written(const asio::error_code& ec) {
        if (ec) return fail("send", ec);
        asio::async_read(socket_, asio::buffer(size_),
                         [this](const asio::error_code& rec, std::size_t) {
                             if (rec) return fail("receive", rec);
                             const std::uint32_t size = get_be(size_.data(), 4);
                             if (size > kMaxResponseSize)
                                 return fail("receive", asio::error::message_size);
                             body_.resize(size);
                             asio::async_read(socket_, asio::buffer(body_),
                                              [this](const asio::error_code& bec, std::size_t) {
                                                  if (bec) return fail("receive", bec);
                                                  done_ = true;
                                              });
                         });
    }

    void fail(const char* step, const asio::error_code& ec) {
        failure_ = std::string(step) + ": " + ec.message();
    }

    asio::ip::tcp::socket socket_;
    std::vector<std::uint8_t> request_;
    std::array<std::uint8_t, 4> size_{};
    std::vector<std::uint8_t> body_;
    std::string failure_;
    bool done_ = false;
};

}  // namespace

std::optional<ApiVersionRanges> probe_api_versions(const Endpoint& broker,
                                                   std::chrono::milliseconds timeout,
                                                   std::string& error) {
    asio::error_code ec;
    const auto address = asio::ip::make_address(broker.host, ec);
    if (ec) {
        error = "bad broker address '" + broker.host + "'";
        return std::nullopt;
    }
    asio::io_context io;
    Exchange exchange(io);
    exchange.start(asio::ip::tcp::endpoint(address, broker.port));
    io.run_for(timeout);
    if (!exchange.done()) {
        error = "ApiVersions probe of " + broker.to_string() + " failed: " +
                (exchange.failure().empty() ? std::string("timed out") : exchange.failure());
        return std::nullopt;
    }
    return parse_response(exchange.body(), error);
}

}  // namespace kafkascope::sandbox
