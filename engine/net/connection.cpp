// Connection::open: dial, then the ApiVersions handshake. The framing lives
// in framed_connection.cpp, the handshake's decisions in
// api_versions_negotiation.cpp.
#include "net/connection.h"

#include <variant>

#include "net/api_versions_negotiation.h"
#include "net/framed_connection.h"
#include "net/tcp_transport.h"

namespace kafkascope::net {

asio::awaitable<Result<std::shared_ptr<Connection>>> Connection::open(asio::any_io_executor executor,
                                                                      BrokerAddress address,
                                                                      ConnectionOptions options) {
    auto transport = co_await connect_tcp(executor, address, options.connect_timeout);
    if (!transport) co_return std::move(transport).error();
    auto connection = FramedConnection::start(executor, std::move(transport).value(), address, options);
    const std::string broker = address.to_string();

    std::int16_t version = protocol::kApiVersionsApi.versions.max;
    for (;;) {
        auto request = protocol::encode_request(make_api_versions_request(version), version,
                                                options.client_id);
        if (!request) {
            connection->close();
            co_return Error(request.error().code, "broker " + broker + ": " + request.error().message);
        }
        auto response = co_await connection->round_trip(std::move(request).value(), true,
                                                        options.request_timeout);
        if (!response) {
            connection->close();
            co_return std::move(response).error();
        }
        auto verdict = judge_api_versions_response(*response, version, broker);
        if (auto* retry = std::get_if<RetryApiVersionsAt>(&verdict)) {
            version = retry->version;  // strictly lower each time, so this ends
            continue;
        }
        if (auto* error = std::get_if<Error>(&verdict)) {
            connection->close();
            co_return std::move(*error);
        }
        connection->versions_ = std::get<ApiVersionTable>(std::move(verdict));
        connection->api_versions_version_ = version;
        co_return std::shared_ptr<Connection>(std::move(connection));
    }
}

}  // namespace kafkascope::net
