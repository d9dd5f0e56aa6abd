#pragma once

// Kafka's down-conversion for Fetch v0-v3: record batches v2 as read from the log, rewritten as a
// message set of magic 1 (Fetch v2-v3) or magic 0 (Fetch v0-v1) for clients that know no other.
//
// - An uncompressed batch becomes one message per record, at the record's own offset.
// - A compressed batch becomes one wrapper message in the same codec (gzip, snappy or lz4, with a
//   correct lz4 header checksum, which every client accepts for both magics), at the offset of
//   its last record; its inner messages carry offsets 0, 1, ... (magic 1) or the absolute ones
//   (magic 0), as Kafka writes them.
// - Records below fetchOffset (the start of the first batch) are left out, as are control batches
//   and record headers (the old formats have none). Magic 1 keeps each record's timestamp, or the
//   batch's LogAppendTime with attributes bit 3 set; magic 0 drops timestamps.
// - The result is cut at max(sizeLimit, the first message's size): the first message is always
//   whole, the last may be partial, which old clients skip, as Kafka's LazyDownConversionRecords
//   sends it.
// - A zstd batch cannot be expressed: UNSUPPORTED_COMPRESSION_TYPE for the partition, as Kafka.

#include "common/errors.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker {

struct DownConversion {
    ErrorCode error = ErrorCode::None;
    std::string message;
    std::vector<uint8_t> messageSet;
};

DownConversion downConvertBatches(std::span<const uint8_t> batches, int8_t toMagic, int64_t fetchOffset,
    size_t sizeLimit, size_t decompressedLimit);

} // namespace samsa::broker
