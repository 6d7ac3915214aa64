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
    auto engine = Engine::create({options->bootstrap, options->client_id, options->timeout, options->timeout});
    if (!engine) {
        std::cerr << "kafkascope-cli: " << engine.error().message << '\n';
        return cli::kExitUsage;
    }
    if (options->command == "metadata") return cli::run_metadata(**engine, *options, std::cout);
    if (options->command == "offsets") return cli::run_offsets(**engine, *options, std::cout);
    if (options->command == "produce") return cli::run_produce(**engine, *options, std::cout);
    return cli::run_versions(**engine, *options, std::cout);
}
