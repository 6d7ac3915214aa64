#pragma once

#include <string>

#include "status.h"

namespace kafkascope::sandbox {

// The read end of the --control FIFO, created if missing.
//
// We also hold a write end open ourselves: otherwise every `echo cmd > fifo`
// would be followed by EOF once that writer closes, and the FIFO would poll
// as hung up forever. With our own writer the FIFO only ever reports data.
class ControlFifo {
public:
    static Status open(const std::string& path, ControlFifo& out);
    ControlFifo() = default;
    ~ControlFifo();
    ControlFifo(ControlFifo&& other) noexcept;
    ControlFifo& operator=(ControlFifo&& other) noexcept;
    ControlFifo(const ControlFifo&) = delete;
    ControlFifo& operator=(const ControlFifo&) = delete;

    [[nodiscard]] int fd() const { return read_fd_; }

private:
    void reset();

    std::string path_;
    int read_fd_ = -1;
    int keepalive_fd_ = -1;
    bool created_ = false;  // only a FIFO we made is removed again...
    // ...and only while the path still names it: a later sandbox may have
    // replaced it with its own FIFO at the same path.
    unsigned long long device_ = 0;
    unsigned long long inode_ = 0;
};

}  // namespace kafkascope::sandbox
