#pragma once
// Helpers for the records tests: build inputs, turn decoded views back into
// owning Records for comparison, and hand-build legacy (magic 0/1) messages,
// which no modern client writes any more.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/compression.h"
#include "records/record.h"
#include "records/record_batch_reader.h"

namespace kafkascope::test {

using records::Bytes;

Bytes bytes_of(std::string_view s);
std::string text_of(std::span<const std::uint8_t> b);

// Owning copy of a decoded record (headers included).
records::Record materialise(const records::DecodedBatch& batch, const records::RecordView& view);
// All records of a decode result, in order.
std::vector<records::Record> all_records(const records::DecodeResult& result);

// A legacy message entry: offset, size, crc, magic, attributes, [timestamp],
// key, value.
Bytes legacy_message(std::int64_t offset, std::int8_t magic, std::int8_t attributes,
                     std::int64_t timestamp, const std::optional<Bytes>& key,
                     const std::optional<Bytes>& value);

}  // namespace kafkascope::test
