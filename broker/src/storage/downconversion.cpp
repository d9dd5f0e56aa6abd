#include "storage/downconversion.h"

#include "common/bytes.h"
#include "storage/batchcompression.h"
#include "storage/batchrecords.h"
#include "storage/legacymessages.h"
#include "storage/recordbatch.h"

#include <algorithm>
#include <optional>

namespace samsa::broker {

namespace {

using Field = std::optional<std::span<const uint8_t>>;

Field keyOf(const RecordView& record) { return record.hasKey ? Field(record.key) : std::nullopt; }
Field valueOf(const RecordView& record) { return record.tombstone ? std::nullopt : Field(record.value); }

// Appends the records of one batch at or after fetchOffset; false with *error on a malformed one.
bool convertBatch(std::span<const uint8_t> batch, const recordbatch::Header& header, int8_t toMagic,
    int64_t fetchOffset, size_t decompressedLimit, std::vector<uint8_t>& out, std::string* error)
{
    const auto codec = static_cast<CompressionCodec>(header.compression());
    const bool logAppendTime = header.logAppendTime();
    const auto timestampBit = static_cast<int8_t>(toMagic > 0 && logAppendTime ? legacy::LogAppendTimeBit : 0);
    const auto timestampOf = [&](const RecordView& record) {
        if (toMagic == 0)
            return legacy::NoTimestamp;
        return logAppendTime ? header.maxTimestamp : record.timestamp;
    };
    std::optional<std::vector<uint8_t>> plain;
    std::span<const uint8_t> records = batch;
    if (codec != CompressionCodec::None) {
        plain = recompressBatch(batch, CompressionCodec::None, decompressedLimit, error);
        if (!plain)
            return false;
        records = *plain;
    }
    if (codec == CompressionCodec::None) {
        return forEachRecord(
            records,
            [&](const RecordView& record) {
                if (record.offset >= fetchOffset)
                    legacy::appendMessage(out, record.offset, toMagic, timestampBit, timestampOf(record),
                        keyOf(record), valueOf(record));
                return true;
            },
            error);
    }
    std::vector<uint8_t> inner;
    int64_t innerCount = 0;
    int64_t lastOffset = -1;
    int64_t maxTimestamp = legacy::NoTimestamp;
    const bool ok = forEachRecord(
        records,
        [&](const RecordView& record) {
            if (record.offset < fetchOffset)
                return true;
            const int64_t offset = toMagic == 0 ? record.offset : innerCount;
            legacy::appendMessage(
                inner, offset, toMagic, timestampBit, timestampOf(record), keyOf(record), valueOf(record));
            ++innerCount;
            lastOffset = record.offset;
            maxTimestamp = std::max(maxTimestamp, timestampOf(record));
            return true;
        },
        error);
    if (!ok)
        return false;
    if (innerCount == 0)
        return true;
    const std::vector<uint8_t> compressed = compress(codec, inner);
    const auto attributes = static_cast<int8_t>(static_cast<int8_t>(codec) | timestampBit);
    legacy::appendMessage(out, lastOffset, toMagic, attributes, maxTimestamp, std::nullopt, Field(compressed));
    return true;
}

} // namespace

DownConversion downConvertBatches(std::span<const uint8_t> batches, int8_t toMagic, int64_t fetchOffset,
    size_t sizeLimit, size_t decompressedLimit)
{
    DownConversion result;
    size_t position = 0;
    size_t firstEntryEnd = 0;
    while (batches.size() - position >= recordbatch::HeaderSize) {
        const auto rest = batches.subspan(position);
        const recordbatch::Header header = recordbatch::parseHeader(rest);
        if (header.length < recordbatch::MinimumLength || header.totalSize() > static_cast<int64_t>(rest.size()))
            break; // the log hands out whole batches only; stop at anything else
        const auto batch = rest.first(static_cast<size_t>(header.totalSize()));
        position += batch.size();
        if (header.control() || header.lastOffset() < fetchOffset)
            continue;
        if (header.compression() == static_cast<int>(CompressionCodec::Zstd)) {
            result.error = ErrorCode::UnsupportedCompressionType;
            result.message = "zstd-compressed records cannot be sent in message format v" + std::to_string(toMagic)
                + "; fetch with version 10 or later";
            result.messageSet.clear();
            return result;
        }
        std::string error;
        if (!convertBatch(batch, header, toMagic, fetchOffset, decompressedLimit, result.messageSet, &error)) {
            result.error = ErrorCode::CorruptMessage;
            result.message = "a stored batch at offset " + std::to_string(header.baseOffset)
                + " cannot be converted: " + error;
            result.messageSet.clear();
            return result;
        }
        if (firstEntryEnd == 0 && result.messageSet.size() >= legacy::LogOverhead)
            firstEntryEnd = legacy::LogOverhead
                + static_cast<size_t>(readBeInt32(std::span<const uint8_t>(result.messageSet).subspan(8)));
        if (result.messageSet.size() >= std::max(sizeLimit, firstEntryEnd))
            break;
    }
    const size_t limit = std::max(sizeLimit, firstEntryEnd);
    if (result.messageSet.size() > limit)
        result.messageSet.resize(limit);
    return result;
}

} // namespace samsa::broker
