#include "storage/legacymessages.h"

#include "common/bytes.h"
#include "storage/recordbatch.h"

#include <algorithm>
#include <zlib.h>

namespace samsa::broker::legacy {

namespace {

ParseResult failure(std::string message, int32_t index)
{
    return { ErrorCode::CorruptMessage, std::move(message), index };
}

// A BYTES field inside [position, end): false when its length runs past the end.
bool readBytes(std::span<const uint8_t> bytes, size_t* position, size_t end,
    std::optional<std::span<const uint8_t>>* field)
{
    if (end - *position < 4)
        return false;
    const int32_t length = readBeInt32(bytes.subspan(*position));
    *position += 4;
    if (length < 0) {
        *field = std::nullopt;
        return length == -1;
    }
    if (static_cast<size_t>(length) > end - *position)
        return false;
    *field = bytes.subspan(*position, static_cast<size_t>(length));
    *position += static_cast<size_t>(length);
    return true;
}

uint32_t crc32Of(std::span<const uint8_t> bytes)
{
    // zlib's crc32 is CRC-32 (IEEE), the checksum of the old formats; batches v2 use CRC-32C.
    uLong crc = crc32(0L, Z_NULL, 0);
    while (!bytes.empty()) {
        const size_t chunk = std::min<size_t>(bytes.size(), 1u << 30);
        crc = crc32(crc, bytes.data(), static_cast<uInt>(chunk));
        bytes = bytes.subspan(chunk);
    }
    return static_cast<uint32_t>(crc);
}

void appendBe32(std::vector<uint8_t>& out, uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(value >> shift));
}

void appendBe64(std::vector<uint8_t>& out, uint64_t value)
{
    appendBe32(out, static_cast<uint32_t>(value >> 32));
    appendBe32(out, static_cast<uint32_t>(value));
}

void appendField(std::vector<uint8_t>& out, std::optional<std::span<const uint8_t>> field)
{
    if (!field) {
        appendBe32(out, 0xffffffffu);
        return;
    }
    appendBe32(out, static_cast<uint32_t>(field->size()));
    out.insert(out.end(), field->begin(), field->end());
}

} // namespace

std::optional<int8_t> firstMagic(std::span<const uint8_t> records)
{
    if (records.size() <= recordbatch::MagicPosition)
        return std::nullopt;
    return static_cast<int8_t>(records[recordbatch::MagicPosition]);
}

ParseResult forEachMessage(std::span<const uint8_t> bytes, const std::function<bool(const Message&)>& visit)
{
    size_t position = 0;
    int32_t index = 0;
    while (position < bytes.size()) {
        const size_t left = bytes.size() - position;
        if (left < LogOverhead + MinimumSizeV0)
            return failure("truncated message at byte " + std::to_string(position), index);
        Message message;
        message.offset = readBeInt64(bytes.subspan(position));
        const int32_t size = readBeInt32(bytes.subspan(position + 8));
        message.magic = static_cast<int8_t>(bytes[position + LogOverhead + 4]);
        if (message.magic != 0 && message.magic != 1)
            return failure("message magic " + std::to_string(message.magic) + " in a message set", index);
        const size_t minimum = message.magic == 0 ? MinimumSizeV0 : MinimumSizeV1;
        if (size < 0 || static_cast<size_t>(size) < minimum)
            return failure("message size " + std::to_string(size) + " is below the minimum of "
                    + std::to_string(minimum),
                index);
        if (static_cast<size_t>(size) > left - LogOverhead)
            return failure("message size " + std::to_string(size) + " runs past the message set", index);
        const size_t start = position + LogOverhead;
        const size_t end = start + static_cast<size_t>(size);
        const uint32_t stored = readBe32(bytes.subspan(start));
        const uint32_t computed = crc32Of(bytes.subspan(start + 4, end - start - 4));
        if (stored != computed)
            return failure("message CRC-32 mismatch (stored " + std::to_string(stored) + ", computed "
                    + std::to_string(computed) + ")",
                index);
        message.attributes = static_cast<int8_t>(bytes[start + 5]);
        size_t field = start + HeaderSizeV0;
        if (message.magic == 1) {
            message.timestamp = readBeInt64(bytes.subspan(field));
            field += 8;
        }
        if (!readBytes(bytes, &field, end, &message.key) || !readBytes(bytes, &field, end, &message.value)
            || field != end)
            return failure("message key and value do not match its size", index);
        message.wireSize = LogOverhead + static_cast<size_t>(size);
        if (!visit(message))
            return {};
        position = end;
        ++index;
    }
    return {};
}

void appendMessage(std::vector<uint8_t>& out, int64_t offset, int8_t magic, int8_t attributes, int64_t timestamp,
    std::optional<std::span<const uint8_t>> key, std::optional<std::span<const uint8_t>> value)
{
    appendBe64(out, static_cast<uint64_t>(offset));
    const size_t sizeAt = out.size();
    appendBe32(out, 0); // size
    appendBe32(out, 0); // crc
    const size_t crcFrom = out.size();
    out.push_back(static_cast<uint8_t>(magic));
    out.push_back(static_cast<uint8_t>(attributes));
    if (magic > 0)
        appendBe64(out, static_cast<uint64_t>(timestamp));
    appendField(out, key);
    appendField(out, value);
    std::span<uint8_t> written(out);
    writeBe32(written.subspan(sizeAt), static_cast<uint32_t>(out.size() - sizeAt - 4));
    writeBe32(written.subspan(crcFrom - 4), crc32Of(std::span<const uint8_t>(out).subspan(crcFrom)));
}

} // namespace samsa::broker::legacy
