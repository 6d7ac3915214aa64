// SASL inside Connection::open against the in-test broker (test_broker.h):
// PLAIN, SCRAM-SHA-256/512 (server side written from the RFC steps), wrong
// passwords, a forged SCRAM server signature, a mechanism the broker does
// not enable, and the engine facade carrying SecurityConfig to every
// connection. Secrets must never show up in an error.
#include <thread>
#include <vector>

#include "engine.h"
#include "net/connection.h"
#include "protocol/messages/metadata.h"
#include "support.h"
#include "test_broker.h"

using namespace kafkascope;
using namespace kafkascope::net;
using namespace kafkascope::net::test;

namespace {

constexpr const char* kPassword = "admin-secret";

SecurityConfig sasl(SaslMechanism mechanism, std::string password = kPassword) {
    SecurityConfig s;
    s.protocol = SecurityProtocol::sasl_plaintext;
    s.sasl.mechanism = mechanism;
    s.sasl.username = "admin";
    s.sasl.password = SecretString(std::move(password));
    return s;
}

TestBrokerConfig sasl_broker(std::vector<std::string> mechanisms) {
    TestBrokerConfig config;
    config.sasl_mechanisms = std::move(mechanisms);
    return config;
}

// Opens a connection and, on success, asks for metadata (which the broker
// answers only after authentication).
asio::awaitable<Result<std::shared_ptr<Connection>>> open_and_ask(asio::io_context& io, BrokerAddress address,
                                                                   SecurityConfig security) {
    auto opened = co_await Connection::open(io.get_executor(), address, quick_options(std::move(security)));
    if (!opened) co_return opened;
    protocol::MetadataRequest request;
    auto metadata = co_await (*opened)->send(request);
    if (!metadata) co_return std::move(metadata).error();
    co_return opened;
}

}  // namespace

TEST_CASE(sasl_plain_authenticates_then_requests_work) {
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"PLAIN", "SCRAM-SHA-256"}));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), sasl(SaslMechanism::plain));
        ASSERT_EQ(error_text(opened), std::string());
        EXPECT_EQ(broker.authenticated(), 1);
        const ConnectionSecurity& info = (*opened)->security();
        EXPECT_EQ(info.sasl_mechanism, std::string("PLAIN"));
        EXPECT_EQ(info.sasl_user, std::string("admin"));
        EXPECT_TRUE(info.protocol == SecurityProtocol::sasl_plaintext);
        EXPECT_TRUE(info.tls_version.empty());
    });
}

TEST_CASE(sasl_plain_wrong_password_is_a_clear_error_without_the_password) {
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"PLAIN"}));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), sasl(SaslMechanism::plain, "wrong-pass-123"));
        ASSERT_TRUE(failed_with(opened, client_errc::authentication_failed));
        const std::string& message = opened.error().message;
        EXPECT_TRUE(contains(message, broker.address().to_string()));
        EXPECT_TRUE(contains(message, "PLAIN"));
        EXPECT_TRUE(contains(message, "'admin'"));
        EXPECT_TRUE(contains(message, "Invalid username or password"));
        EXPECT_FALSE(contains(message, "wrong-pass-123"));
        EXPECT_EQ(broker.authenticated(), 0);
    });
}

TEST_CASE(sasl_scram_sha256_and_sha512_full_exchange) {
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"SCRAM-SHA-256", "SCRAM-SHA-512"}));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const std::vector<SaslMechanism> mechanisms{SaslMechanism::scram_sha_256, SaslMechanism::scram_sha_512};
        for (SaslMechanism mechanism : mechanisms) {
            auto opened = co_await open_and_ask(io, broker.address(), sasl(mechanism));
            ASSERT_EQ(error_text(opened), std::string());
            EXPECT_EQ((*opened)->security().sasl_mechanism, std::string(to_string(mechanism)));
        }
        EXPECT_EQ(broker.authenticated(), 2);
    });
}

TEST_CASE(sasl_scram_wrong_password_is_rejected_by_the_broker) {
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"SCRAM-SHA-512"}));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), sasl(SaslMechanism::scram_sha_512, "not-it-987"));
        ASSERT_TRUE(failed_with(opened, client_errc::authentication_failed));
        EXPECT_TRUE(contains(opened.error().message, "SCRAM-SHA-512"));
        EXPECT_FALSE(contains(opened.error().message, "not-it-987"));
    });
}

TEST_CASE(sasl_scram_forged_server_signature_is_rejected_by_us) {
    asio::io_context io;
    TestBrokerConfig config = sasl_broker({"SCRAM-SHA-256"});
    config.wrong_server_signature = true;
    TestBroker broker(io, config);
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), sasl(SaslMechanism::scram_sha_256));
        ASSERT_TRUE(failed_with(opened, client_errc::authentication_failed));
        EXPECT_TRUE(contains(opened.error().message, "server signature is wrong"));
        EXPECT_TRUE(contains(opened.error().message, broker.address().to_string()));
        // The broker thought it had authenticated us; we refused it anyway.
        EXPECT_EQ(broker.authenticated(), 1);
    });
}

TEST_CASE(sasl_mechanism_not_enabled_lists_what_the_broker_offers) {
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"SCRAM-SHA-512", "PLAIN"}));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        auto opened = co_await open_and_ask(io, broker.address(), sasl(SaslMechanism::scram_sha_256));
        ASSERT_TRUE(failed_with(opened, client_errc::sasl_mechanism_unsupported));
        EXPECT_TRUE(contains(opened.error().message, "SCRAM-SHA-256"));
        EXPECT_TRUE(contains(opened.error().message, "SCRAM-SHA-512, PLAIN"));
    });
}

TEST_CASE(sasl_oauthbearer_static_token_reaches_the_broker_and_settings_are_checked) {
    // Our broker does not enable OAUTHBEARER: the handshake must say so
    // (the token is not sent anywhere before that).
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"PLAIN"}));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        SecurityConfig s;
        s.protocol = SecurityProtocol::sasl_plaintext;
        s.sasl.mechanism = SaslMechanism::oauthbearer;
        auto missing = co_await Connection::open(io.get_executor(), broker.address(), quick_options(s));
        ASSERT_TRUE(failed_with(missing, client_errc::invalid_argument));
        EXPECT_TRUE(contains(missing.error().message, "sasl.oauthbearer.token"));
        s.sasl.oauth_token = SecretString("eyJ-secret-token");
        auto opened = co_await Connection::open(io.get_executor(), broker.address(), quick_options(s));
        ASSERT_TRUE(failed_with(opened, client_errc::sasl_mechanism_unsupported));
        EXPECT_FALSE(contains(opened.error().message, "eyJ-secret-token"));
    });
}

TEST_CASE(sasl_without_credentials_against_a_sasl_listener_explains_the_hang_up) {
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"PLAIN"}));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const SecurityConfig plaintext;  // named: GCC 12 destroys braced temporaries in co_await twice
        auto opened = co_await open_and_ask(io, broker.address(), plaintext);
        ASSERT_TRUE(!(opened.ok()));
        show_message(opened.error());
        EXPECT_TRUE(contains(opened.error().message, "SASL"));
    });
}

TEST_CASE(engine_carries_security_config_to_every_connection) {
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"SCRAM-SHA-256"}));
    std::thread server([&] { io.run_for(std::chrono::seconds(20)); });
    EngineOptions options;
    options.bootstrap = broker.address().to_string();
    options.connect_timeout = std::chrono::milliseconds(3000);
    options.request_timeout = std::chrono::milliseconds(3000);
    options.security = sasl(SaslMechanism::scram_sha_256);
    {
        auto engine = Engine::create(options);
        ASSERT_TRUE(engine.ok());
        auto metadata = (*engine)->metadata_sync();
        EXPECT_EQ(error_text(metadata), std::string());
        options.security.sasl.password = SecretString("bad-password-42");
        auto wrong = Engine::create(options);
        ASSERT_TRUE(wrong.ok());
        auto refused = (*wrong)->metadata_sync();
        EXPECT_FALSE(refused.ok());
        if (!refused.ok()) {
            EXPECT_TRUE(contains(refused.error().message, "rejected"));
            EXPECT_FALSE(contains(refused.error().message, "bad-password-42"));
        }
    }
    io.stop();
    server.join();
    EXPECT_TRUE(broker.authenticated() >= 1);
}

TEST_CASE(engine_refuses_incomplete_security_settings_up_front) {
    EngineOptions options;
    options.bootstrap = "127.0.0.1:9";
    options.security.protocol = SecurityProtocol::sasl_ssl;
    options.security.sasl.mechanism = SaslMechanism::scram_sha_512;
    auto engine = Engine::create(options);
    ASSERT_TRUE(!(engine.ok()));
    EXPECT_TRUE(contains(engine.error().message, "sasl.username"));
}

TEST_CASE(sasl_oauthbearer_static_token_and_token_command) {
    asio::io_context io;
    TestBroker broker(io, sasl_broker({"OAUTHBEARER"}));
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        SecurityConfig s;
        s.protocol = SecurityProtocol::sasl_plaintext;
        s.sasl.mechanism = SaslMechanism::oauthbearer;
        s.sasl.oauth_token = SecretString("oauth-test-token");
        auto opened = co_await open_and_ask(io, broker.address(), s);
        ASSERT_EQ(error_text(opened), std::string());
        EXPECT_EQ((*opened)->security().sasl_mechanism, std::string("OAUTHBEARER"));
        EXPECT_TRUE((*opened)->security().sasl_user.empty());

        SecurityConfig command = s;
        command.sasl.oauth_token = SecretString();
        command.sasl.oauth_token_command = "printf '%s\\n' oauth-test-token";
        auto by_command = co_await open_and_ask(io, broker.address(), command);
        ASSERT_EQ(error_text(by_command), std::string());

        SecurityConfig wrong = s;
        wrong.sasl.oauth_token = SecretString("expired-or-forged");
        auto refused = co_await open_and_ask(io, broker.address(), wrong);
        ASSERT_TRUE(failed_with(refused, client_errc::authentication_failed));
        EXPECT_FALSE(contains(refused.error().message, "expired-or-forged"));
        EXPECT_EQ(broker.authenticated(), 2);
    });
}
