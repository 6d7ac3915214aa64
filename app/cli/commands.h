#pragma once
// The CLI's commands. Each prints its result (text or JSON) to `out` and
// returns the process exit code: 0 ok, 1 failed, 3 partly failed (some
// partitions or brokers could not be read; details are in the output).

#include <ostream>

#include "cli_options.h"
#include "engine.h"

namespace kafkascope::cli {

int run_metadata(Engine& engine, const CliOptions& options, std::ostream& out);
int run_offsets(Engine& engine, const CliOptions& options, std::ostream& out);
int run_versions(Engine& engine, const CliOptions& options, std::ostream& out);
int run_produce(Engine& engine, const CliOptions& options, std::ostream& out);

// `consume TOPIC ...` (consume_args.h): parses, then runs the partition mode
// or, with --group, the group mode.
struct ConsumeArgs;
int run_consume(Engine& engine, const CliOptions& options, std::ostream& out);
// One PartitionReader per partition, no group (consume_command.cpp).
int run_consume_partitions(Engine& engine, const CliOptions& options, const ConsumeArgs& args, std::ostream& out);
// --group G: the group Reader's mode (consume_group_command.cpp). Prints
// messages with consume_output.h like the partition mode.
int run_consume_group(Engine& engine, const CliOptions& options, const ConsumeArgs& args, std::ostream& out);

// Consumer groups and lag (group_commands.cpp, lag_command.cpp,
// reset_offsets_command.cpp).
int run_groups(Engine& engine, const CliOptions& options, std::ostream& out);
int run_group(Engine& engine, const CliOptions& options, std::ostream& out);
int run_topic_groups(Engine& engine, const CliOptions& options, std::ostream& out);
int run_lag(Engine& engine, const CliOptions& options, std::ostream& out);
int run_reset_offsets(Engine& engine, const CliOptions& options, std::ostream& out);

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitPartial = 3;

}  // namespace kafkascope::cli
