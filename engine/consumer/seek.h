#pragma once
// kafka-go's Conn.Seek(offset, whence) arithmetic as a pure function, so the
// rules can be tested without a broker and reused by every seek entry point.
//
//   whence          new position              bound check against [first, last]
//   seek_start      first + offset            yes
//   seek_absolute   offset                    yes, unless offset == current
//   seek_end        last - offset             yes
//   seek_current    current + offset          yes
//   | seek_dont_check with absolute/current: no bounds lookup, no check.
//   (dont_check with start/end still needs the bounds and still checks,
//   exactly as kafka-go does.) A result outside [first, last] fails with
//   OFFSET_OUT_OF_RANGE; an unknown whence fails with invalid_argument.

#include <cstdint>
#include <optional>

#include "core/result.h"

namespace kafkascope::consumer {

// Same numbering as kafka-go (not lseek's).
inline constexpr int seek_start = 0;
inline constexpr int seek_absolute = 1;
inline constexpr int seek_end = 2;
inline constexpr int seek_current = 3;
inline constexpr int seek_dont_check = 1 << 30;

struct OffsetBounds {
    std::int64_t first = 0;
    std::int64_t last = 0;  // next offset to be written (high watermark)
};

// Answer to "which offset holds the first message at or after time T"
// (ListOffsets with a timestamp; kafka-go's Conn.ReadOffset). offset -1 means
// no message is that recent: kafka-go's Reader.SetOffsetAt then moves to the
// last offset (its SetOffset(-1) is LastOffset), and so do we.
struct OffsetAtTime {
    std::int64_t offset = -1;
    std::int64_t timestamp = -1;  // of the message found; -1 when none (or v0)
    bool found() const { return offset >= 0; }
};

// True when the seek needs the partition's first/last offsets (one ListOffsets
// round trip each); false when `seek_offset(..., nullopt)` can answer alone.
bool seek_needs_bounds(std::int64_t current, std::int64_t offset, int whence);

// The new position. `bounds` must be set whenever seek_needs_bounds() is true.
Result<std::int64_t> seek_offset(std::int64_t current, std::int64_t offset, int whence,
                                 std::optional<OffsetBounds> bounds);

}  // namespace kafkascope::consumer
