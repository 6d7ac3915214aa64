#pragma once
// Internal to engine/records: decoders for one complete entry of a records
// blob, called by decode_records() once it knows the entry's size and magic.
// Spans handed in always lie inside *owner; record views store positions
// relative to owner->data().

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "records/record_batch_reader.h"

namespace kafkascope::records::detail {

// A magic-2 batch, from its baseOffset to its last byte.
Status decode_batch_v2(std::span<const std::uint8_t> batch, const std::shared_ptr<const Bytes>& owner,
                       const DecodeOptions& options, std::vector<DecodedBatch>& out);

// A magic-0/1 entry (offset, size, message), compressed wrappers included.
// Consecutive plain messages sharing `owner` are merged into one batch.
Status decode_legacy_entry(std::span<const std::uint8_t> entry,
                           const std::shared_ptr<const Bytes>& owner,
                           const DecodeOptions& options, std::vector<DecodedBatch>& out);

// Position of p inside storage as a 32-bit offset (storage is < 4 GiB; the
// caller checks).
inline std::uint32_t offset_in(const Bytes& storage, const std::uint8_t* p) noexcept {
    return static_cast<std::uint32_t>(p - storage.data());
}

// Offsets and timestamps come from untrusted input; wrap instead of
// overflowing (undefined behaviour) on hostile values.
inline std::int64_t wrap_add(std::int64_t a, std::int64_t b) noexcept {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
inline std::int64_t wrap_sub(std::int64_t a, std::int64_t b) noexcept {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

Error corrupt(std::int64_t base_offset, const std::string& what);

}  // namespace kafkascope::records::detail
