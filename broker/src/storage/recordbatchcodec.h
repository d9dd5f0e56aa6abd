#pragma once

// Builds and decodes record batches v2: the broker's own writes to internal topics
// (__consumer_offsets, _schemas) and reading them back at start-up, and the batches that messages
// of the old formats become on append (storage/upconversion.h).

#include "storage/compression.h"

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

// Builds one record batch v2 record by record: CreateTime, no headers and no producer id; its
// base timestamp is the first record's, its MaxTimestamp the largest (-1 when none has one). The
// base offset is 0: the log assigns the real one on append.
class RecordBatchBuilder {
public:
    // nullopt key or value is null.
    void add(int64_t timestamp, std::optional<std::span<const uint8_t>> key,
        std::optional<std::span<const uint8_t>> value);
    int32_t count() const { return m_count; }
    // The records' bytes so far, before compression.
    size_t bodySize() const { return m_body.size(); }
    // The batch of the records added, in `codec`; the builder is empty again afterwards.
    Bytes finish(CompressionCodec codec = CompressionCodec::None);

private:
    Bytes m_body;
    Bytes m_record;
    int32_t m_count = 0;
    int64_t m_baseTimestamp = -1;
    int64_t m_maxTimestamp = -1;
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
