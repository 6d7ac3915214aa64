#pragma once
// Where OAUTHBEARER tokens come from: the static token in the settings, or
// the stdout of a user command, kept until 80% of its lifetime has passed
// (the JWT "exp" claim, or oauth_default_lifetime for opaque tokens) and then
// fetched again, so new connections never present an expired token.
//
// The command runs synchronously on the calling (engine) thread, once per
// token lifetime; a slow command delays connection setup by that long.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <mutex>
#include <optional>

#include "core/result.h"
#include "net/security_config.h"

namespace kafkascope::net {

class OAuthTokenCache {
public:
    using Clock = std::chrono::system_clock;

    // The token to present now; runs the command when the cached one is due
    // for refresh. Errors never contain the token or the command's output.
    Result<SecretString> token(const SaslSettings& settings, Clock::time_point now = Clock::now());

    // When the cached token will be fetched again (nullopt: none cached).
    std::optional<Clock::time_point> refresh_at() const;

private:
    mutable std::mutex mutex_;  // one engine per cache in practice; cheap insurance
    SecretString token_;
    Clock::time_point refresh_at_{};
};

// The "exp" claim (seconds since the epoch) of a JWT, or nullopt when the
// token is not a JWT or has none.
std::optional<std::int64_t> jwt_expiry(std::string_view token);

// Runs `command` through /bin/sh and returns its stdout without surrounding
// white space; an error when it fails, exits non-zero or prints nothing.
Result<SecretString> run_token_command(const std::string& command);

}  // namespace kafkascope::net
