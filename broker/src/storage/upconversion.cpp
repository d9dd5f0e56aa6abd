#include "storage/upconversion.h"

#include "storage/legacymessages.h"
#include "storage/recordbatchcodec.h"
#include "storage/recordvalidation.h"

#include <algorithm>
#include <optional>

namespace samsa::broker {

namespace {

UpConversion refused(ErrorCode error, std::string message, int32_t entry)
{
    UpConversion result;
    result.error = error;
    result.message = std::move(message);
    result.entryIndex = entry;
    return result;
}

// The record a message becomes; an error message when it may not be stored.
std::optional<std::string> toRecord(const legacy::Message& message, RecordParts* record)
{
    if (message.logAppendTime())
        return std::string("a producer may not set the LogAppendTime timestamp type");
    record->timestamp = message.magic == 0 ? legacy::NoTimestamp : message.timestamp;
    record->key = message.key;
    record->value = message.value;
    return std::nullopt;
}

} // namespace

UpConversion upConvertMessageSet(std::span<const uint8_t> messageSet, int32_t maxMessageBytes)
{
    std::vector<legacy::Message> entries;
    const legacy::ParseResult parsed = legacy::parseMessageSet(messageSet, &entries);
    if (parsed.error != ErrorCode::None)
        return refused(parsed.error, parsed.message, parsed.index);
    if (entries.empty())
        return refused(ErrorCode::CorruptMessage, "the message set holds no message", 0);

    std::vector<std::vector<uint8_t>> decompressed; // the inner message sets the records point into
    std::vector<RecordParts> records;
    std::optional<CompressionCodec> codec;
    const size_t limit = decompressedBatchLimit(maxMessageBytes);
    for (size_t index = 0; index < entries.size(); ++index) {
        const legacy::Message& entry = entries[index];
        const auto at = static_cast<int32_t>(index);
        if (entry.wireSize > static_cast<size_t>(std::max(maxMessageBytes, 0)))
            return refused(ErrorCode::MessageTooLarge,
                "message of " + std::to_string(entry.wireSize) + " bytes exceeds max.message.bytes "
                    + std::to_string(maxMessageBytes),
                at);
        const int codecBits = entry.attributes & legacy::CompressionMask;
        if (codecBits == 0) {
            RecordParts record;
            if (auto error = toRecord(entry, &record))
                return refused(ErrorCode::InvalidTimestamp, *error, at);
            records.push_back(record);
            continue;
        }
        if (codecBits == static_cast<int>(CompressionCodec::Zstd))
            return refused(ErrorCode::UnsupportedCompressionType,
                "zstd needs record batches v2 (Produce v3 or later); message format v" + std::to_string(entry.magic)
                    + " has no zstd",
                at);
        if (codecBits > static_cast<int>(CompressionCodec::Zstd))
            return refused(ErrorCode::CorruptMessage, "unknown compression codec " + std::to_string(codecBits), at);
        if (entry.logAppendTime())
            return refused(ErrorCode::InvalidTimestamp, "a producer may not set the LogAppendTime timestamp type", at);
        if (!entry.value)
            return refused(ErrorCode::CorruptMessage, "a compressed message without a value", at);
        std::string error;
        std::optional<std::vector<uint8_t>> fixedFrame;
        if (entry.magic == 0 && entry.codec() == CompressionCodec::Lz4)
            fixedFrame = lz4WithProperHeaderChecksum(*entry.value);
        auto inner = decompressAll(
            entry.codec(), fixedFrame ? std::span<const uint8_t>(*fixedFrame) : *entry.value, limit, &error);
        if (!inner)
            return refused(ErrorCode::CorruptMessage,
                std::string("the ") + compressionCodecName(entry.codec()) + " message does not decompress: " + error,
                at);
        std::vector<legacy::Message> innerMessages;
        const legacy::ParseResult innerParsed = legacy::parseMessageSet(*inner, &innerMessages);
        if (innerParsed.error != ErrorCode::None)
            return refused(innerParsed.error, "inside a compressed message: " + innerParsed.message, at);
        if (innerMessages.empty())
            return refused(ErrorCode::InvalidRecord, "a compressed message holds no message", at);
        for (const legacy::Message& message : innerMessages) {
            if ((message.attributes & legacy::CompressionMask) != 0)
                return refused(ErrorCode::InvalidRecord, "a compressed message holds another compressed message", at);
            if (message.magic != entry.magic)
                return refused(ErrorCode::InvalidRecord,
                    "a message of magic " + std::to_string(message.magic) + " inside one of magic "
                        + std::to_string(entry.magic),
                    at);
            RecordParts record;
            if (auto timestampError = toRecord(message, &record))
                return refused(ErrorCode::InvalidTimestamp, *timestampError, at);
            records.push_back(record);
        }
        if (!codec)
            codec = entry.codec();
        decompressed.push_back(std::move(*inner)); // moving keeps the records' views valid
    }
    UpConversion result;
    result.messageCount = static_cast<int32_t>(records.size());
    // A record's v2 encoding is smaller than its key and value plus this, whatever its lengths.
    constexpr size_t RecordOverhead = 32;
    const size_t budget = static_cast<size_t>(std::max<int64_t>(int64_t(maxMessageBytes) - 128, 1));
    const std::span<const RecordParts> all(records);
    size_t first = 0;
    size_t chunkBytes = 0;
    const auto flush = [&](size_t end) {
        auto batch = buildRecordBatch(all.subspan(first, end - first), codec.value_or(CompressionCodec::None));
        if (result.batches.empty())
            result.batches = std::move(batch);
        else
            result.batches.insert(result.batches.end(), batch.begin(), batch.end());
        first = end;
        chunkBytes = 0;
    };
    for (size_t index = 0; index < records.size(); ++index) {
        const size_t size = RecordOverhead + (records[index].key ? records[index].key->size() : 0)
            + (records[index].value ? records[index].value->size() : 0);
        if (index > first && chunkBytes + size > budget)
            flush(index);
        chunkBytes += size;
    }
    flush(records.size());
    return result;
}

} // namespace samsa::broker
