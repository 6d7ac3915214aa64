#pragma once

#include <string>

namespace kafkascope::sandbox {

// The control-command reference, shared by --help and the "help" command so
// the two never drift apart.
std::string command_help_text();

}  // namespace kafkascope::sandbox
