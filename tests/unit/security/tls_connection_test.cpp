// TLS in Connection::open against the in-test TLS broker (test_broker.h),
// with certificates made by make_test_certs.sh at test time: a trusted CA,
// a CA we do not trust, a certificate for another host, an expired one,
// mutual TLS with and without a client certificate (PEM, encrypted PEM,
// PKCS#12), and plaintext and TLS crossed in both directions.
#include <vector>

#include "net/connection.h"
#include "protocol/messages/metadata.h"
#include "support.h"
#include "test_broker.h"

using namespace kafkascope;
using namespace kafkascope::net;
using namespace kafkascope::net::test;

namespace {

std::string cert(const std::string& name) { return cert_dir() + "/" + name; }

SecurityConfig tls_with_ca(const std::string& ca = cert("ca.pem")) {
    SecurityConfig s;
    s.protocol = SecurityProtocol::ssl;
    s.tls.ca_location = ca;
    return s;
}

TestBrokerConfig tls_broker(const std::string& name, bool require_client_cert = false) {
    TestBrokerConfig config;
    config.tls = make_server_tls(cert(name + ".pem"), cert(name + ".key"),
                                 require_client_cert ? cert("ca.pem") : std::string());
    return config;
}

// Opens and asks for metadata: the broker must answer over the secured link.
asio::awaitable<Result<std::shared_ptr<Connection>>> open_and_ask(asio::io_context& io, BrokerAddress address,
                                                                   SecurityConfig security) {
    auto opened = co_await Connection::open(io.get_executor(), address, quick_options(std::move(security)));
    if (!opened) co_return opened;
    protocol::MetadataRequest request;
    auto metadata = co_await (*opened)->send(request);
    if (!metadata) co_return std::move(metadata).error();
    if (metadata->brokers.size() != 1 || metadata->brokers[0].port != address.port) {
        co_return Error(client_errc::decode_failed, "metadata does not advertise the test broker");
    }
    co_return opened;
}

BrokerAddress as_localhost(BrokerAddress address) {
    address.host = "localhost";
    return address;
}

}  // namespace

TEST_CASE(tls_good_ca_by_ip_and_by_name) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("server"));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const std::vector<BrokerAddress> addresses{broker.address(), as_localhost(broker.address())};
        for (const BrokerAddress& address : addresses) {
            auto opened = co_await open_and_ask(io, address, tls_with_ca());
            ASSERT_EQ(error_text(opened), std::string());
            const ConnectionSecurity& info = (*opened)->security();
            EXPECT_TRUE(info.protocol == SecurityProtocol::ssl);
            EXPECT_TRUE(info.tls_version == "TLSv1.3" || info.tls_version == "TLSv1.2");
            EXPECT_FALSE(info.tls_cipher.empty());
            EXPECT_TRUE(info.hostname_verified);
            EXPECT_TRUE(info.warnings.empty());
        }
    });
}

TEST_CASE(tls_unknown_ca) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("server"));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), tls_with_ca(cert("other-ca.pem")));
        ASSERT_TRUE(failed_with(opened, client_errc::tls_untrusted_certificate));
        EXPECT_TRUE(contains(opened.error().message, broker.address().to_string()));
        EXPECT_TRUE(contains(opened.error().message, "ssl.ca.location"));
    });
}

TEST_CASE(tls_system_trust_store_does_not_trust_the_test_ca) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("server"));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), tls_with_ca(""));
        ASSERT_TRUE(failed_with(opened, client_errc::tls_untrusted_certificate));
    });
}

TEST_CASE(tls_hostname_mismatch_and_explicit_opt_out) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("wronghost"));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const std::vector<BrokerAddress> addresses{broker.address(), as_localhost(broker.address())};
        for (const BrokerAddress& address : addresses) {
            auto opened = co_await open_and_ask(io, address, tls_with_ca());
            ASSERT_TRUE(failed_with(opened, client_errc::tls_hostname_mismatch));
            EXPECT_TRUE(contains(opened.error().message, "'" + address.host + "'"));
            EXPECT_TRUE(contains(opened.error().message, "elsewhere.invalid"));
        }
        auto unchecked = tls_with_ca();
        unchecked.tls.verify_hostname = false;
        auto opened = co_await open_and_ask(io, broker.address(), unchecked);
        ASSERT_EQ(error_text(opened), std::string());
        const ConnectionSecurity& info = (*opened)->security();
        EXPECT_FALSE(info.hostname_verified);
        ASSERT_EQ(info.warnings.size(), 1u);
        EXPECT_TRUE(contains(info.warnings[0], "hostname verification is off"));
    });
}

TEST_CASE(tls_expired_certificate) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("expired"));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), tls_with_ca());
        ASSERT_TRUE(failed_with(opened, client_errc::tls_certificate_expired));
        EXPECT_TRUE(contains(opened.error().message, "expired"));
        EXPECT_TRUE(contains(opened.error().message, broker.address().to_string()));
    });
}

TEST_CASE(tls_mutual_with_pem_encrypted_pem_and_pkcs12_client_certificates) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("server", true));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto pem = tls_with_ca();
        pem.tls.certificate_location = cert("client.pem");
        pem.tls.key_location = cert("client.key");
        auto encrypted = pem;
        encrypted.tls.key_location = cert("client-encrypted.key");
        encrypted.tls.key_password = SecretString("pem-secret");
        auto p12 = tls_with_ca();
        p12.tls.certificate_location = cert("client.p12");
        p12.tls.key_password = SecretString("p12-secret");
        auto unnamed_p12 = p12;
        unnamed_p12.tls.certificate_location = cert("client-bundle.der");
        const std::vector<SecurityConfig> all{pem, encrypted, p12, unnamed_p12};
        for (const SecurityConfig& settings : all) {
            auto opened = co_await open_and_ask(io, broker.address(), settings);
            EXPECT_EQ(error_text(opened), std::string());
        }
    });
}

TEST_CASE(tls_mutual_without_a_client_certificate) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("server", true));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), tls_with_ca());
        ASSERT_TRUE(failed_with(opened, client_errc::tls_handshake_failed));
        EXPECT_TRUE(contains(opened.error().message, "client certificate"));
        EXPECT_TRUE(contains(opened.error().message, broker.address().to_string()));
    });
}

TEST_CASE(tls_wrong_key_passwords_are_config_errors_without_the_password) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("server", true));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto encrypted = tls_with_ca();
        encrypted.tls.certificate_location = cert("client.pem");
        encrypted.tls.key_location = cert("client-encrypted.key");
        encrypted.tls.key_password = SecretString("guess-one-777");
        auto opened = co_await open_and_ask(io, broker.address(), encrypted);
        ASSERT_TRUE(failed_with(opened, client_errc::tls_config_invalid));
        EXPECT_TRUE(contains(opened.error().message, "ssl.key.password"));
        EXPECT_FALSE(contains(opened.error().message, "guess-one-777"));

        auto p12 = tls_with_ca();
        p12.tls.certificate_location = cert("client.p12");
        p12.tls.key_password = SecretString("guess-two-888");
        auto bundle = co_await open_and_ask(io, broker.address(), p12);
        ASSERT_TRUE(failed_with(bundle, client_errc::tls_config_invalid));
        EXPECT_FALSE(contains(bundle.error().message, "guess-two-888"));

        auto missing = tls_with_ca(cert("no-such-ca.pem"));
        auto no_ca = co_await open_and_ask(io, broker.address(), missing);
        ASSERT_TRUE(failed_with(no_ca, client_errc::tls_config_invalid));
        EXPECT_TRUE(contains(no_ca.error().message, "no-such-ca.pem"));
        EXPECT_EQ(broker.connections(), 0);  // bad settings never dial
    });
}

TEST_CASE(tls_client_to_plaintext_broker) {
    asio::io_context io;
    TestBroker broker(io, TestBrokerConfig{});
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), tls_with_ca());
        ASSERT_TRUE(failed_with(opened, client_errc::tls_protocol_mismatch));
        EXPECT_TRUE(contains(opened.error().message, "plaintext"));
        EXPECT_TRUE(contains(opened.error().message, broker.address().to_string()));
    });
}

TEST_CASE(plaintext_client_to_tls_broker) {
    asio::io_context io;
    TestBroker broker(io, tls_broker("server"));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const SecurityConfig plaintext;  // named: GCC 12 destroys braced temporaries in co_await twice
        auto opened = co_await open_and_ask(io, broker.address(), plaintext);
        ASSERT_TRUE(!(opened.ok()));
        show_message(opened.error());
        // Whether the TLS side answers with an alert or just hangs up, the
        // message must point at TLS.
        EXPECT_TRUE(opened.error().code == client_errc::tls_protocol_mismatch ||
                    opened.error().code == client_errc::connection_closed ||
                    opened.error().code == client_errc::request_timeout);
        EXPECT_TRUE(contains(opened.error().message, "TLS"));
        EXPECT_TRUE(contains(opened.error().message, "security.protocol"));
        EXPECT_TRUE(contains(opened.error().message, broker.address().to_string()));
    });
}

TEST_CASE(sasl_ssl_scram_over_tls) {
    asio::io_context io;
    TestBrokerConfig config = tls_broker("server");
    config.sasl_mechanisms = {"SCRAM-SHA-512"};
    TestBroker broker(io, config);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto s = tls_with_ca();
        s.protocol = SecurityProtocol::sasl_ssl;
        s.sasl.mechanism = SaslMechanism::scram_sha_512;
        s.sasl.username = "admin";
        s.sasl.password = SecretString("admin-secret");
        auto opened = co_await open_and_ask(io, as_localhost(broker.address()), s);
        ASSERT_EQ(error_text(opened), std::string());
        EXPECT_EQ((*opened)->security().sasl_mechanism, std::string("SCRAM-SHA-512"));
        EXPECT_FALSE((*opened)->security().tls_version.empty());
        EXPECT_EQ(broker.authenticated(), 1);
    });
}
