#pragma once
// Access to the sandbox a CTest fixture started for this test: its bootstrap
// string and its control FIFO (fault-injection commands, see
// kafkascope-sandbox --help).

#include <string>

namespace kafkascope::test {

// Paths come from KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE / _CONTROL_FILE.
std::string sandbox_bootstrap();
// Writes one command line to the control FIFO.
bool sandbox_command(const std::string& line);
// True once host:port refuses (want_open false) or accepts (true) TCP connections.
bool wait_for_port(const std::string& host, int port, bool want_open, int timeout_ms);

}  // namespace kafkascope::test
