#pragma once
// JSON Lines (as message_export.h writes them) back into producer messages,
// for replaying an export into a topic. Only key, value, headers and
// (optionally) timestamp and partition are taken; topic and offset are the
// broker's business. Errors name the line and what is wrong with it.

#include <cstddef>
#include <functional>
#include <istream>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "producer/writer_config.h"

namespace kafkascope::browse {

struct ImportOptions {
    bool keep_timestamps = true;   // else the broker/producer stamps them anew
    bool keep_partitions = false;  // else the Writer's balancer picks
};

Result<producer::Message> parse_json_line(std::string_view line, std::size_t line_number,
                                          const ImportOptions& options = {});

// Reads every non-blank line; stops at the first bad one with its error.
// `sink` gets messages in groups of `batch` so a caller can write as it reads.
Result<std::size_t> read_json_lines(std::istream& in, const ImportOptions& options,
                                    const std::function<Status(std::vector<producer::Message>&&)>& sink,
                                    std::size_t batch = 2000);

}  // namespace kafkascope::browse
