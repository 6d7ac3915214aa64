#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "stop_signals.h"

namespace kafkascope::sandbox {

// Longer lines are delivered cut to kMaxLineLength + 1 bytes so the handler
// can reject them with one reply instead of us buffering without bound.
inline constexpr std::size_t kMaxLineLength = 4096;

// Splits a byte stream into non-empty lines (without "\n" or a trailing "\r").
class LineBuffer {
public:
    void append(std::string_view bytes, std::vector<std::string>& lines);
    // At EOF: a last line without "\n" still counts.
    void finish(std::vector<std::string>& lines);

private:
    std::string pending_;
    bool discarding_ = false;  // inside an over-long line, past its cut
};

// Waits on the stop-signal pipe and on line-based command inputs at once.
// EOF on an input only retires that input: CTest and daemons start us with
// stdin closed, and that must not stop the cluster.
class ControlLoop {
public:
    // Returns false to stop the loop (the "quit" command).
    using LineHandler = std::function<bool(std::string_view line)>;

    void add_input(std::string name, int fd);
    // Returns the signal number that ended the loop, or 0 if the handler did.
    int run(const StopSignals& signals, const LineHandler& on_line);

private:
    struct Input {
        std::string name;
        int fd = -1;
        LineBuffer buffer;
    };
    // Reads what is available; returns false when the input is finished.
    static bool drain(Input& input, std::vector<std::string>& lines);

    std::vector<Input> inputs_;
};

}  // namespace kafkascope::sandbox
