#pragma once

#include "status.h"

namespace kafkascope::sandbox {

// Turns SIGINT and SIGTERM into a readable byte on a pipe (the self-pipe
// trick), so the control loop can poll for signals next to its command
// inputs, whatever librdkafka thread the kernel picks to deliver them to.
// Also ignores SIGPIPE: a reader of our stdout or a forwarded client going
// away must not kill the cluster.
class StopSignals {
public:
    static Status install(StopSignals& out);

    // The fd to poll for readability.
    [[nodiscard]] int fd() const { return read_fd_; }
    // Consumes one pending signal and returns its number, or 0 if none.
    int take() const;

private:
    int read_fd_ = -1;
};

const char* signal_name(int signal_number);

}  // namespace kafkascope::sandbox
