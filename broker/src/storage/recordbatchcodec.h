#pragma once

// Builds and decodes small uncompressed record batches v2, for the broker's own writes to
// internal topics (__consumer_offsets) and for reading them back at start-up.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace samsa::broker {

class PartitionLog;

using Bytes = std::vector<uint8_t>;

struct KeyValue {
    std::optional<Bytes> key;
    std::optional<Bytes> value; // nullopt is a tombstone
};

struct DecodedRecord {
    int64_t offset = 0;
    int64_t timestamp = 0;
    std::optional<Bytes> key;
    std::optional<Bytes> value;
};

// One batch holding the records, with CreateTime timestamps all equal to timestampMs and no
// producer id. The base offset is 0: the log assigns the real one on append.
Bytes buildRecordBatch(const std::vector<KeyValue>& records, int64_t timestampMs);

// Decodes the records of whole uncompressed batches in `bytes`; compressed and control batches
// are skipped, as is a torn tail. Returns false when a batch's records are malformed.
bool decodeRecordBatches(std::span<const uint8_t> bytes, std::vector<DecodedRecord>* out);

// Every record of the log from its start offset to its high watermark.
std::vector<DecodedRecord> readWholeLog(const PartitionLog& log);

} // namespace samsa::broker
