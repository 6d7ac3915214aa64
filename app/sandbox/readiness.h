#pragma once

#include <chrono>
#include <vector>

#include "endpoint.h"
#include "status.h"

namespace kafkascope::sandbox {

// Returns once a TCP connect to every endpoint succeeds, or fails after
// `timeout`. The bootstrap line is a promise that clients can connect, so it
// is only printed after this check rather than trusting that listen() ran.
Status wait_until_accepting(const std::vector<Endpoint>& endpoints,
                            std::chrono::milliseconds timeout);

}  // namespace kafkascope::sandbox
