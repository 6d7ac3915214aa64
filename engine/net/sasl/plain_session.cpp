// PLAIN and OAUTHBEARER: one client message each; the broker's verdict
// arrives as the SaslAuthenticate error code, so the answer body is ignored.
#include "net/sasl/sasl_session.h"

#include <string>

namespace kafkascope::net::sasl {
namespace {

class SingleMessageSession final : public SaslSession {
public:
    explicit SingleMessageSession(SecretString message) : message_(std::move(message)) {}

    Result<protocol::Bytes> next(std::span<const std::uint8_t>) override {
        if (sent_) {
            complete_ = true;
            return protocol::Bytes{};
        }
        sent_ = true;
        const auto text = message_.reveal();
        return protocol::Bytes(text.begin(), text.end());
    }
    bool complete() const override { return complete_; }

private:
    SecretString message_;
    bool sent_ = false;
    bool complete_ = false;
};

}  // namespace

std::unique_ptr<SaslSession> make_plain_session(std::string username, SecretString password) {
    std::string message;
    message.reserve(username.size() + password.reveal().size() + 2);
    message += '\0';  // no authorization identity: act as the user itself
    message += username;
    message += '\0';
    message += password.reveal();
    return std::make_unique<SingleMessageSession>(SecretString(std::move(message)));
}

std::unique_ptr<SaslSession> make_oauthbearer_session(SecretString token) {
    std::string message = "n,,\x01" "auth=Bearer ";
    message += token.reveal();
    message += "\x01\x01";
    return std::make_unique<SingleMessageSession>(SecretString(std::move(message)));
}

}  // namespace kafkascope::net::sasl
