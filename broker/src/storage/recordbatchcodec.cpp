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

void RecordBatchBuilder::add(int64_t timestamp, std::optional<std::span<const uint8_t>> key,
    std::optional<std::span<const uint8_t>> value)
{
    if (m_count == 0)
        m_baseTimestamp = timestamp;
    m_maxTimestamp = std::max(m_maxTimestamp, timestamp);
    m_record.clear();
    m_record.push_back(0); // attributes
    appendVarint(m_record, timestamp - m_baseTimestamp);
    appendVarint(m_record, m_count); // offset delta
    appendVarBytes(m_record, key);
    appendVarBytes(m_record, value);
    appendVarint(m_record, 0); // headers
    appendVarint(m_body, static_cast<int64_t>(m_record.size()));
    m_body.insert(m_body.end(), m_record.begin(), m_record.end());
    ++m_count;
}

Bytes RecordBatchBuilder::finish(CompressionCodec codec)
{
    const Bytes body = codec == CompressionCodec::None ? std::move(m_body) : compress(codec, m_body);
    Bytes batch(recordbatch::HeaderSize + body.size());
    std::span<uint8_t> out(batch);
    writeBeInt64(out, 0);
    writeBeInt32(out.subspan(recordbatch::LengthPosition), static_cast<int32_t>(batch.size() - recordbatch::LogOverhead));
    writeBeInt32(out.subspan(recordbatch::PartitionLeaderEpochPosition), 0);
    out[recordbatch::MagicPosition] = 2;
    writeBeInt16(out.subspan(recordbatch::AttributesPosition), static_cast<int16_t>(codec));
    writeBeInt32(out.subspan(recordbatch::LastOffsetDeltaPosition), m_count - 1);
    writeBeInt64(out.subspan(recordbatch::BaseTimestampPosition), m_baseTimestamp);
    writeBeInt64(out.subspan(recordbatch::MaxTimestampPosition), m_maxTimestamp);
    writeBeInt64(out.subspan(recordbatch::ProducerIdPosition), -1);
    writeBeInt16(out.subspan(recordbatch::ProducerEpochPosition), -1);
    writeBeInt32(out.subspan(recordbatch::BaseSequencePosition), -1);
    writeBeInt32(out.subspan(recordbatch::RecordsCountPosition), m_count);
    std::copy(body.begin(), body.end(), batch.begin() + recordbatch::HeaderSize);
    writeBe32(out.subspan(recordbatch::CrcPosition), crc32c(std::span<const uint8_t>(batch).subspan(recordbatch::AttributesPosition)));
    m_body.clear();
    m_count = 0;
    m_baseTimestamp = -1;
    m_maxTimestamp = -1;
    return batch;
}

Bytes buildRecordBatch(const std::vector<KeyValue>& records, int64_t timestampMs)
{
    const auto view = [](const std::optional<Bytes>& bytes) {
        return bytes ? std::optional<std::span<const uint8_t>>(*bytes) : std::nullopt;
    };
    RecordBatchBuilder builder;
    for (const KeyValue& record : records)
        builder.add(timestampMs, view(record.key), view(record.value));
    return builder.finish();
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
