#pragma once
// ListGroups fanned out to every broker (each lists the groups it
// coordinates). The state filter is sent where the broker's version has one
// (v4+); a broker below v4 cannot filter or report states, so with a filter
// it is reported as a failure instead of listing unfiltered groups. Brokers
// that fail do not hide the others' answers. Engine thread only.

#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "admin/group_types.h"
#include "cluster/cluster_types.h"

namespace kafkascope::cluster {
class BrokerPool;
}

namespace kafkascope::admin {

asio::awaitable<GroupListingResult> list_groups(cluster::BrokerPool& pool, const ClusterMetadata& metadata,
                                                std::vector<std::string> states_filter);

}  // namespace kafkascope::admin
