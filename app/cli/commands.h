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

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitPartial = 3;

}  // namespace kafkascope::cli
