#include "net/sasl/scram_session.h"

#include <charconv>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace kafkascope::net::sasl {
namespace {

std::string random_nonce() {
    std::uint8_t raw[24];
    if (RAND_bytes(raw, sizeof raw) != 1) return {};
    return base64_encode(raw);  // base64 never contains ','
}

Error bad_server(const std::string& why) {
    return Error(client_errc::authentication_failed, "SCRAM: " + why);
}

// "a=1,b=2" -> attribute values by letter; nullopt on a malformed part.
std::optional<std::vector<std::pair<char, std::string>>> split_attributes(std::string_view text) {
    std::vector<std::pair<char, std::string>> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto comma = text.find(',', pos);
        const auto part = text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        if (part.size() < 2 || part[1] != '=') return std::nullopt;
        out.emplace_back(part[0], std::string(part.substr(2)));
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return out;
}

const std::string* find_attribute(const std::vector<std::pair<char, std::string>>& attrs, char name) {
    for (const auto& [key, value] : attrs) {
        if (key == name) return &value;
    }
    return nullptr;
}

class ScramSession final : public SaslSession {
public:
    ScramSession(ScramHash hash, std::string username, SecretString password, std::string nonce)
        : hash_(hash), username_(std::move(username)), password_(std::move(password)), client_nonce_(std::move(nonce)) {}

    Result<protocol::Bytes> next(std::span<const std::uint8_t> server_token) override {
        const std::string_view server(reinterpret_cast<const char*>(server_token.data()), server_token.size());
        switch (state_) {
            case State::start: return client_first();
            case State::sent_first: return client_final(server);
            case State::sent_final: return check_server_final(server);
            case State::done: return bad_server("the exchange is already complete");
        }
        return bad_server("unexpected state");
    }
    bool complete() const override { return state_ == State::done; }

private:
    enum class State { start, sent_first, sent_final, done };

    Result<protocol::Bytes> client_first() {
        if (client_nonce_.empty()) client_nonce_ = random_nonce();
        if (client_nonce_.empty()) return Error(client_errc::authentication_failed, "SCRAM: no random bytes for a nonce");
        client_first_bare_ = "n=" + scram_escape_username(username_) + ",r=" + client_nonce_;
        state_ = State::sent_first;
        const std::string message = "n,," + client_first_bare_;
        return protocol::Bytes(message.begin(), message.end());
    }

    Result<protocol::Bytes> client_final(std::string_view server_first) {
        auto attrs = split_attributes(server_first);
        if (!attrs) return bad_server("the broker's first message is malformed");
        if (const auto* e = find_attribute(*attrs, 'e')) return bad_server("the broker refused: " + *e);
        if (find_attribute(*attrs, 'm')) return bad_server("the broker requires an extension we do not know");
        const auto* nonce = find_attribute(*attrs, 'r');
        const auto* salt_text = find_attribute(*attrs, 's');
        const auto* iterations_text = find_attribute(*attrs, 'i');
        if (!nonce || !salt_text || !iterations_text) {
            return bad_server("the broker's first message lacks the nonce, salt or iteration count");
        }
        // The server's nonce must extend ours, or it is replaying someone else's exchange.
        if (nonce->size() <= client_nonce_.size() || nonce->compare(0, client_nonce_.size(), client_nonce_) != 0) {
            return bad_server("the broker's nonce does not start with ours");
        }
        auto salt = base64_decode(*salt_text);
        if (!salt || salt->empty()) return bad_server("the broker's salt is not valid base64");
        std::uint32_t iterations = 0;
        const auto [end, ec] =
            std::from_chars(iterations_text->data(), iterations_text->data() + iterations_text->size(), iterations);
        if (ec != std::errc{} || end != iterations_text->data() + iterations_text->size()) {
            return bad_server("the broker's iteration count '" + *iterations_text + "' is not a number");
        }
        if (iterations < kScramMinIterations) {
            return bad_server("the broker asks for " + std::to_string(iterations) + " iterations, fewer than " +
                              std::to_string(kScramMinIterations) + " (refused: it would weaken the password proof)");
        }

        const std::string without_proof = "c=biws,r=" + *nonce;  // biws = base64("n,,")
        const std::string auth_message =
            client_first_bare_ + "," + std::string(server_first) + "," + without_proof;
        const auto salted = scram_hi(hash_, password_.reveal(), *salt, iterations);
        const auto client_key = scram_hmac(hash_, salted, as_bytes("Client Key"));
        const auto stored_key = scram_hash(hash_, client_key);
        const auto client_signature = scram_hmac(hash_, stored_key, as_bytes(auth_message));
        protocol::Bytes proof(client_key.size());
        for (std::size_t i = 0; i < proof.size(); ++i) proof[i] = client_key[i] ^ client_signature[i];
        const auto server_key = scram_hmac(hash_, salted, as_bytes("Server Key"));
        expected_server_signature_ = scram_hmac(hash_, server_key, as_bytes(auth_message));

        state_ = State::sent_final;
        const std::string message = without_proof + ",p=" + base64_encode(proof);
        return protocol::Bytes(message.begin(), message.end());
    }

    Result<protocol::Bytes> check_server_final(std::string_view server_final) {
        auto attrs = split_attributes(server_final);
        if (!attrs) return bad_server("the broker's final message is malformed");
        if (const auto* e = find_attribute(*attrs, 'e')) return bad_server("the broker refused: " + *e);
        const auto* verifier = find_attribute(*attrs, 'v');
        if (!verifier) return bad_server("the broker's final message has no server signature");
        auto signature = base64_decode(*verifier);
        if (!signature || signature->size() != expected_server_signature_.size() ||
            CRYPTO_memcmp(signature->data(), expected_server_signature_.data(), signature->size()) != 0) {
            return bad_server("the broker's server signature is wrong: it does not know the password, so it "
                              "may not be the broker it claims to be");
        }
        state_ = State::done;
        return protocol::Bytes{};
    }

    ScramHash hash_;
    std::string username_;
    SecretString password_;
    std::string client_nonce_;
    std::string client_first_bare_;
    protocol::Bytes expected_server_signature_;
    State state_ = State::start;
};

}  // namespace

std::string scram_escape_username(std::string_view username) {
    std::string out;
    for (char c : username) {
        if (c == '=') {
            out += "=3D";
        } else if (c == ',') {
            out += "=2C";
        } else {
            out += c;
        }
    }
    return out;
}

std::unique_ptr<SaslSession> make_scram_session(ScramHash hash, std::string username, SecretString password,
                                                std::string client_nonce) {
    return std::make_unique<ScramSession>(hash, std::move(username), std::move(password), std::move(client_nonce));
}

}  // namespace kafkascope::net::sasl
