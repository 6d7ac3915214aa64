#include "net/sasl/oauthbearer_token.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <sys/wait.h>

#include "net/sasl/scram_crypto.h"

namespace kafkascope::net {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// base64url without padding (JWT) -> bytes.
std::optional<protocol::Bytes> base64url_decode(std::string_view text) {
    std::string standard(text);
    for (char& c : standard) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
    }
    while (standard.size() % 4 != 0) standard += '=';
    return sasl::base64_decode(standard);
}

}  // namespace

std::optional<std::int64_t> jwt_expiry(std::string_view token) {
    const auto first_dot = token.find('.');
    if (first_dot == std::string_view::npos) return std::nullopt;
    const auto second_dot = token.find('.', first_dot + 1);
    if (second_dot == std::string_view::npos) return std::nullopt;
    auto payload = base64url_decode(token.substr(first_dot + 1, second_dot - first_dot - 1));
    if (!payload) return std::nullopt;
    const std::string json(payload->begin(), payload->end());
    // A full JSON parser for one numeric claim is not worth it: find "exp",
    // skip to the colon, read digits.
    auto at = json.find("\"exp\"");
    if (at == std::string::npos) return std::nullopt;
    at = json.find(':', at + 5);
    if (at == std::string::npos) return std::nullopt;
    ++at;
    while (at < json.size() && (json[at] == ' ' || json[at] == '\t')) ++at;
    std::int64_t value = 0;
    bool any = false;
    while (at < json.size() && json[at] >= '0' && json[at] <= '9') {
        value = value * 10 + (json[at++] - '0');
        any = true;
    }
    return any ? std::optional<std::int64_t>(value) : std::nullopt;
}

Result<SecretString> run_token_command(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        return Error(client_errc::authentication_failed, "cannot start the OAUTHBEARER token command "
                                                         "(sasl.oauthbearer.token.command)");
    }
    std::string output;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        output.append(buffer, n);
        if (output.size() > (1u << 20)) break;  // no token is a megabyte
    }
    const int status = ::pclose(pipe);
    SecretString secret(std::string(trim(output)));
    std::fill(output.begin(), output.end(), '\0');
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const int code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
        return Error(client_errc::authentication_failed,
                     "the OAUTHBEARER token command (sasl.oauthbearer.token.command) failed with exit status " +
                         std::to_string(code));
    }
    if (secret.empty()) {
        return Error(client_errc::authentication_failed,
                     "the OAUTHBEARER token command (sasl.oauthbearer.token.command) printed no token");
    }
    return secret;
}

Result<SecretString> OAuthTokenCache::token(const SaslSettings& settings, Clock::time_point now) {
    if (settings.oauth_token_command.empty()) {
        if (settings.oauth_token.empty()) {
            return Error(client_errc::invalid_argument, "OAUTHBEARER needs sasl.oauthbearer.token or "
                                                        "sasl.oauthbearer.token.command");
        }
        return settings.oauth_token;
    }
    std::lock_guard lock(mutex_);
    if (!token_.empty() && now < refresh_at_) return token_;
    auto fresh = run_token_command(settings.oauth_token_command);
    if (!fresh) return std::move(fresh).error();
    Clock::time_point expires = now + settings.oauth_default_lifetime;
    if (auto exp = jwt_expiry(fresh->reveal())) {
        expires = Clock::time_point(std::chrono::seconds(*exp));
        if (expires <= now) {
            return Error(client_errc::authentication_failed,
                         "the OAUTHBEARER token command printed a token that has already expired");
        }
    }
    token_ = *fresh;
    refresh_at_ = now + (expires - now) * 4 / 5;
    return std::move(fresh).value();
}

std::optional<OAuthTokenCache::Clock::time_point> OAuthTokenCache::refresh_at() const {
    std::lock_guard lock(mutex_);
    if (token_.empty()) return std::nullopt;
    return refresh_at_;
}

}  // namespace kafkascope::net
