#pragma once
// Golden request/response frames captured from real clients against kfake
// (see tests/data/golden/README.md). One JSON object per line; frames are
// hex without the 4-byte size prefix.

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/bytes.h"

namespace kafkascope::test {

struct GoldenSample {
    std::string source;  // capture file the exchange came from
    std::int16_t api_key = 0;
    std::int16_t api_version = 0;
    std::int32_t correlation_id = 0;
    std::string client_id;
    std::string note;
    protocol::Bytes request;   // request header + body
    protocol::Bytes response;  // correlation id + response header rest + body

    // "metadata.jsonl line 3 (Metadata v2, kmsg-version-sweep_vs_kfake)"-style
    // label for failure messages.
    std::string label;
};

// Loads data_dir()/golden/<file>. Throws std::runtime_error if the file is
// missing or a line does not parse, so a broken fixture fails loudly.
std::vector<GoldenSample> load_golden(const std::string& file);

}  // namespace kafkascope::test
