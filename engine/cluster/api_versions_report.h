#pragma once
// The per-broker versions table: for every API either side knows, the
// broker's range, ours, and the version requests will use.

#include <cstdint>
#include <string>
#include <vector>

#include "cluster/cluster_types.h"
#include "net/api_version_table.h"

namespace kafkascope::cluster {

std::vector<ApiVersionRow> api_version_rows(const net::ApiVersionTable& broker);

}  // namespace kafkascope::cluster
