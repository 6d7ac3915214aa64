#include "control_fifo.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace kafkascope::sandbox {
namespace {

std::string errno_text() {
    return std::strerror(errno);
}

}  // namespace

Status ControlFifo::open(const std::string& path, ControlFifo& out) {
    ControlFifo fifo;
    fifo.path_ = path;
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
        if (!S_ISFIFO(info.st_mode))
            return Status::error("--control " + path + " exists and is not a FIFO");
    } else if (errno != ENOENT) {
        return Status::error("--control " + path + ": " + errno_text());
    } else if (::mkfifo(path.c_str(), 0600) != 0) {
        return Status::error("cannot create FIFO " + path + ": " + errno_text());
    } else {
        fifo.created_ = true;
    }
    // Non-blocking: a blocking open of the read end would wait for a writer.
    fifo.read_fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fifo.read_fd_ == -1) return Status::error("cannot open FIFO " + path + ": " + errno_text());
    fifo.keepalive_fd_ = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fifo.keepalive_fd_ == -1)
        return Status::error("cannot open FIFO " + path + " for writing: " + errno_text());
    if (::fstat(fifo.read_fd_, &info) == 0) {
        fifo.device_ = info.st_dev;
        fifo.inode_ = info.st_ino;
    }
    out = std::move(fifo);
    return Status::ok();
}

ControlFifo::~ControlFifo() {
    reset();
}

ControlFifo::ControlFifo(ControlFifo&& other) noexcept
    : path_(std::move(other.path_)),
      read_fd_(std::exchange(other.read_fd_, -1)),
      keepalive_fd_(std::exchange(other.keepalive_fd_, -1)),
      created_(std::exchange(other.created_, false)),
      device_(other.device_),
      inode_(other.inode_) {}

ControlFifo& ControlFifo::operator=(ControlFifo&& other) noexcept {
    if (this != &other) {
        reset();
        path_ = std::move(other.path_);
        read_fd_ = std::exchange(other.read_fd_, -1);
        keepalive_fd_ = std::exchange(other.keepalive_fd_, -1);
        created_ = std::exchange(other.created_, false);
        device_ = other.device_;
        inode_ = other.inode_;
    }
    return *this;
}

void ControlFifo::reset() {
    if (read_fd_ != -1) ::close(read_fd_);
    if (keepalive_fd_ != -1) ::close(keepalive_fd_);
    struct stat info {};
    if (created_ && ::stat(path_.c_str(), &info) == 0 && info.st_dev == device_ &&
        info.st_ino == inode_) {
        ::unlink(path_.c_str());
    }
    read_fd_ = keepalive_fd_ = -1;
    created_ = false;
}

}  // namespace kafkascope::sandbox
