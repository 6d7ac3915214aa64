#pragma once
// Authenticates an open connection (ApiVersions already negotiated):
// SaslHandshake v1 naming the mechanism, then SaslAuthenticate rounds
// carrying the tokens of the mechanism's state machine. Runs inside
// Connection::open, before anything else is sent.
//
// Errors name the broker, the mechanism and the user, never a secret:
// sasl_mechanism_unsupported (with the mechanisms the broker offers),
// authentication_failed (with the broker's reason), or the connection's own
// errors.

#include <memory>

#include <asio/awaitable.hpp>

#include "core/result.h"
#include "net/security_config.h"

namespace kafkascope::net {
class Connection;
}

namespace kafkascope::net::sasl {

asio::awaitable<Status> authenticate(std::shared_ptr<Connection> connection, SaslSettings settings);

}  // namespace kafkascope::net::sasl
