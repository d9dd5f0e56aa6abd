#include "storage/recordbatchcodec.h"

#include "common/bytes.h"
#include "common/crc32c.h"
#include "protocol/bytereader.h"
#include "storage/partitionlog.h"
#include "storage/recordbatch.h"

#include <algorithm>

namespace samsa::broker {

namespace {

std::optional<Bytes> readVarBytes(protocol::ByteReader& in)
{
    const int32_t length = in.readVarint();
    if (length < 0)
        return std::nullopt;
    auto raw = in.readRaw(static_cast<size_t>(length));
    return Bytes(raw.begin(), raw.end());
}

} // namespace

namespace {

void appendVarint(Bytes& out, int64_t value)
{
    uint64_t raw = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
    while (raw >= 0x80) {
        out.push_back(static_cast<uint8_t>(raw | 0x80));
        raw >>= 7;
    }
    out.push_back(static_cast<uint8_t>(raw));
}

void appendVarBytes(Bytes& out, const std::optional<std::span<const uint8_t>>& bytes)
{
    if (!bytes) {
        appendVarint(out, -1);
        return;
    }
    appendVarint(out, static_cast<int64_t>(bytes->size()));
    out.insert(out.end(), bytes->begin(), bytes->end());
}

} // namespace

Bytes buildRecordBatch(std::span<const RecordParts> records, CompressionCodec codec)
{
    const int64_t baseTimestamp = records.empty() ? -1 : records.front().timestamp;
    int64_t maxTimestamp = -1;
    Bytes body;
    Bytes record;
    for (size_t i = 0; i < records.size(); ++i) {
        maxTimestamp = std::max(maxTimestamp, records[i].timestamp);
        record.clear();
        record.push_back(0); // attributes
        appendVarint(record, records[i].timestamp - baseTimestamp);
        appendVarint(record, static_cast<int64_t>(i)); // offset delta
        appendVarBytes(record, records[i].key);
        appendVarBytes(record, records[i].value);
        appendVarint(record, 0); // headers
        appendVarint(body, static_cast<int64_t>(record.size()));
        body.insert(body.end(), record.begin(), record.end());
    }
    if (codec != CompressionCodec::None)
        body = compress(codec, body);
    Bytes batch(recordbatch::HeaderSize + body.size());
    std::span<uint8_t> out(batch);
    writeBeInt64(out, 0);
    writeBeInt32(out.subspan(recordbatch::LengthPosition), static_cast<int32_t>(batch.size() - recordbatch::LogOverhead));
    writeBeInt32(out.subspan(recordbatch::PartitionLeaderEpochPosition), 0);
    out[recordbatch::MagicPosition] = 2;
    writeBeInt16(out.subspan(recordbatch::AttributesPosition), static_cast<int16_t>(codec));
    writeBeInt32(out.subspan(recordbatch::LastOffsetDeltaPosition), static_cast<int32_t>(records.size()) - 1);
    writeBeInt64(out.subspan(recordbatch::BaseTimestampPosition), baseTimestamp);
    writeBeInt64(out.subspan(recordbatch::MaxTimestampPosition), maxTimestamp);
    writeBeInt64(out.subspan(recordbatch::ProducerIdPosition), -1);
    writeBeInt16(out.subspan(recordbatch::ProducerEpochPosition), -1);
    writeBeInt32(out.subspan(recordbatch::BaseSequencePosition), -1);
    writeBeInt32(out.subspan(recordbatch::RecordsCountPosition), static_cast<int32_t>(records.size()));
    std::copy(body.begin(), body.end(), batch.begin() + recordbatch::HeaderSize);
    writeBe32(out.subspan(recordbatch::CrcPosition), crc32c(std::span<const uint8_t>(batch).subspan(recordbatch::AttributesPosition)));
    return batch;
}

Bytes buildRecordBatch(const std::vector<KeyValue>& records, int64_t timestampMs)
{
    const auto view = [](const std::optional<Bytes>& bytes) {
        return bytes ? std::optional<std::span<const uint8_t>>(*bytes) : std::nullopt;
    };
    std::vector<RecordParts> parts;
    parts.reserve(records.size());
    for (const KeyValue& record : records)
        parts.push_back({ timestampMs, view(record.key), view(record.value) });
    return buildRecordBatch(parts);
}

bool decodeRecordBatches(std::span<const uint8_t> bytes, std::vector<DecodedRecord>* out)
{
    size_t position = 0;
    while (bytes.size() - position >= recordbatch::HeaderSize) {
        const auto header = recordbatch::parseHeader(bytes.subspan(position));
        const auto total = static_cast<size_t>(header.totalSize());
        if (header.length < recordbatch::MinimumLength || bytes.size() - position < total)
            break;
        if (header.magic == 2 && header.compression() == 0 && !header.control()) {
            protocol::ByteReader in(bytes.subspan(position + recordbatch::HeaderSize, total - recordbatch::HeaderSize));
            for (int32_t i = 0; i < header.recordsCount; ++i) {
                in.readVarint(); // record length
                in.readInt8(); // attributes
                DecodedRecord record;
                record.timestamp = header.baseTimestamp + in.readVarlong();
                record.offset = header.baseOffset + in.readVarint();
                record.key = readVarBytes(in);
                record.value = readVarBytes(in);
                const int32_t headers = in.readVarint();
                for (int32_t h = 0; h < headers && in.ok(); ++h) {
                    readVarBytes(in);
                    readVarBytes(in);
                }
                if (!in.ok())
                    return false;
                out->push_back(std::move(record));
            }
        }
        position += total;
    }
    return true;
}

std::vector<DecodedRecord> readWholeLog(const PartitionLog& log)
{
    std::vector<DecodedRecord> records;
    int64_t offset = log.logStartOffset();
    const int64_t end = log.highWatermark();
    while (offset < end) {
        ReadResult read = log.read(offset, 4 * 1024 * 1024);
        if (read.error != ErrorCode::None || read.slices.empty())
            break;
        Bytes bytes;
        if (!readSliceBytes(read.slices, &bytes))
            return records;
        // Continue after the last whole batch read, whatever it held.
        int64_t next = offset;
        size_t position = 0;
        while (bytes.size() - position >= recordbatch::HeaderSize) {
            const auto header = recordbatch::parseHeader(std::span<const uint8_t>(bytes).subspan(position));
            if (header.length < recordbatch::MinimumLength)
                break;
            next = header.lastOffset() + 1;
            position += static_cast<size_t>(header.totalSize());
        }
        decodeRecordBatches(bytes, &records);
        if (next <= offset)
            break;
        offset = next;
    }
    return records;
}

} // namespace samsa::broker
