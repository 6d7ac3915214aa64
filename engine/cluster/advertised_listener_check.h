#pragma once
// The classic advertised-listener mistake: the bootstrap address answers,
// but the brokers advertise addresses (advertised.listeners) that only work
// inside their own network, such as a Docker container name. Clients
// connect to what the broker advertises, so everything after the first
// metadata request fails. This turns that situation into a plain sentence.

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"

namespace kafkascope::cluster {

// An explanation when `advertised` failed with a reachability error
// (unknown host, refused, timeout) while `reachable` (another address of
// the same cluster, e.g. the bootstrap address) works; nullopt otherwise.
std::optional<std::string> explain_unreachable_advertised(std::int32_t node_id, const std::string& advertised,
                                                          const std::string& reachable, const Error& error);

}  // namespace kafkascope::cluster
