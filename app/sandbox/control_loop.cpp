#include "control_loop.h"

#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kafkascope::sandbox {

void LineBuffer::append(std::string_view bytes, std::vector<std::string>& lines) {
    while (!bytes.empty()) {
        const auto newline = bytes.find('\n');
        const auto chunk = bytes.substr(0, newline);
        if (!discarding_) {
            // pending_ never exceeds kMaxLineLength + 1, so this cannot underflow.
            pending_.append(chunk.substr(0, kMaxLineLength + 1 - pending_.size()));
            discarding_ = pending_.size() > kMaxLineLength;
        }
        if (newline == std::string_view::npos) return;
        finish(lines);
        bytes.remove_prefix(newline + 1);
    }
}

void LineBuffer::finish(std::vector<std::string>& lines) {
    if (!pending_.empty() && pending_.back() == '\r') pending_.pop_back();
    // Blank lines carry no command, so they are dropped here already.
    if (!pending_.empty()) lines.push_back(std::move(pending_));
    pending_.clear();
    discarding_ = false;
}

void ControlLoop::add_input(std::string name, int fd) {
    inputs_.push_back({std::move(name), fd, {}});
}

bool ControlLoop::drain(Input& input, std::vector<std::string>& lines) {
    std::array<char, 4096> chunk{};
    const ssize_t n = ::read(input.fd, chunk.data(), chunk.size());
    if (n > 0) {
        input.buffer.append(std::string_view(chunk.data(), static_cast<std::size_t>(n)), lines);
        return true;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return true;
    if (n < 0)
        std::fprintf(stderr, "kafkascope-sandbox: reading %s: %s\n", input.name.c_str(),
                     std::strerror(errno));
    input.buffer.finish(lines);
    return false;
}

int ControlLoop::run(const StopSignals& signals, const LineHandler& on_line) {
    std::vector<pollfd> fds;
    for (;;) {
        fds.clear();
        fds.push_back({signals.fd(), POLLIN, 0});
        // A retired input keeps its slot with fd -1, which poll ignores.
        for (const auto& input : inputs_) fds.push_back({input.fd, POLLIN, 0});
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            std::fprintf(stderr, "kafkascope-sandbox: poll: %s\n", std::strerror(errno));
            return 0;
        }
        if (fds[0].revents != 0) {
            if (const int signal_number = signals.take(); signal_number != 0) return signal_number;
        }
        for (std::size_t i = 0; i < inputs_.size(); ++i) {
            const short revents = fds[i + 1].revents;
            if (revents == 0) continue;
            std::vector<std::string> lines;
            // POLLNVAL: the fd was never open (e.g. started with stdin closed).
            const bool alive = (revents & POLLNVAL) == 0 && drain(inputs_[i], lines);
            for (const auto& line : lines) {
                if (!on_line(line)) return 0;
            }
            if (!alive) inputs_[i].fd = -1;
        }
    }
}

}  // namespace kafkascope::sandbox
