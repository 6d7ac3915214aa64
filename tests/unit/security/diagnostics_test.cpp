// Connection diagnostics through the engine facade: the versions report
// names TLS version, cipher and SASL mechanism per broker, and a broker
// that advertises an address we cannot reach (while the bootstrap address
// answered) is explained as the advertised-listener mistake.
#include <thread>

#include <asio/ip/tcp.hpp>

#include "cluster/advertised_listener_check.h"
#include "engine.h"
#include "support.h"
#include "test_broker.h"

using namespace kafkascope;
using namespace kafkascope::net;
using namespace kafkascope::net::test;

namespace {

// Runs the test brokers' io_context on a thread of its own while the
// engine (with its own thread) talks to them.
struct BrokerThread {
    asio::io_context io;
    std::thread thread;
    void start() {
        thread = std::thread([this] { io.run_for(std::chrono::seconds(30)); });
    }
    ~BrokerThread() {
        io.stop();
        if (thread.joinable()) thread.join();
    }
};

std::uint16_t closed_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();  // closed again when this returns
}

EngineOptions engine_options(const BrokerAddress& bootstrap) {
    EngineOptions options;
    options.bootstrap = bootstrap.to_string();
    options.connect_timeout = std::chrono::milliseconds(3000);
    options.request_timeout = std::chrono::milliseconds(3000);
    return options;
}

}  // namespace

TEST_CASE(versions_report_shows_tls_and_sasl_per_broker) {
    BrokerThread brokers;
    TestBrokerConfig config;
    config.tls = make_server_tls(cert_dir() + "/server.pem", cert_dir() + "/server.key");
    config.sasl_mechanisms = {"SCRAM-SHA-256"};
    TestBroker broker(brokers.io, config);
    brokers.start();
    auto options = engine_options(broker.address());
    options.security.protocol = SecurityProtocol::sasl_ssl;
    options.security.tls.ca_location = cert_dir() + "/ca.pem";
    options.security.tls.verify_hostname = false;
    options.security.sasl.mechanism = SaslMechanism::scram_sha_256;
    options.security.sasl.username = "admin";
    options.security.sasl.password = SecretString("admin-secret");
    auto engine = Engine::create(options);
    ASSERT_TRUE(engine.ok());
    auto report = (*engine)->broker_api_versions_sync();
    ASSERT_EQ(error_text(report), std::string());
    ASSERT_EQ(report->size(), 1u);
    const BrokerApiVersions& b = (*report)[0];
    EXPECT_FALSE(static_cast<bool>(b.error));
    EXPECT_TRUE(b.tls_version == "TLSv1.3" || b.tls_version == "TLSv1.2");
    EXPECT_FALSE(b.tls_cipher.empty());
    EXPECT_EQ(b.sasl_mechanism, std::string("SCRAM-SHA-256"));
    ASSERT_EQ(b.warnings.size(), 1u);
    EXPECT_TRUE(contains(b.warnings[0], "hostname verification is off"));
    bool lists_sasl = false;
    for (const ApiVersionRow& r : b.rows) lists_sasl |= r.api_key == 36 && r.chosen == 2;
    EXPECT_TRUE(lists_sasl);
}

TEST_CASE(unreachable_advertised_address_is_explained) {
    BrokerThread brokers;
    TestBrokerConfig config;
    config.node_id = 7;
    config.advertise = BrokerAddress{"127.0.0.1", closed_port()};
    TestBroker broker(brokers.io, config);
    brokers.start();
    auto engine = Engine::create(engine_options(broker.address()));
    ASSERT_TRUE(engine.ok());
    // The bootstrap address answers metadata...
    auto metadata = (*engine)->metadata_sync();
    ASSERT_EQ(error_text(metadata), std::string());
    // ...but the broker is then dialled where it says it lives.
    auto report = (*engine)->broker_api_versions_sync();
    ASSERT_EQ(error_text(report), std::string());
    ASSERT_EQ(report->size(), 1u);
    const BrokerApiVersions& b = (*report)[0];
    ASSERT_TRUE(static_cast<bool>(b.error));
    EXPECT_TRUE(contains(b.error.message, "broker 7 advertises " + config.advertise->to_string()));
    EXPECT_TRUE(contains(b.error.message, broker.address().to_string()));
    EXPECT_TRUE(contains(b.error.message, "advertised.listeners"));
}

TEST_CASE(a_broker_that_is_down_is_not_called_a_listener_mistake) {
    // Bootstrap address = advertised address: a refusal elsewhere is just a
    // broker that is down.
    const Error refused(client_errc::connection_refused, "cannot connect");
    EXPECT_FALSE(cluster::explain_unreachable_advertised(1, "h:1", "h:1", refused).has_value());
    EXPECT_FALSE(cluster::explain_unreachable_advertised(1, "h:1", "", refused).has_value());
    const Error auth(client_errc::authentication_failed, "rejected");
    EXPECT_FALSE(cluster::explain_unreachable_advertised(1, "h:1", "b:2", auth).has_value());
    EXPECT_TRUE(cluster::explain_unreachable_advertised(1, "kafka:9092", "localhost:9092",
                                                        Error(client_errc::unknown_host, "x"))
                    .has_value());
}
