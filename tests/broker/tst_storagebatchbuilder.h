#pragma once

// Builds record batches v2 for the storage tests, independently of the broker's own code (apart
// from CRC-32C, which has its own known-answer test).

#include "common/bytes.h"
#include "common/crc32c.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker::test {

struct TestRecord {
    std::string key;
    std::string value;
    int64_t timestamp = 1000;
};

struct BatchOptions {
    int64_t producerId = -1;
    int16_t producerEpoch = -1;
    int32_t baseSequence = -1;
    int16_t attributes = 0;   // compression codec bits, control / transactional flags
    int64_t baseOffset = 0;   // what the client sends; the broker rewrites it
};

inline void putVarlong(std::vector<uint8_t>& out, int64_t value)
{
    uint64_t raw = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
    while (raw >= 0x80) {
        out.push_back(static_cast<uint8_t>(raw | 0x80));
        raw >>= 7;
    }
    out.push_back(static_cast<uint8_t>(raw));
}

inline std::vector<uint8_t> buildBatch(const std::vector<TestRecord>& records, const BatchOptions& options = {})
{
    const int64_t baseTimestamp = records.empty() ? 0 : records.front().timestamp;
    int64_t maxTimestamp = baseTimestamp;
    std::vector<uint8_t> body;
    for (size_t i = 0; i < records.size(); ++i) {
        const auto& record = records[i];
        maxTimestamp = std::max(maxTimestamp, record.timestamp);
        std::vector<uint8_t> one;
        one.push_back(0);
        putVarlong(one, record.timestamp - baseTimestamp);
        putVarlong(one, static_cast<int64_t>(i));
        putVarlong(one, static_cast<int64_t>(record.key.size()));
        one.insert(one.end(), record.key.begin(), record.key.end());
        putVarlong(one, static_cast<int64_t>(record.value.size()));
        one.insert(one.end(), record.value.begin(), record.value.end());
        putVarlong(one, 0); // no headers
        putVarlong(body, static_cast<int64_t>(one.size()));
        body.insert(body.end(), one.begin(), one.end());
    }
    std::vector<uint8_t> batch(61 + body.size());
    std::span<uint8_t> out(batch);
    writeBeInt64(out, options.baseOffset);
    writeBeInt32(out.subspan(8), static_cast<int32_t>(batch.size() - 12));
    writeBeInt32(out.subspan(12), -1);
    out[16] = 2;
    writeBeInt16(out.subspan(21), options.attributes);
    writeBeInt32(out.subspan(23), static_cast<int32_t>(records.size()) - 1);
    writeBeInt64(out.subspan(27), baseTimestamp);
    writeBeInt64(out.subspan(35), maxTimestamp);
    writeBeInt64(out.subspan(43), options.producerId);
    writeBeInt16(out.subspan(51), options.producerEpoch);
    writeBeInt32(out.subspan(53), options.baseSequence);
    writeBeInt32(out.subspan(57), static_cast<int32_t>(records.size()));
    std::copy(body.begin(), body.end(), batch.begin() + 61);
    writeBe32(out.subspan(17), crc32c(std::span<const uint8_t>(batch).subspan(21)));
    return batch;
}

// n records "value-<first+i>" with timestamps timestamp, timestamp+1, ...
inline std::vector<TestRecord> numberedRecords(int count, int first = 0, int64_t timestamp = 1000)
{
    std::vector<TestRecord> records;
    for (int i = 0; i < count; ++i)
        records.push_back({"key-" + std::to_string(first + i), "value-" + std::to_string(first + i), timestamp + i});
    return records;
}

} // namespace samsa::broker::test
