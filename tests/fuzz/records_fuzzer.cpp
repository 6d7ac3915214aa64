// libFuzzer target over the records decoder (engine/records): any bytes as a
// Fetch "records" field. Properties: no crash or sanitizer report, bounded
// memory, and every record view lies inside its batch's storage.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_support.h"
#include "records/record_batch_reader.h"

using namespace kafkascope::records;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    DecodeOptions options;
    options.verify_crc = (data[0] & 1) != 0;  // off lets the fuzzer reach the record parser
    options.max_decompressed_bytes = 4u << 20;
    if (data[0] & 2) options.min_offset = 3;
    const auto owner = std::make_shared<const Bytes>(data + 1, data + size);
    const auto result = decode_records(owner, std::span<const std::uint8_t>(*owner), options);
    if (result.bytes_consumed > owner->size())
        kafkascope::fuzz::violated("bytes_consumed past the input");
    for (const auto& batch : result.batches) {
        const std::size_t limit = batch.storage->size();
        for (const auto& r : batch.records) {
            if (r.key_length >= 0 && r.key_offset + static_cast<std::size_t>(r.key_length) > limit)
                kafkascope::fuzz::violated("key outside storage");
            if (r.value_length >= 0 && r.value_offset + static_cast<std::size_t>(r.value_length) > limit)
                kafkascope::fuzz::violated("value outside storage");
            if (batch.headers(r).size() != r.header_count)
                kafkascope::fuzz::violated("headers did not re-read", std::to_string(r.header_count));
        }
    }
    return 0;
}
