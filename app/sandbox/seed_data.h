#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "options.h"
#include "status.h"

namespace kafkascope::sandbox {

// Produces a few demo records into every topic (every partition gets some)
// so demo mode has something to show: string keys (a few null), JSON values
// and headers. Uses librdkafka's producer against the sandbox's own brokers.
// On success `produced` holds the number of acknowledged records.
Status seed_demo_data(const std::string& bootstrap, const std::vector<TopicSpec>& topics,
                      std::chrono::milliseconds timeout, int& produced);

}  // namespace kafkascope::sandbox
