#pragma once
// One SASL exchange as a state machine that does no I/O (the Boost.Redis
// shape): the authenticator (sasl_authenticator.h) sends what next() returns
// inside SaslAuthenticate requests and feeds each answer back in, so every
// mechanism is tested from bytes alone.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "core/result.h"
#include "net/security_config.h"
#include "protocol/bytes.h"

namespace kafkascope::net::sasl {

class SaslSession {
public:
    virtual ~SaslSession() = default;

    // The next token to send. The first call gets an empty `server_token`;
    // later calls get the broker's last answer. After the final answer has
    // been checked it returns an empty token and complete() turns true.
    // An error means the broker's answer is malformed or proves it wrong
    // (a SCRAM server signature that does not match).
    virtual Result<protocol::Bytes> next(std::span<const std::uint8_t> server_token) = 0;
    virtual bool complete() const = 0;
};

// PLAIN (RFC 4616): one message "\0user\0password", nothing to check after.
std::unique_ptr<SaslSession> make_plain_session(std::string username, SecretString password);

// OAUTHBEARER (RFC 7628, as Kafka uses it): "n,,\x01auth=Bearer TOKEN\x01\x01".
std::unique_ptr<SaslSession> make_oauthbearer_session(SecretString token);

}  // namespace kafkascope::net::sasl
