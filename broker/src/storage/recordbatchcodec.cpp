#include "storage/recordbatchcodec.h"

#include "common/bytes.h"
#include "common/crc32c.h"
#include "protocol/bytereader.h"
#include "protocol/bytewriter.h"
#include "storage/partitionlog.h"
#include "storage/recordbatch.h"

#include <unistd.h>

namespace samsa::broker {

namespace {

void writeVarBytes(protocol::ByteWriter& out, const std::optional<Bytes>& bytes)
{
    if (!bytes) {
        out.writeVarint(-1);
        return;
    }
    out.writeVarint(static_cast<int32_t>(bytes->size()));
    out.writeRaw(*bytes);
}

std::optional<Bytes> readVarBytes(protocol::ByteReader& in)
{
    const int32_t length = in.readVarint();
    if (length < 0)
        return std::nullopt;
    auto raw = in.readRaw(static_cast<size_t>(length));
    return Bytes(raw.begin(), raw.end());
}

} // namespace

Bytes buildRecordBatch(const std::vector<KeyValue>& records, int64_t timestampMs)
{
    protocol::ByteWriter body;
    for (size_t i = 0; i < records.size(); ++i) {
        protocol::ByteWriter record;
        record.writeInt8(0); // attributes
        record.writeVarlong(0); // timestamp delta
        record.writeVarint(static_cast<int32_t>(i)); // offset delta
        writeVarBytes(record, records[i].key);
        writeVarBytes(record, records[i].value);
        record.writeVarint(0); // headers
        body.writeVarint(static_cast<int32_t>(record.buffer().size()));
        body.writeRaw(record.buffer());
    }
    Bytes batch(recordbatch::HeaderSize + body.buffer().size());
    std::span<uint8_t> out(batch);
    writeBeInt64(out, 0);
    writeBeInt32(out.subspan(recordbatch::LengthPosition), static_cast<int32_t>(batch.size() - recordbatch::LogOverhead));
    writeBeInt32(out.subspan(recordbatch::PartitionLeaderEpochPosition), 0);
    out[recordbatch::MagicPosition] = 2;
    writeBeInt16(out.subspan(recordbatch::AttributesPosition), 0);
    writeBeInt32(out.subspan(recordbatch::LastOffsetDeltaPosition), static_cast<int32_t>(records.size()) - 1);
    writeBeInt64(out.subspan(recordbatch::BaseTimestampPosition), timestampMs);
    writeBeInt64(out.subspan(recordbatch::MaxTimestampPosition), timestampMs);
    writeBeInt64(out.subspan(recordbatch::ProducerIdPosition), -1);
    writeBeInt16(out.subspan(recordbatch::ProducerEpochPosition), -1);
    writeBeInt32(out.subspan(recordbatch::BaseSequencePosition), -1);
    writeBeInt32(out.subspan(recordbatch::RecordsCountPosition), static_cast<int32_t>(records.size()));
    std::copy(body.buffer().begin(), body.buffer().end(), batch.begin() + recordbatch::HeaderSize);
    writeBe32(out.subspan(recordbatch::CrcPosition), crc32c(std::span<const uint8_t>(batch).subspan(recordbatch::AttributesPosition)));
    return batch;
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
        for (const auto& slice : read.slices) {
            Bytes part(static_cast<size_t>(slice.length));
            if (::pread(slice.fd, part.data(), part.size(), slice.position) != slice.length)
                return records;
            bytes.insert(bytes.end(), part.begin(), part.end());
        }
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
