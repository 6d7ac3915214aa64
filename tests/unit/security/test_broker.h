#pragma once
// A small in-process Kafka broker for the security tests: plaintext or TLS
// (optionally demanding a client certificate), optionally requiring SASL
// (PLAIN and SCRAM-SHA-256/512 from the RFC steps), answering ApiVersions,
// SaslHandshake, SaslAuthenticate and Metadata. Metadata advertises the
// broker's own address unless told to advertise another (for the
// advertised-listener diagnosis). Like Kafka, a SASL listener hangs up on
// any other request before authentication.
//
// Everything runs on the test's io_context thread.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/ssl/context.hpp>

#include "net/broker_address.h"

namespace kafkascope::net::test {

struct TestBrokerConfig {
    std::shared_ptr<asio::ssl::context> tls;  // null: plaintext listener
    std::vector<std::string> sasl_mechanisms;  // empty: no SASL
    std::string user = "admin";
    std::string password = "admin-secret";
    std::string oauth_token = "oauth-test-token";  // OAUTHBEARER: the bearer token accepted
    bool wrong_server_signature = false;  // SCRAM: send a bad "v=" to test the client's check
    std::optional<BrokerAddress> advertise;  // Metadata's broker address; default: our own
    std::int32_t node_id = 1;
};

class TestBroker {
public:
    TestBroker(asio::io_context& io, TestBrokerConfig config);
    ~TestBroker();
    TestBroker(const TestBroker&) = delete;
    TestBroker& operator=(const TestBroker&) = delete;

    BrokerAddress address() const;  // 127.0.0.1:<ephemeral>
    int connections() const;
    int authenticated() const;  // successful SASL exchanges
    // What went wrong on the server side (TLS handshake errors...), for
    // tests that want to see the broker's view.
    const std::vector<std::string>& server_errors() const;

    struct State;

private:
    std::shared_ptr<State> state_;
};

// A TLS server context from PEM files; with `client_ca` set it demands a
// client certificate signed by that CA.
std::shared_ptr<asio::ssl::context> make_server_tls(const std::string& cert, const std::string& key,
                                                    const std::string& client_ca = {});

// Directory holding make_test_certs.sh's output (set by CTest).
std::string cert_dir();

}  // namespace kafkascope::net::test
