#include "storage/logreplay.h"

#include "common/crc32c.h"
#include "common/log.h"
#include "protocol/bytereader.h"
#include "storage/partitionlog.h"
#include "storage/recordbatch.h"

#include <algorithm>
#include <unistd.h>

namespace samsa::broker {

namespace {

constexpr int32_t ReadChunkBytes = 4 * 1024 * 1024;

// Wrapping addition: the deltas come from disk and must not be undefined behaviour when absurd.
int64_t addWrapping(int64_t a, int64_t b)
{
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

bool readVarBytes(protocol::ByteReader& in, std::optional<Bytes>* out)
{
    const int32_t length = in.readVarint();
    if (!in.ok() || length < -1 || (length > 0 && static_cast<size_t>(length) > in.remaining()))
        return false;
    if (length < 0) {
        out->reset();
        return true;
    }
    const auto raw = in.readRaw(static_cast<size_t>(length));
    *out = Bytes(raw.begin(), raw.end());
    return in.ok();
}

// Every record of an uncompressed batch, or false with *problem: the whole batch is then left out,
// as Kafka treats a batch as one unit. Offset deltas must rise and stay within the header's last
// offset delta; the count need not equal lastOffsetDelta + 1 (compaction removes records).
bool decodeRecords(std::span<const uint8_t> batch, const recordbatch::Header& header,
    std::vector<DecodedRecord>* records, std::string* problem)
{
    if (header.recordsCount < 0 || header.lastOffsetDelta < 0) {
        *problem = "a negative record count or last offset delta";
        return false;
    }
    protocol::ByteReader in(batch.subspan(recordbatch::HeaderSize));
    int32_t previousDelta = -1;
    for (int32_t i = 0; i < header.recordsCount; ++i) {
        const int32_t length = in.readVarint();
        if (!in.ok() || length < 0 || static_cast<size_t>(length) > in.remaining()) {
            *problem = "record " + std::to_string(i) + " claims more bytes than the batch holds";
            return false;
        }
        protocol::ByteReader record(in.readRaw(static_cast<size_t>(length)));
        record.readInt8(); // attributes
        const int64_t timestampDelta = record.readVarlong();
        const int32_t offsetDelta = record.readVarint();
        if (!record.ok() || offsetDelta <= previousDelta || offsetDelta > header.lastOffsetDelta) {
            *problem = "record " + std::to_string(i) + " has an offset delta out of order";
            return false;
        }
        previousDelta = offsetDelta;
        DecodedRecord decoded;
        decoded.timestamp = addWrapping(header.baseTimestamp, timestampDelta);
        decoded.offset = header.baseOffset + offsetDelta;
        bool ok = readVarBytes(record, &decoded.key) && readVarBytes(record, &decoded.value);
        const int32_t headers = ok ? record.readVarint() : -1;
        ok = ok && record.ok() && headers >= 0;
        for (int32_t h = 0; ok && h < headers; ++h) {
            std::optional<Bytes> headerKey;
            std::optional<Bytes> headerValue;
            ok = readVarBytes(record, &headerKey) && headerKey && readVarBytes(record, &headerValue);
        }
        if (!ok || !record.ok() || !record.atEnd()) {
            *problem = "record " + std::to_string(i) + " does not decode within its length";
            return false;
        }
        records->push_back(std::move(decoded));
    }
    if (!in.ok() || !in.atEnd()) {
        *problem = "bytes follow the last record the header counts";
        return false;
    }
    return true;
}

// Why the batch cannot be read, or empty when it can (then its records are in *records).
std::string checkBatch(std::span<const uint8_t> batch, const recordbatch::Header& header, bool intact,
    std::vector<DecodedRecord>* records)
{
    if (header.magic != 2)
        return "magic " + std::to_string(header.magic) + " instead of 2";
    if (!intact)
        return "a CRC mismatch";
    if (header.compression() != 0)
        return "compression, which the broker never uses for its own topics";
    std::string problem;
    if (!decodeRecords(batch, header, records, &problem))
        return problem;
    return {};
}

} // namespace

int64_t decodeReplayChunk(std::span<const uint8_t> bytes, int64_t from, const std::string& what,
    std::vector<DecodedRecord>* out)
{
    int64_t next = from;
    size_t position = 0;
    while (bytes.size() - position >= recordbatch::HeaderSize) {
        const auto header = recordbatch::parseHeader(bytes.subspan(position));
        if (header.length < recordbatch::MinimumLength
            || static_cast<uint64_t>(header.totalSize()) > bytes.size() - position)
            break; // a header that cannot be walked past: the caller stops here
        const auto batch = bytes.subspan(position, static_cast<size_t>(header.totalSize()));
        // The offsets of a batch that fails its CRC are trusted only where they follow on from the
        // previous batch (the first one of a read contains `from`): a damaged base offset must not
        // make the caller jump over the rest of the log.
        const bool intact = header.magic == 2 && crc32c(batch.subspan(recordbatch::AttributesPosition)) == header.crc;
        const bool followsOn = position == 0 ? header.baseOffset <= from && header.baseOffset >= 0
                                             : header.baseOffset == next;
        if (header.lastOffsetDelta >= 0 && (intact || followsOn))
            next = std::max(next, header.baseOffset + header.lastOffsetDelta + 1);
        else
            next += 1;
        position += batch.size();
        if (header.control() && header.magic == 2)
            continue; // transaction markers carry nothing for the broker's state
        std::vector<DecodedRecord> records;
        const std::string problem = checkBatch(batch, header, intact, &records);
        if (!problem.empty()) {
            log(LogLevel::Warning, "%s: skipping the batch at offset %lld (%d record(s)) while reading it back: %s",
                what.c_str(), static_cast<long long>(header.baseOffset), header.recordsCount, problem.c_str());
            continue;
        }
        for (auto& record : records) {
            if (record.offset >= from)
                out->push_back(std::move(record));
        }
    }
    return next;
}

bool replayLog(const PartitionLog& log, int64_t from, std::vector<DecodedRecord>* out, int64_t* next,
    std::string* error)
{
    const std::string what = log.topic() + "-" + std::to_string(log.partition());
    int64_t offset = std::max(from, log.logStartOffset());
    *next = offset;
    while (offset < log.highWatermark()) {
        const ReadResult read = log.read(offset, ReadChunkBytes);
        if (read.error != ErrorCode::None) {
            *error = "cannot read " + what + " at offset " + std::to_string(offset);
            return false;
        }
        if (read.slices.empty())
            break;
        Bytes bytes;
        bytes.reserve(static_cast<size_t>(read.bytes));
        for (const auto& slice : read.slices) {
            const size_t start = bytes.size();
            bytes.resize(start + static_cast<size_t>(slice.length));
            if (::pread(slice.fd, bytes.data() + start, static_cast<size_t>(slice.length), slice.position)
                != slice.length) {
                *error = "cannot read a segment of " + what;
                return false;
            }
        }
        const int64_t after = decodeReplayChunk(bytes, offset, what, out);
        if (after <= offset) {
            *error = "cannot walk past the damaged batch header at offset " + std::to_string(offset) + " of " + what;
            return false;
        }
        offset = after;
        *next = offset;
    }
    return true;
}

} // namespace samsa::broker
