// kafkascope-cli's -X / -F options (app/cli/cli_options.cpp) and the CLI
// binary end to end against the in-test TLS + SASL broker: `versions --json`
// must connect with the properties given and report TLS and SASL.
#include <array>
#include <cstdio>
#include <fstream>
#include <thread>

#include "cli_options.h"
#include "support.h"
#include "test_broker.h"

using namespace kafkascope;
using namespace kafkascope::net;
using namespace kafkascope::net::test;

namespace {

std::string binary_dir() {
    const char* dir = std::getenv("KAFKASCOPE_BINARY_DIR");
    return dir ? dir : ".";
}

std::string write_file(const std::string& name, const std::string& text) {
    const std::string path = binary_dir() + "/" + name;
    std::ofstream(path) << text;
    return path;
}

// Runs a shell command, returns stdout and stores the exit status.
std::string run(const std::string& command, int& status) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    status = ::pclose(pipe);
    return out;
}

}  // namespace

TEST_CASE(cli_takes_repeated_x_and_f_properties_in_order) {
    const std::string file = write_file("security_cli_test.properties",
                                        "# from a file\n"
                                        "bootstrap.servers=file-host:9093\n"
                                        "security.protocol=SASL_SSL\n"
                                        "sasl.mechanism=SCRAM-SHA-256\n"
                                        "sasl.username=alice\n"
                                        "sasl.password=from-file\n"
                                        "ssl.ca.location=/ca.pem\n");
    auto parsed = cli::parse_cli({"-F", file, "-X", "sasl.password=from-x", "-X", "client.id=me", "--json", "versions"});
    ASSERT_EQ(error_text(parsed), std::string());
    EXPECT_EQ(parsed->bootstrap, std::string("file-host:9093"));
    EXPECT_EQ(parsed->client_id, std::string("me"));
    EXPECT_TRUE(parsed->security.protocol == SecurityProtocol::sasl_ssl);
    EXPECT_TRUE(parsed->security.sasl.mechanism == SaslMechanism::scram_sha_256);
    EXPECT_EQ(parsed->security.sasl.username, std::string("alice"));
    EXPECT_EQ(std::string(parsed->security.sasl.password.reveal()), std::string("from-x"));
    EXPECT_EQ(parsed->security.tls.ca_location, std::string("/ca.pem"));

    // -b and the old -X keys keep working; a later -b wins over the file.
    auto old_style = cli::parse_cli({"-F", file, "-b", "b:1", "-X", "socket.timeout.ms=1234", "metadata"});
    ASSERT_EQ(error_text(old_style), std::string());
    EXPECT_EQ(old_style->bootstrap, std::string("b:1"));
    EXPECT_EQ(old_style->timeout.count(), 1234);

    auto unknown = cli::parse_cli({"-X", "no.such.key=1", "-b", "b:1", "metadata"});
    ASSERT_TRUE(!unknown.ok());
    EXPECT_TRUE(contains(unknown.error().message, "no.such.key"));
    auto missing = cli::parse_cli({"-F", "/nonexistent.properties", "metadata"});
    ASSERT_TRUE(!missing.ok());
    EXPECT_TRUE(contains(missing.error().message, "/nonexistent.properties"));
    auto bad_value = cli::parse_cli({"-X", "sasl.mechanism=KERBEROS", "metadata"});
    ASSERT_TRUE(!bad_value.ok());
    EXPECT_TRUE(contains(cli::usage_text(), "-F FILE"));
    std::remove(file.c_str());
}

TEST_CASE(cli_versions_over_sasl_ssl_end_to_end) {
    const char* cli = std::getenv("KAFKASCOPE_CLI");
    ASSERT_TRUE(cli != nullptr);
    asio::io_context io;
    TestBrokerConfig config;
    config.tls = make_server_tls(cert_dir() + "/server.pem", cert_dir() + "/server.key");
    config.sasl_mechanisms = {"SCRAM-SHA-512"};
    TestBroker broker(io, config);
    std::thread server([&] { io.run_for(std::chrono::seconds(30)); });

    const std::string file = write_file("security_cli_e2e.properties",
                                        "security.protocol=SASL_SSL\n"
                                        "sasl.mechanism=SCRAM-SHA-512\n"
                                        "sasl.username=admin\n"
                                        "ssl.ca.location=" + cert_dir() + "/ca.pem\n");
    const std::string base = std::string(cli) + " -b localhost:" + std::to_string(broker.address().port) +
                             " -F " + file + " --timeout 5000";
    int status = -1;
    const std::string ok = run(base + " -X sasl.password=admin-secret versions --json 2>&1", status);
    EXPECT_EQ(status, 0);
    EXPECT_TRUE(contains(ok, "\"sasl_mechanism\":\"SCRAM-SHA-512\"") ||
                contains(ok, "\"sasl_mechanism\": \"SCRAM-SHA-512\""));
    EXPECT_TRUE(contains(ok, "TLSv1."));

    const std::string refused = run(base + " -X sasl.password=wrong-cli-pass versions 2>&1", status);
    EXPECT_TRUE(status != 0);
    EXPECT_TRUE(contains(refused, "rejected"));
    EXPECT_TRUE(!contains(refused, "wrong-cli-pass"));

    io.stop();
    server.join();
    std::remove(file.c_str());
    if (std::getenv("KAFKASCOPE_TEST_VERBOSE")) std::fprintf(stderr, "%s\n%s\n", ok.c_str(), refused.c_str());
}
