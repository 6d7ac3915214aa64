#include "consumer/seek.h"

#include <string>

#include "protocol/kafka_error.h"

namespace kafkascope::consumer {

namespace {

constexpr std::int16_t kOffsetOutOfRange = 1;

bool valid_whence(int w) { return w >= seek_start && w <= seek_current; }

}  // namespace

bool seek_needs_bounds(std::int64_t current, std::int64_t offset, int whence) {
    const bool dont_check = (whence & seek_dont_check) != 0;
    whence &= ~seek_dont_check;
    if (!valid_whence(whence)) return false;  // rejected without a lookup
    if (dont_check && (whence == seek_absolute || whence == seek_current)) return false;
    // kafka-go returns early when an absolute seek does not move.
    if (whence == seek_absolute && offset == current) return false;
    return true;
}

Result<std::int64_t> seek_offset(std::int64_t current, std::int64_t offset, int whence,
                                 std::optional<OffsetBounds> bounds) {
    const bool dont_check = (whence & seek_dont_check) != 0;
    whence &= ~seek_dont_check;
    if (!valid_whence(whence)) {
        return Error(client_errc::invalid_argument,
                     "whence must be one of 0, 1, 2, or 3. (whence = " + std::to_string(whence) + ")");
    }
    if (dont_check && whence == seek_absolute) return offset;
    if (dont_check && whence == seek_current) return current + offset;
    if (whence == seek_absolute && offset == current) return offset;
    if (whence == seek_current) offset = current + offset;
    if (!bounds) {
        return Error(client_errc::invalid_argument, "seek needs the partition's first and last offsets");
    }
    if (whence == seek_start) offset = bounds->first + offset;
    if (whence == seek_end) offset = bounds->last - offset;
    if (offset < bounds->first || offset > bounds->last) {
        return Error(protocol::make_kafka_error_code(kOffsetOutOfRange),
                     "OFFSET_OUT_OF_RANGE: seek to offset " + std::to_string(offset) +
                         " is outside the partition's range [" + std::to_string(bounds->first) + ", " +
                         std::to_string(bounds->last) + "]");
    }
    return offset;
}

}  // namespace kafkascope::consumer
