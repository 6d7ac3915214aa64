#include "tcp_forwarder.h"

#include "asio_include.h"

#include <array>
#include <cstdio>
#include <thread>

namespace kafkascope::sandbox {
namespace {

using asio::ip::tcp;

// One client connection and its upstream twin. Handlers hold a shared_ptr,
// so the session lives exactly as long as some transfer is pending.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket client, std::vector<tcp::endpoint> upstreams)
        : client_(std::move(client)),
          upstream_(client_.get_executor()),
          upstreams_(std::move(upstreams)) {}

    void start() {
        asio::async_connect(
            upstream_, upstreams_,
            [self = shared_from_this()](const asio::error_code& ec, const tcp::endpoint&) {
                if (ec) return self->close();
                self->pump(self->client_, self->upstream_, self->to_upstream_);
                self->pump(self->upstream_, self->client_, self->to_client_);
            });
    }

private:
    using Buffer = std::array<char, 64 * 1024>;

    void pump(tcp::socket& from, tcp::socket& to, Buffer& buffer) {
        from.async_read_some(asio::buffer(buffer), [self = shared_from_this(), &from, &to, &buffer](
                                                       const asio::error_code& ec, std::size_t n) {
            // Kafka connections are not half-closed usefully, so the first EOF or
            // error on either side ends both.
            if (ec) return self->close();
            asio::async_write(
                to, asio::buffer(buffer.data(), n),
                [self, &from, &to, &buffer](const asio::error_code& wec, std::size_t) {
                    if (wec) return self->close();
                    self->pump(from, to, buffer);
                });
        });
    }

    void close() {
        asio::error_code ignored;
        client_.close(ignored);
        upstream_.close(ignored);
    }

    tcp::socket client_;
    tcp::socket upstream_;
    std::vector<tcp::endpoint> upstreams_;
    Buffer to_upstream_{};
    Buffer to_client_{};
};

}  // namespace

struct TcpForwarder::Impl {
    // Declared first so it is destroyed last: sockets must not outlive it.
    asio::io_context io;
    tcp::acceptor acceptor{io};
    asio::steady_timer retry_timer{io};
    std::vector<tcp::endpoint> upstreams;
    std::thread thread;

    void accept() {
        acceptor.async_accept([this](const asio::error_code& ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted) return;
            if (ec) {
                // Typically EMFILE; pause instead of spinning on a failing accept.
                std::fprintf(stderr, "kafkascope-sandbox: forwarder accept failed: %s\n",
                             ec.message().c_str());
                retry_timer.expires_after(std::chrono::milliseconds(100));
                retry_timer.async_wait([this](const asio::error_code& tec) {
                    if (!tec) accept();
                });
                return;
            }
            std::make_shared<Session>(std::move(socket), upstreams)->start();
            accept();
        });
    }
};

std::unique_ptr<TcpForwarder> TcpForwarder::start(std::uint16_t port,
                                                  const std::vector<Endpoint>& upstreams,
                                                  std::string& error) {
    auto impl = std::make_unique<Impl>();
    for (const auto& upstream : upstreams) {
        asio::error_code ec;
        const auto address = asio::ip::make_address(upstream.host, ec);
        if (ec) {
            error = "bad upstream address '" + upstream.host + "'";
            return nullptr;
        }
        impl->upstreams.emplace_back(address, upstream.port);
    }

    const tcp::endpoint local(asio::ip::address_v4::loopback(), port);
    asio::error_code ec;
    impl->acceptor.open(local.protocol(), ec);
    // SO_REUSEADDR only lets us reuse a port left in TIME_WAIT by a previous
    // run; a port with a live listener still fails to bind below.
    if (!ec) impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) impl->acceptor.bind(local, ec);
    if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        error = "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + ec.message() +
                (ec == asio::error::address_in_use ? " (port busy; choose another --port)" : "");
        return nullptr;
    }
    impl->accept();
    Impl* raw = impl.get();
    raw->thread = std::thread([raw] { raw->io.run(); });
    return std::unique_ptr<TcpForwarder>(new TcpForwarder(std::move(impl)));
}

TcpForwarder::TcpForwarder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TcpForwarder::~TcpForwarder() {
    impl_->io.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

Endpoint TcpForwarder::endpoint() const {
    asio::error_code ec;
    const auto local = impl_->acceptor.local_endpoint(ec);
    return Endpoint{"127.0.0.1", local.port()};
}

}  // namespace kafkascope::sandbox
