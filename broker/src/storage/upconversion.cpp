#include "storage/upconversion.h"

#include "storage/legacymessages.h"
#include "storage/recordbatchcodec.h"
#include "storage/recordvalidation.h"

#include <algorithm>
#include <optional>

namespace samsa::broker {

namespace {

// Streams the records of a message set into batches v2 as they are read, so that memory stays near
// the size of the request: only one wrapper's decompressed messages are held at a time, and all
// wrappers of a request together may decompress to decompressedBatchLimit at most (a request of
// many small decompression bombs stops there too).
class UpConverter {
public:
    explicit UpConverter(int32_t maxMessageBytes)
        : m_maxMessageBytes(maxMessageBytes)
        , m_decompressBudget(decompressedBatchLimit(maxMessageBytes))
        // A record's v2 encoding is smaller than its key and value plus RecordOverhead, whatever
        // their lengths: batches stay below max.message.bytes.
        , m_batchBudget(static_cast<size_t>(std::max<int64_t>(int64_t(maxMessageBytes) - 128, 1)))
    {
    }

    UpConversion run(std::span<const uint8_t> messageSet)
    {
        const legacy::ParseResult parsed = legacy::forEachMessage(messageSet, [this](const legacy::Message& entry) {
            return convertEntry(entry);
        });
        if (parsed.error != ErrorCode::None)
            refuse(parsed.error, parsed.message);
        if (m_result.error == ErrorCode::None && m_result.messageCount == 0)
            refuse(ErrorCode::CorruptMessage, "the message set holds no message");
        if (m_result.error != ErrorCode::None) {
            m_result.entryIndex = std::max(parsed.index, m_entry);
            m_result.batches.clear();
            return std::move(m_result);
        }
        flush();
        return std::move(m_result);
    }

private:
    static constexpr size_t RecordOverhead = 32;

    bool refuse(ErrorCode error, std::string message)
    {
        if (m_result.error == ErrorCode::None) {
            m_result.error = error;
            m_result.message = std::move(message);
        }
        return false;
    }

    bool addRecord(const legacy::Message& message)
    {
        if (message.logAppendTime())
            return refuse(ErrorCode::InvalidTimestamp, "a producer may not set the LogAppendTime timestamp type");
        const size_t size = RecordOverhead + (message.key ? message.key->size() : 0)
            + (message.value ? message.value->size() : 0);
        if (m_builder.count() > 0 && m_builder.bodySize() + size > m_batchBudget)
            flush();
        m_builder.add(message.magic == 0 ? legacy::NoTimestamp : message.timestamp, message.key, message.value);
        ++m_result.messageCount;
        return true;
    }

    void flush()
    {
        if (m_builder.count() == 0)
            return;
        Bytes batch = m_builder.finish(m_codec.value_or(CompressionCodec::None));
        if (m_result.batches.empty())
            m_result.batches = std::move(batch);
        else
            m_result.batches.insert(m_result.batches.end(), batch.begin(), batch.end());
    }

    bool convertEntry(const legacy::Message& entry)
    {
        ++m_entry;
        if (entry.wireSize > static_cast<size_t>(std::max(m_maxMessageBytes, 0)))
            return refuse(ErrorCode::MessageTooLarge,
                "message of " + std::to_string(entry.wireSize) + " bytes exceeds max.message.bytes "
                    + std::to_string(m_maxMessageBytes));
        const int codecBits = entry.attributes & legacy::CompressionMask;
        if (codecBits == 0)
            return addRecord(entry);
        if (codecBits == static_cast<int>(CompressionCodec::Zstd))
            return refuse(ErrorCode::UnsupportedCompressionType,
                "zstd needs record batches v2 (Produce v3 or later); message format v" + std::to_string(entry.magic)
                    + " has no zstd");
        if (codecBits > static_cast<int>(CompressionCodec::Zstd))
            return refuse(ErrorCode::CorruptMessage, "unknown compression codec " + std::to_string(codecBits));
        if (entry.logAppendTime())
            return refuse(ErrorCode::InvalidTimestamp, "a producer may not set the LogAppendTime timestamp type");
        if (!entry.value)
            return refuse(ErrorCode::CorruptMessage, "a compressed message without a value");
        std::optional<Bytes> fixedFrame;
        if (entry.magic == 0 && entry.codec() == CompressionCodec::Lz4)
            fixedFrame = lz4WithProperHeaderChecksum(*entry.value);
        std::string error;
        const auto inner = decompressAll(entry.codec(),
            fixedFrame ? std::span<const uint8_t>(*fixedFrame) : *entry.value, m_decompressBudget, &error);
        if (!inner)
            return refuse(ErrorCode::CorruptMessage,
                std::string("the ") + compressionCodecName(entry.codec()) + " message does not decompress within "
                    + std::to_string(m_decompressBudget) + " bytes left for this request: " + error);
        m_decompressBudget -= inner->size();
        if (!m_codec)
            m_codec = entry.codec();
        int32_t innerCount = 0;
        const legacy::ParseResult parsed = legacy::forEachMessage(*inner, [&](const legacy::Message& message) {
            if ((message.attributes & legacy::CompressionMask) != 0)
                return refuse(ErrorCode::InvalidRecord, "a compressed message holds another compressed message");
            if (message.magic != entry.magic)
                return refuse(ErrorCode::InvalidRecord,
                    "a message of magic " + std::to_string(message.magic) + " inside one of magic "
                        + std::to_string(entry.magic));
            ++innerCount;
            return addRecord(message);
        });
        if (parsed.error != ErrorCode::None)
            return refuse(parsed.error, "inside a compressed message: " + parsed.message);
        if (m_result.error != ErrorCode::None)
            return false;
        if (innerCount == 0)
            return refuse(ErrorCode::InvalidRecord, "a compressed message holds no message");
        // The records now live in the builder: the decompressed messages can go.
        return true;
    }

    int32_t m_maxMessageBytes;
    size_t m_decompressBudget;
    size_t m_batchBudget;
    RecordBatchBuilder m_builder;
    std::optional<CompressionCodec> m_codec;
    int32_t m_entry = -1; // index of the entry being converted
    UpConversion m_result;
};

} // namespace

UpConversion upConvertMessageSet(std::span<const uint8_t> messageSet, int32_t maxMessageBytes)
{
    return UpConverter(maxMessageBytes).run(messageSet);
}

} // namespace samsa::broker
