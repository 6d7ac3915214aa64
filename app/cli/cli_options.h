#pragma once
// Command line of kafkascope-cli: global options, then a command and its
// arguments. Kept separate from main() so the parser can be tested.

#include <chrono>
#include <string>
#include <vector>

#include "core/result.h"
#include "net/security_config.h"

namespace kafkascope::cli {

struct CliOptions {
    std::string bootstrap;
    std::string client_id = "kafkascope-cli";
    std::chrono::milliseconds timeout{10'000};
    bool json = false;
    std::string command;             // metadata | offsets | versions | help
    std::vector<std::string> args;   // command arguments (topics)
    // TLS / SASL from -X security.protocol=..., sasl.*, ssl.* or -F FILE.
    net::SecurityConfig security;
};

Result<CliOptions> parse_cli(const std::vector<std::string>& argv);

const char* usage_text();

}  // namespace kafkascope::cli
