#pragma once
// ListOffsets asked of one leader for many partitions of a topic at once:
// earliest (-2), latest (-1) or the first offset whose timestamp is at or
// after a time. The one place that builds and reads such a request for the
// browser's start points, the offset reset and the reader's offset at a
// time (offsets_client.h fans earliest/latest out over all leaders).

#include <cstdint>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "core/result.h"
#include "net/connection.h"

namespace kafkascope::cluster {

struct OffsetAnswer {
    std::int32_t partition = 0;
    // -1 from a timestamp lookup: no message at or after that time.
    std::int64_t offset = -1;
    std::int64_t timestamp = -1;  // of that record, where the broker says (v1+)
    Error error;
};

// One request; answers in the order of `partitions`. A partition the broker
// leaves out gets an error, never a silent -1.
asio::awaitable<Result<std::vector<OffsetAnswer>>> list_offsets(net::Connection& connection,
                                                                const std::string& topic,
                                                                const std::vector<std::int32_t>& partitions,
                                                                std::int64_t timestamp);

}  // namespace kafkascope::cluster
