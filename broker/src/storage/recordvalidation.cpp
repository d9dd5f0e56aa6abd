#include "storage/recordvalidation.h"

#include "storage/compression.h"
#include "storage/recordbatch.h"
#include "storage/recordstream.h"

#include <algorithm>

namespace samsa::broker {

namespace {

RecordValidation invalid(std::string message)
{
    return { ErrorCode::InvalidRecord, std::move(message) };
}

// Walks the records of one batch. `fail` is set to the first problem found.
class RecordWalker {
public:
    RecordWalker(RecordStream& stream, const recordbatch::Header& header)
        : m_stream(stream)
        , m_header(header)
    {
    }

    RecordValidation walk()
    {
        for (int32_t index = 0; index < m_header.recordsCount; ++index) {
            if (!walkRecord(index))
                return m_result;
        }
        if (!m_stream.atEnd())
            return invalid("the batch holds bytes after its " + std::to_string(m_header.recordsCount) + " records");
        return {};
    }

private:
    bool problem(std::string message)
    {
        m_result = invalid(std::move(message));
        return false;
    }

    bool walkRecord(int32_t index)
    {
        const std::string name = "record " + std::to_string(index);
        int32_t length = 0;
        if (!m_stream.readVarint(&length))
            return problem("the batch claims " + std::to_string(m_header.recordsCount) + " records but holds "
                + std::to_string(index));
        if (length <= 0)
            return problem(name + " has length " + std::to_string(length));
        m_end = m_stream.consumed() + static_cast<uint64_t>(length);
        uint8_t attributes = 0;
        int64_t timestampDelta = 0;
        int32_t offsetDelta = 0;
        if (!m_stream.readByte(&attributes) || !m_stream.readVarlong(&timestampDelta)
            || !m_stream.readVarint(&offsetDelta) || !within())
            return problem(name + " is shorter than its fields");
        // Kafka requires the inner offsets of a client's batch to count 0, 1, 2, ...; the broker
        // keeps batches as they come, so other deltas would hand consumers phantom offsets.
        if (offsetDelta != index)
            return problem(
                name + " has offset delta " + std::to_string(offsetDelta) + ", expected " + std::to_string(index));
        if (!skipBytes(true) || !skipBytes(true))
            return problem(name + " has a key or value that does not fit in it");
        int32_t headers = 0;
        if (!m_stream.readVarint(&headers) || !within() || headers < 0)
            return problem(name + " has an invalid header count");
        for (int32_t h = 0; h < headers; ++h) {
            if (!skipBytes(false) || !skipBytes(true))
                return problem(name + " has a header that does not fit in it");
        }
        if (m_stream.consumed() != m_end)
            return problem(name + " is " + std::to_string(length) + " bytes long but its fields take "
                + std::to_string(m_stream.consumed() + length - m_end));
        return true;
    }

    bool within() const { return m_stream.consumed() <= m_end; }

    // A varint length then that many bytes, inside the record; -1 (null) only where allowed.
    bool skipBytes(bool nullable)
    {
        int32_t length = 0;
        if (!m_stream.readVarint(&length) || !within() || length < (nullable ? -1 : 0))
            return false;
        if (length <= 0)
            return true;
        if (static_cast<uint64_t>(length) > m_end - m_stream.consumed())
            return false;
        return m_stream.skip(static_cast<uint64_t>(length));
    }

    RecordStream& m_stream;
    const recordbatch::Header& m_header;
    uint64_t m_end = 0; // where the current record ends, in stream bytes
    RecordValidation m_result;
};

} // namespace

size_t decompressedBatchLimit(int32_t maxMessageBytes)
{
    constexpr size_t Floor = 64u << 20;
    constexpr size_t Ceiling = 1u << 30;
    return std::clamp(static_cast<size_t>(std::max(maxMessageBytes, 0)) * 16, Floor, Ceiling);
}

RecordValidation validateRecords(std::span<const uint8_t> batch, size_t decompressedLimit)
{
    const recordbatch::Header header = recordbatch::parseHeader(batch);
    const auto records = batch.subspan(recordbatch::HeaderSize);
    // Every record takes at least 7 bytes (its length and six one-byte fields): a count that cannot
    // fit is refused before any work.
    const auto codec = static_cast<CompressionCodec>(header.compression());
    const uint64_t room = codec == CompressionCodec::None ? records.size() : decompressedLimit;
    if (header.recordsCount <= 0 || static_cast<uint64_t>(header.recordsCount) * 7 > room)
        return invalid("the batch claims " + std::to_string(header.recordsCount) + " records in "
            + std::to_string(records.size()) + " bytes");
    if (codec == CompressionCodec::None) {
        RecordStream stream(records);
        return RecordWalker(stream, header).walk();
    }
    auto decompressor = Decompressor::create(codec, records, decompressedLimit);
    if (!decompressor)
        return { ErrorCode::CorruptMessage, "unknown compression codec " + std::to_string(header.compression()) };
    RecordStream stream(decompressor.get());
    RecordValidation result = RecordWalker(stream, header).walk();
    // A stream that stops in error is what broke the walk, whatever the walker saw.
    if (decompressor->failed())
        return { ErrorCode::CorruptMessage,
            std::string(compressionCodecName(codec)) + " records: " + decompressor->error() };
    return result;
}

} // namespace samsa::broker
