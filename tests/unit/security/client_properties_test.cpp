// kcat-style properties: parsing, the round trip through the writer, secrets
// left out of exports and error messages, and the OAUTHBEARER token cache.
#include <cstdio>
#include <fstream>

#include "net/client_properties.h"
#include "net/sasl/oauthbearer_token.h"
#include "net/sasl/scram_crypto.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::net;

namespace {

const char* kFull =
    "# a SASL_SSL cluster\n"
    "bootstrap.servers = kafka-1:9093,kafka-2:9093\n"
    "client.id=inspector\n"
    "security.protocol=sasl_ssl\n"
    "sasl.mechanisms=SCRAM-SHA-512\n"
    "sasl.username=alice\n"
    "sasl.password=s3cret=with=equals\n"
    "ssl.ca.location=/etc/kafka/ca.pem\n"
    "ssl.certificate.location=/etc/kafka/client.pem\n"
    "ssl.key.location=/etc/kafka/client.key\n"
    "ssl.key.password=key-pass\n"
    "ssl.endpoint.identification.algorithm=none\n"
    "socket.timeout.ms=5000\n";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE(properties_parse_every_key) {
    auto parsed = parse_client_properties(kFull);
    ASSERT_TRUE(parsed.ok());
    const ClientProperties& p = *parsed;
    EXPECT_EQ(p.bootstrap, std::string("kafka-1:9093,kafka-2:9093"));
    EXPECT_EQ(p.client_id, std::string("inspector"));
    EXPECT_TRUE(p.security.protocol == SecurityProtocol::sasl_ssl);
    EXPECT_TRUE(p.security.sasl.mechanism == SaslMechanism::scram_sha_512);
    EXPECT_EQ(p.security.sasl.username, std::string("alice"));
    EXPECT_EQ(std::string(p.security.sasl.password.reveal()), std::string("s3cret=with=equals"));
    EXPECT_EQ(p.security.tls.ca_location, std::string("/etc/kafka/ca.pem"));
    EXPECT_EQ(p.security.tls.certificate_location, std::string("/etc/kafka/client.pem"));
    EXPECT_EQ(p.security.tls.key_location, std::string("/etc/kafka/client.key"));
    EXPECT_EQ(std::string(p.security.tls.key_password.reveal()), std::string("key-pass"));
    EXPECT_FALSE(p.security.tls.verify_hostname);
    ASSERT_TRUE(p.socket_timeout.has_value());
    EXPECT_EQ(p.socket_timeout->count(), 5000);
}

TEST_CASE(properties_round_trip_with_and_without_secrets) {
    auto parsed = parse_client_properties(kFull);
    ASSERT_TRUE(parsed.ok());
    const std::string with = write_client_properties(*parsed, Secrets::include);
    auto again = parse_client_properties(with);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(*again == *parsed);

    const std::string without = write_client_properties(*parsed);
    EXPECT_FALSE(contains(without, "s3cret"));
    EXPECT_FALSE(contains(without, "key-pass"));
    EXPECT_TRUE(contains(without, "secrets (passwords, tokens) left out"));
    EXPECT_TRUE(contains(without, "sasl.username=alice"));
    auto reread = parse_client_properties(without);
    ASSERT_TRUE(reread.ok());
    EXPECT_TRUE(reread->security.sasl.password.empty());
    EXPECT_EQ(reread->bootstrap, parsed->bootstrap);
    EXPECT_EQ(reread->security.tls.certificate_location, parsed->security.tls.certificate_location);
    EXPECT_TRUE(reread->security.tls.key_password.empty());
}

TEST_CASE(properties_jaas_keystore_and_oauth_keys) {
    auto parsed = parse_client_properties(
        "security.protocol=SASL_PLAINTEXT\n"
        "sasl.mechanism=PLAIN\n"
        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
        "username=\"bob\" password=\"pa ss\";\n"
        "ssl.keystore.location=/k/client.p12\n"
        "ssl.keystore.password=store\n"
        "sasl.oauthbearer.token.command=echo token\n");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->security.sasl.username, std::string("bob"));
    EXPECT_EQ(std::string(parsed->security.sasl.password.reveal()), std::string("pa ss"));
    EXPECT_EQ(parsed->security.tls.certificate_location, std::string("/k/client.p12"));
    EXPECT_EQ(std::string(parsed->security.tls.key_password.reveal()), std::string("store"));
    EXPECT_EQ(parsed->security.sasl.oauth_token_command, std::string("echo token"));
}

TEST_CASE(properties_errors_name_the_line_and_key_never_a_secret) {
    auto unknown = parse_client_properties("bootstrap.servers=a:1\nacks=all\n");
    ASSERT_TRUE(!(unknown.ok()));
    EXPECT_TRUE(contains(unknown.error().message, "line 2"));
    EXPECT_TRUE(contains(unknown.error().message, "acks"));

    auto lenient = parse_client_properties("acks=all\nsasl.username=x\n", UnknownKeys::keep);
    ASSERT_TRUE(lenient.ok());
    ASSERT_EQ(lenient->ignored.size(), 1u);
    EXPECT_EQ(lenient->ignored[0].first, std::string("acks"));

    auto protocol = parse_client_properties("security.protocol=TLS\n");
    ASSERT_TRUE(!(protocol.ok()));
    EXPECT_TRUE(contains(protocol.error().message, "SASL_SSL"));
    auto mechanism = parse_client_properties("sasl.mechanism=GSSAPI\n");
    ASSERT_TRUE(!(mechanism.ok()));
    EXPECT_TRUE(contains(mechanism.error().message, "GSSAPI"));
    auto no_equals = parse_client_properties("bootstrap.servers\n");
    EXPECT_FALSE(no_equals.ok());

    auto jaas = parse_client_properties("sasl.jaas.config=Module required password=\"topsecret\";\n");
    ASSERT_TRUE(!(jaas.ok()));
    EXPECT_FALSE(contains(jaas.error().message, "topsecret"));

    auto file = read_client_properties_file("/nonexistent/client.properties");
    ASSERT_TRUE(!(file.ok()));
    EXPECT_TRUE(contains(file.error().message, "/nonexistent/client.properties"));
}

TEST_CASE(properties_file_is_read) {
    const std::string path = std::string(std::getenv("KAFKASCOPE_BINARY_DIR") ? std::getenv("KAFKASCOPE_BINARY_DIR") : ".") +
                             "/security_test_client.properties";
    {
        std::ofstream out(path);
        out << kFull;
    }
    auto parsed = read_client_properties_file(path);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->security.sasl.username, std::string("alice"));
    std::remove(path.c_str());
}

TEST_CASE(security_validation_names_what_is_missing) {
    SecurityConfig s;
    s.protocol = SecurityProtocol::sasl_plaintext;
    EXPECT_TRUE(contains(s.validate().error().message, "sasl.username"));
    s.sasl.username = "u";
    EXPECT_TRUE(contains(s.validate().error().message, "sasl.password"));
    s.sasl.password = SecretString("p");
    EXPECT_TRUE(s.validate().ok());
    SecurityConfig tls;
    tls.protocol = SecurityProtocol::ssl;
    tls.tls.key_location = "/k.pem";
    EXPECT_FALSE(tls.validate().ok());
}

namespace {

std::string jwt_with_exp(long long exp) {
    const std::string payload = "{\"sub\":\"svc\",\"exp\": " + std::to_string(exp) + "}";
    std::string body = sasl::base64_encode(sasl::as_bytes(payload));
    while (!body.empty() && body.back() == '=') body.pop_back();
    for (char& c : body) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return "eyJhbGciOiJub25lIn0." + body + ".sig";
}

}  // namespace

TEST_CASE(oauth_token_command_is_cached_and_refreshed_before_expiry) {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const long long exp = duration_cast<seconds>(now.time_since_epoch()).count() + 1000;
    EXPECT_EQ(jwt_expiry(jwt_with_exp(exp)).value_or(-1), exp);
    EXPECT_FALSE(jwt_expiry("opaque-token").has_value());

    const std::string dir = std::getenv("KAFKASCOPE_BINARY_DIR") ? std::getenv("KAFKASCOPE_BINARY_DIR") : ".";
    const std::string counter = dir + "/security_test_token_runs";
    std::remove(counter.c_str());
    SaslSettings settings;
    settings.mechanism = SaslMechanism::oauthbearer;
    // Counts its runs in a file and prints a JWT valid for 1000 s.
    settings.oauth_token_command = "echo run >> '" + counter + "'; echo '" + jwt_with_exp(exp) + "'";
    OAuthTokenCache cache;
    auto first = cache.token(settings, now);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(std::string(first->reveal()), jwt_with_exp(exp));
    auto second = cache.token(settings, now + seconds(700));  // before 80% of the lifetime
    ASSERT_TRUE(second.ok());
    auto third = cache.token(settings, now + seconds(850));  // past it: run again
    ASSERT_TRUE(third.ok());
    std::ifstream runs(counter);
    int lines = 0;
    for (std::string line; std::getline(runs, line);) ++lines;
    EXPECT_EQ(lines, 2);
    std::remove(counter.c_str());

    SaslSettings failing;
    failing.oauth_token_command = "echo leaked-output; exit 3";
    OAuthTokenCache other;
    auto failed = other.token(failing, now);
    ASSERT_TRUE(!(failed.ok()));
    EXPECT_TRUE(contains(failed.error().message, "exit status 3"));
    EXPECT_FALSE(contains(failed.error().message, "leaked-output"));
}
