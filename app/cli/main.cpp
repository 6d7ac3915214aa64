// kafkascope-cli: headless, scriptable access to the same engine as the GUI.

#include <iostream>

#include "cli_options.h"
#include "commands.h"
#include "engine.h"

using namespace kafkascope;

int main(int argc, char** argv) {
    auto options = cli::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        std::cerr << "kafkascope-cli: " << options.error().message << "\n\n" << cli::usage_text();
        return cli::kExitUsage;
    }
    if (options->command == "help") {
        std::cout << cli::usage_text();
        return cli::kExitOk;
    }
    EngineOptions engine_options;
    engine_options.bootstrap = options->bootstrap;
    engine_options.client_id = options->client_id;
    engine_options.connect_timeout = options->timeout;
    engine_options.request_timeout = options->timeout;
    engine_options.security = options->security;
    auto engine = Engine::create(std::move(engine_options));
    if (!engine) {
        std::cerr << "kafkascope-cli: " << engine.error().message << '\n';
        return cli::kExitUsage;
    }
    if (options->command == "metadata") return cli::run_metadata(**engine, *options, std::cout);
    if (options->command == "offsets") return cli::run_offsets(**engine, *options, std::cout);
    if (options->command == "produce") return cli::run_produce(**engine, *options, std::cout);
    if (options->command == "consume") return cli::run_consume(**engine, *options, std::cout);
    if (options->command == "groups") return cli::run_groups(**engine, *options, std::cout);
    if (options->command == "topic-groups") return cli::run_topic_groups(**engine, *options, std::cout);
    if (options->command == "group") return cli::run_group(**engine, *options, std::cout);
    if (options->command == "lag") return cli::run_lag(**engine, *options, std::cout);
    if (options->command == "reset-offsets") return cli::run_reset_offsets(**engine, *options, std::cout);
    return cli::run_versions(**engine, *options, std::cout);
}
