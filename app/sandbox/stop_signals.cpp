#include "stop_signals.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

namespace kafkascope::sandbox {
namespace {

// Written only from the signal handler; set before any handler is installed.
int g_write_fd = -1;

extern "C" void on_stop_signal(int signal_number) {
    const int saved_errno = errno;
    const auto byte = static_cast<unsigned char>(signal_number);
    // Nothing useful can be done if the pipe is full: a stop is already queued.
    [[maybe_unused]] const auto written = ::write(g_write_fd, &byte, 1);
    errno = saved_errno;
}

bool make_nonblocking_cloexec(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    return flags != -1 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != -1 &&
           ::fcntl(fd, F_SETFD, FD_CLOEXEC) != -1;
}

}  // namespace

Status StopSignals::install(StopSignals& out) {
    int fds[2] = {-1, -1};
    if (::pipe(fds) != 0 || !make_nonblocking_cloexec(fds[0]) ||
        !make_nonblocking_cloexec(fds[1])) {
        return Status::error(std::string("cannot create signal pipe: ") + std::strerror(errno));
    }
    g_write_fd = fds[1];

    struct sigaction action {};
    action.sa_handler = &on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    if (::sigaction(SIGINT, &action, nullptr) != 0 || ::sigaction(SIGTERM, &action, nullptr) != 0 ||
        ::sigaction(SIGPIPE, &ignore, nullptr) != 0) {
        return Status::error(std::string("cannot install signal handlers: ") +
                             std::strerror(errno));
    }
    out.read_fd_ = fds[0];
    return Status::ok();
}

int StopSignals::take() const {
    unsigned char byte = 0;
    return ::read(read_fd_, &byte, 1) == 1 ? byte : 0;
}

const char* signal_name(int signal_number) {
    switch (signal_number) {
        case SIGINT:
            return "SIGINT";
        case SIGTERM:
            return "SIGTERM";
        default:
            return "a signal";
    }
}

}  // namespace kafkascope::sandbox
