#pragma once

// Reads a partition back through PartitionLog::read the way a fetch would, decoding what the
// slices hold, to check offsets and values end to end.

#include "common/bytes.h"
#include "common/crc32c.h"
#include "storage/partitionlog.h"

#include <string>
#include <unistd.h>
#include <vector>

namespace samsa::broker::test {

struct ReadRecord {
    int64_t offset;
    std::string value;
    int64_t timestamp;
};

struct DecodedBatch {
    int64_t baseOffset;
    int32_t count;
    int16_t attributes;
    int64_t maxTimestamp;
    bool crcOk;
};

inline bool getVarlong(const std::vector<uint8_t>& in, size_t& pos, int64_t& value)
{
    uint64_t raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= in.size())
            return false;
        const uint8_t b = in[pos++];
        raw |= static_cast<uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            value = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
            return true;
        }
    }
    return false;
}

inline std::vector<uint8_t> sliceBytes(const ReadResult& result)
{
    std::vector<uint8_t> bytes;
    for (const auto& slice : result.slices) {
        std::vector<uint8_t> part(static_cast<size_t>(slice.length));
        if (::pread(slice.fd, part.data(), part.size(), slice.position) != slice.length)
            return {};
        bytes.insert(bytes.end(), part.begin(), part.end());
    }
    return bytes;
}

// Decodes whole uncompressed batches; records and batch headers are appended to the outputs.
inline bool decodeBatches(const std::vector<uint8_t>& bytes, std::vector<ReadRecord>* records,
                          std::vector<DecodedBatch>* batches = nullptr)
{
    size_t pos = 0;
    while (pos < bytes.size()) {
        if (bytes.size() - pos < 61)
            return false;
        std::span<const uint8_t> b(bytes.data() + pos, bytes.size() - pos);
        const int64_t base = readBeInt64(b);
        const int32_t length = readBeInt32(b.subspan(8));
        if (static_cast<size_t>(length) + 12 > b.size())
            return false;
        const int32_t count = readBeInt32(b.subspan(57));
        const int64_t baseTimestamp = readBeInt64(b.subspan(27));
        const bool crcOk = crc32c(b.subspan(21, static_cast<size_t>(length) - 9)) == readBe32(b.subspan(17));
        if (batches)
            batches->push_back({base, count, readBeInt16(b.subspan(21)), readBeInt64(b.subspan(35)), crcOk});
        std::vector<uint8_t> body(b.begin() + 61, b.begin() + 12 + length);
        size_t p = 0;
        for (int32_t i = 0; i < count && records; ++i) {
            int64_t len = 0, tsDelta = 0, offDelta = 0, keyLen = 0, valueLen = 0;
            if (!getVarlong(body, p, len))
                return false;
            const size_t next = p + static_cast<size_t>(len);
            ++p;
            getVarlong(body, p, tsDelta);
            getVarlong(body, p, offDelta);
            getVarlong(body, p, keyLen);
            p += static_cast<size_t>(std::max<int64_t>(keyLen, 0));
            getVarlong(body, p, valueLen);
            std::string value(body.begin() + static_cast<long>(p), body.begin() + static_cast<long>(p + static_cast<size_t>(valueLen)));
            records->push_back({base + offDelta, value, baseTimestamp + tsDelta});
            p = next;
        }
        pos += 12 + static_cast<size_t>(length);
    }
    return true;
}

// Every record from `from` to the high watermark, fetching like a consumer would.
inline std::vector<ReadRecord> readAll(const PartitionLog& log, int64_t from = 0, int32_t maxBytes = 1 << 20)
{
    std::vector<ReadRecord> out;
    int64_t next = from;
    for (int guard = 0; guard < 100000; ++guard) {
        const ReadResult result = log.read(next, maxBytes);
        if (result.error != ErrorCode::None || result.slices.empty())
            break;
        std::vector<ReadRecord> records;
        if (!decodeBatches(sliceBytes(result), &records))
            break;
        for (const auto& record : records) {
            if (record.offset >= next) {
                out.push_back(record);
                next = record.offset + 1;
            }
        }
    }
    return out;
}

} // namespace samsa::broker::test
