#include "test_broker.h"

#include "asio_test_support.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "net/tcp_transport.h"
#include "net/tls_transport.h"
#include "protocol/frame.h"
#include "protocol/messages/api_versions.h"
#include "protocol/messages/metadata.h"
#include "protocol/messages/sasl_authenticate.h"
#include "protocol/messages/sasl_handshake.h"
#include "protocol/supported_apis.h"
#include "protocol/wire_writer.h"

namespace kafkascope::net::test {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::int16_t kSaslAuthenticationFailed = 58;
constexpr std::int16_t kUnsupportedSaslMechanism = 33;

bool flexible_header(std::int16_t key, std::int16_t version) {
    const protocol::ApiSpec* api = protocol::find_supported_api(key);
    return api != nullptr && api->flexible.contains(version);
}

// --- SCRAM server side, written from RFC 5802 section 3 with OpenSSL
// directly (not the engine's client code, so the two check each other).

const EVP_MD* md_for(const std::string& mechanism) {
    return mechanism == "SCRAM-SHA-512" ? EVP_sha512() : EVP_sha256();
}

std::string b64(const unsigned char* data, std::size_t n) {
    std::string out(4 * ((n + 2) / 3), '\0');
    out.resize(static_cast<std::size_t>(
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n))));
    return out;
}

std::string unb64(const std::string& text) {
    std::string out(text.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return {};
    std::size_t pad = 0;
    for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++pad;
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

std::string hmac(const EVP_MD* md, const std::string& key, const std::string& data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), out, &n);
    return std::string(reinterpret_cast<char*>(out), n);
}

std::string digest(const EVP_MD* md, const std::string& data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(data.data(), data.size(), out, &n, md, nullptr);
    return std::string(reinterpret_cast<char*>(out), n);
}

std::string attribute(const std::string& message, char name) {
    const std::string key = std::string(1, name) + "=";
    std::size_t pos = 0;
    while (pos < message.size()) {
        const auto comma = message.find(',', pos);
        const auto part = message.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        if (part.compare(0, 2, key) == 0) return part.substr(2);
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return {};
}

struct ScramServer {
    const EVP_MD* md = nullptr;
    std::string user, password;
    std::string salt = "kafkascope-test-salt";
    int iterations = 4096;
    std::string client_first_bare, server_first;
    bool wrong_signature = false;

    // Returns the answer and whether authentication failed.
    std::pair<std::string, bool> step(int round, const std::string& message) {
        if (round == 0) {
            if (message.compare(0, 3, "n,,") != 0) return {"", true};
            client_first_bare = message.substr(3);
            if (attribute(client_first_bare, 'n') != user) return {"", true};
            const std::string nonce = attribute(client_first_bare, 'r') + "server-nonce-part";
            const std::string salt_b64 =
                b64(reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
            server_first = "r=" + nonce + ",s=" + salt_b64 + ",i=" + std::to_string(iterations);
            return {server_first, false};
        }
        const auto proof_at = message.rfind(",p=");
        if (proof_at == std::string::npos) return {"", true};
        const std::string without_proof = message.substr(0, proof_at);
        const std::string proof = unb64(message.substr(proof_at + 3));
        const std::string auth_message = client_first_bare + "," + server_first + "," + without_proof;
        std::string salted(static_cast<std::size_t>(EVP_MD_get_size(md)), '\0');
        PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                          iterations, md, static_cast<int>(salted.size()),
                          reinterpret_cast<unsigned char*>(salted.data()));
        const std::string stored_key = digest(md, hmac(md, salted, "Client Key"));
        const std::string client_signature = hmac(md, stored_key, auth_message);
        if (proof.size() != client_signature.size()) return {"", true};
        std::string client_key(proof.size(), '\0');
        for (std::size_t i = 0; i < proof.size(); ++i) client_key[i] = static_cast<char>(proof[i] ^ client_signature[i]);
        if (digest(md, client_key) != stored_key) return {"", true};
        std::string server_signature = hmac(md, hmac(md, salted, "Server Key"), auth_message);
        if (wrong_signature) server_signature[0] = static_cast<char>(server_signature[0] ^ 0x55);
        return {"v=" + b64(reinterpret_cast<const unsigned char*>(server_signature.data()), server_signature.size()),
                false};
    }
};

}  // namespace

struct TestBroker::State {
    explicit State(asio::io_context& io) : acceptor(kafkascope::test::loopback_acceptor(io)) {}
    asio::ip::tcp::acceptor acceptor;
    TestBrokerConfig config;
    std::vector<std::shared_ptr<Transport>> transports;
    std::vector<std::string> errors;
    int connections = 0;
    int authenticated = 0;
};

namespace {

struct Session {
    std::shared_ptr<TestBroker::State> state;
    std::shared_ptr<Transport> transport;
    protocol::Bytes buffer;
    bool authenticated = false;
    std::string mechanism;
    ScramServer scram;
    int scram_round = 0;

    asio::awaitable<std::optional<protocol::Bytes>> read_frame() {
        for (;;) {
            if (buffer.size() >= 4) {
                const std::uint32_t size = (std::uint32_t{buffer[0]} << 24) | (std::uint32_t{buffer[1]} << 16) |
                                           (std::uint32_t{buffer[2]} << 8) | buffer[3];
                if (size > (16u << 20)) co_return std::nullopt;  // not Kafka (a TLS hello, say): hang up
                if (buffer.size() >= 4 + size) {
                    protocol::Bytes frame(buffer.begin() + 4, buffer.begin() + 4 + size);
                    buffer.erase(buffer.begin(), buffer.begin() + 4 + size);
                    co_return frame;
                }
            }
            std::uint8_t chunk[4096];
            auto [ec, n] = co_await transport->read_some(asio::buffer(chunk));
            if (ec) co_return std::nullopt;
            buffer.insert(buffer.end(), chunk, chunk + n);
        }
    }

    asio::awaitable<void> respond(const protocol::RequestHeader& header, const protocol::ApiSpec& api,
                                  const protocol::Bytes& body) {
        protocol::WireWriter out;
        const bool flexible = protocol::flexible_response_header(api, header.api_version);
        out.i32(static_cast<std::int32_t>(body.size() + 4 + (flexible ? 1 : 0)));
        out.i32(header.correlation_id);
        if (flexible) out.uvarint(0);
        out.raw(body);
        const auto bytes = out.take();
        const std::array<asio::const_buffer, 1> buffers{asio::buffer(bytes)};
        co_await transport->write_all(buffers);
    }

    protocol::Bytes api_versions(std::int16_t version) {
        protocol::ApiVersionsResponse response;
        response.api_keys = {{18, 0, 4, {}}, {3, 0, 12, {}}};
        if (!state->config.sasl_mechanisms.empty()) {
            response.api_keys.push_back({17, 0, 1, {}});
            response.api_keys.push_back({36, 0, 2, {}});
        }
        return protocol::encode_body(response, version);
    }

    protocol::Bytes metadata(std::int16_t version) {
        protocol::MetadataResponse response;
        BrokerAddress advertised = state->config.advertise.value_or(
            BrokerAddress{"127.0.0.1", state->acceptor.local_endpoint().port()});
        response.brokers.push_back({state->config.node_id, advertised.host, advertised.port, std::nullopt, {}});
        response.cluster_id = "security-test";
        response.controller_id = state->config.node_id;
        return protocol::encode_body(response, version);
    }

    protocol::Bytes handshake(std::int16_t version, const protocol::Bytes& body) {
        auto request = protocol::decode_body<protocol::SaslHandshakeRequest>(body, version, "request");
        protocol::SaslHandshakeResponse response;
        response.mechanisms = state->config.sasl_mechanisms;
        mechanism = request ? request->mechanism : "";
        const auto& enabled = state->config.sasl_mechanisms;
        if (std::find(enabled.begin(), enabled.end(), mechanism) == enabled.end()) {
            response.error_code = kUnsupportedSaslMechanism;
            mechanism.clear();
        }
        if (mechanism.rfind("SCRAM-", 0) == 0) {
            scram = ScramServer{};
            scram.md = md_for(mechanism);
            scram.user = state->config.user;
            scram.password = state->config.password;
            scram.wrong_signature = state->config.wrong_server_signature;
            scram_round = 0;
        }
        return protocol::encode_body(response, version);
    }

    protocol::Bytes authenticate(std::int16_t version, const protocol::Bytes& body) {
        auto request = protocol::decode_body<protocol::SaslAuthenticateRequest>(body, version, "request");
        protocol::SaslAuthenticateResponse response;
        auto fail = [&] {
            response.error_code = kSaslAuthenticationFailed;
            response.error_message = "Authentication failed: Invalid username or password";
            return protocol::encode_body(response, version);
        };
        if (!request || mechanism.empty()) return fail();
        const std::string token(request->auth_bytes.begin(), request->auth_bytes.end());
        if (mechanism == "PLAIN") {
            const std::string expected = std::string(1, '\0') + state->config.user + '\0' + state->config.password;
            if (token != expected) return fail();
            authenticated = true;
            ++state->authenticated;
            return protocol::encode_body(response, version);
        }
        if (mechanism == "OAUTHBEARER") {
            // RFC 7628 client response, as Kafka's OAuthBearerSaslServer reads it.
            if (token != "n,,\x01" "auth=Bearer " + state->config.oauth_token + "\x01\x01") return fail();
            authenticated = true;
            ++state->authenticated;
            return protocol::encode_body(response, version);
        }
        auto [answer, failed] = scram.step(scram_round++, token);
        if (failed) return fail();
        if (scram_round == 2) {
            authenticated = true;
            ++state->authenticated;
        }
        response.auth_bytes.assign(answer.begin(), answer.end());
        return protocol::encode_body(response, version);
    }

    asio::awaitable<void> run() {
        const bool needs_sasl = !state->config.sasl_mechanisms.empty();
        for (;;) {
            auto frame = co_await read_frame();
            if (!frame) break;
            auto header = protocol::decode_request_header(*frame, &flexible_header);
            if (!header) break;
            const protocol::ApiSpec* api = protocol::find_supported_api(header->api_key);
            if (!api) break;
            const protocol::Bytes body(frame->begin() + static_cast<std::ptrdiff_t>(header->body_offset), frame->end());
            const std::int16_t v = header->api_version;
            protocol::Bytes answer;
            if (header->api_key == 18) {
                answer = api_versions(v);
            } else if (header->api_key == 17 && needs_sasl) {
                answer = handshake(v, body);
            } else if (header->api_key == 36 && needs_sasl) {
                answer = authenticate(v, body);
            } else if (header->api_key == 3 && (!needs_sasl || authenticated)) {
                answer = metadata(v);
            } else {
                break;  // what a SASL listener does before authentication
            }
            co_await respond(*header, *api, answer);
        }
        transport->close();
    }
};

asio::awaitable<void> serve(std::shared_ptr<TestBroker::State> state, asio::ip::tcp::socket socket) {
    using namespace asio::experimental::awaitable_operators;
    auto session = std::make_shared<Session>();
    session->state = state;
    if (state->config.tls) {
        TlsTransport::Stream stream(std::move(socket), *state->config.tls);
        asio::steady_timer deadline(stream.get_executor(), std::chrono::seconds(5));
        auto shaken = co_await (stream.async_handshake(asio::ssl::stream_base::server, use_tuple) ||
                                deadline.async_wait(use_tuple));
        if (shaken.index() == 1 || std::get<0>(std::get<0>(shaken))) {
            state->errors.push_back(shaken.index() == 1 ? "handshake timed out"
                                                        : std::get<0>(std::get<0>(shaken)).message());
            std::error_code ignored;
            stream.lowest_layer().close(ignored);
            co_return;
        }
        session->transport = std::make_shared<TlsTransport>(state->config.tls, std::move(stream));
    } else {
        session->transport = std::make_shared<TcpTransport>(std::move(socket));
    }
    state->transports.push_back(session->transport);
    co_await session->run();
}

}  // namespace

TestBroker::TestBroker(asio::io_context& io, TestBrokerConfig config) : state_(std::make_shared<State>(io)) {
    state_->config = std::move(config);
    auto accept_loop = [](std::shared_ptr<State> state) -> asio::awaitable<void> {
        for (;;) {
            auto [ec, socket] = co_await state->acceptor.async_accept(use_tuple);
            if (ec) co_return;
            ++state->connections;
            asio::co_spawn(state->acceptor.get_executor(), serve(state, std::move(socket)), asio::detached);
        }
    };
    asio::co_spawn(io, accept_loop(state_), asio::detached);
}

TestBroker::~TestBroker() {
    std::error_code ignored;
    state_->acceptor.close(ignored);
    for (auto& transport : state_->transports) transport->close();
}

BrokerAddress TestBroker::address() const {
    return BrokerAddress{"127.0.0.1", state_->acceptor.local_endpoint().port()};
}
int TestBroker::connections() const { return state_->connections; }
int TestBroker::authenticated() const { return state_->authenticated; }
const std::vector<std::string>& TestBroker::server_errors() const { return state_->errors; }

std::shared_ptr<asio::ssl::context> make_server_tls(const std::string& cert, const std::string& key,
                                                    const std::string& client_ca) {
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    context->use_certificate_chain_file(cert);
    context->use_private_key_file(key, asio::ssl::context::pem);
    if (!client_ca.empty()) {
        context->load_verify_file(client_ca);
        context->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
    }
    return context;
}

std::string cert_dir() {
    const char* dir = std::getenv("KAFKASCOPE_TEST_CERTS");
    return dir ? dir : "certs";
}

}  // namespace kafkascope::net::test
