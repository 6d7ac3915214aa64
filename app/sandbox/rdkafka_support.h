#pragma once

#include <optional>
#include <string>
#include <string_view>

// Forward declarations so only the .cpp files that really call librdkafka see
// its C headers (their macros trip -Wold-style-cast in C++).
struct rd_kafka_conf_s;

namespace kafkascope::sandbox {

// Sends librdkafka's log lines to stderr with a recognisable prefix: stdout is
// reserved for the bootstrap line and command replies.
void route_logs_to_stderr(rd_kafka_conf_s* conf);

// Sets one property; on failure returns librdkafka's explanation.
std::optional<std::string> set_conf(rd_kafka_conf_s* conf, const char* name,
                                    const std::string& value);

// "NOT_COORDINATOR", "_TRANSPORT" or a number. Names are matched
// case-insensitively against librdkafka's own table so every code it knows
// is accepted without a list of our own.
std::optional<int> parse_error_code(std::string_view text);

// "NOT_COORDINATOR (16)" for messages.
std::string describe_error_code(int code);

}  // namespace kafkascope::sandbox
