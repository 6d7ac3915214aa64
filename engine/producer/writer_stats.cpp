#include "producer/writer_stats.h"

#include <algorithm>

namespace kafkascope::producer {

void Summary::add(std::int64_t v) {
    min = count == 0 ? v : std::min(min, v);
    max = count == 0 ? v : std::max(max, v);
    sum += v;
    ++count;
}

std::int64_t micros(std::chrono::steady_clock::duration d) {
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

const char* flush_reason_name(FlushReason reason) noexcept {
    switch (reason) {
        case FlushReason::size: return "size";
        case FlushReason::bytes: return "bytes";
        case FlushReason::timeout: return "timeout";
        case FlushReason::flush: return "flush";
        case FlushReason::close: return "close";
        case FlushReason::linger: return "linger";
        case FlushReason::sync: return "sync";
    }
    return "unknown";
}

}  // namespace kafkascope::producer
