#pragma once
// Access to the sandbox a CTest fixture started for this test: its bootstrap
// string and its control FIFO (fault-injection commands, see
// kafkascope-sandbox --help).

#include <chrono>
#include <memory>
#include <string>

#include "engine.h"

namespace kafkascope::test {

// Paths come from KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE / _CONTROL_FILE.
std::string sandbox_bootstrap();
// An engine on the fixture's sandbox: 2 s to connect, `request_timeout` per
// request. Fails the test (ASSERT) when the engine cannot be created.
std::unique_ptr<Engine> sandbox_engine(const std::string& client_id,
                                       std::chrono::milliseconds request_timeout = std::chrono::milliseconds(10'000));
// Writes one command line to the control FIFO.
bool sandbox_command(const std::string& line);
// Waits until the sandbox's stderr log (NAME.log next to the NAME.out the
// fixture names; the mock's own debug lines with --debug-groups) contains
// `text`. False after `timeout`.
bool wait_for_sandbox_log(const std::string& text, std::chrono::milliseconds timeout);
// True once host:port refuses (want_open false) or accepts (true) TCP connections.
bool wait_for_port(const std::string& host, int port, bool want_open, int timeout_ms);

}  // namespace kafkascope::test
