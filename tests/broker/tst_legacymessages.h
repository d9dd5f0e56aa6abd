#pragma once

// Messages of format v0 and v1 (magic 0/1) for the storage tests, written and read here
// independently of the broker's legacymessages.* (with a CRC-32 of its own).

#include "common/bytes.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker::test {

struct LegacyMessage {
    int64_t offset = 0;
    int8_t magic = 1;
    int8_t attributes = 0;
    int64_t timestamp = -1; // written for magic 1 only
    std::optional<std::string> key;
    std::optional<std::string> value;
};

inline uint32_t crc32Ieee(std::span<const uint8_t> bytes)
{
    uint32_t crc = 0xffffffffu;
    for (const uint8_t byte : bytes) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline void putBe(std::vector<uint8_t>& out, uint64_t value, int bytes)
{
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(value >> shift));
}

inline void putField(std::vector<uint8_t>& out, const std::optional<std::string>& field)
{
    putBe(out, field ? field->size() : 0xffffffffu, 4);
    if (field)
        out.insert(out.end(), field->begin(), field->end());
}

inline std::vector<uint8_t> encodeMessage(const LegacyMessage& message)
{
    std::vector<uint8_t> body;
    body.push_back(static_cast<uint8_t>(message.magic));
    body.push_back(static_cast<uint8_t>(message.attributes));
    if (message.magic > 0)
        putBe(body, static_cast<uint64_t>(message.timestamp), 8);
    putField(body, message.key);
    putField(body, message.value);
    std::vector<uint8_t> out;
    putBe(out, static_cast<uint64_t>(message.offset), 8);
    putBe(out, body.size() + 4, 4);
    putBe(out, crc32Ieee(body), 4);
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

inline std::vector<uint8_t> encodeMessageSet(const std::vector<LegacyMessage>& messages)
{
    std::vector<uint8_t> out;
    for (const auto& message : messages) {
        const auto bytes = encodeMessage(message);
        out.insert(out.end(), bytes.begin(), bytes.end());
    }
    return out;
}

// Whole messages of a message set; a partial last one is skipped, as clients skip it. False when a
// whole message is malformed or its CRC is wrong.
inline bool decodeMessageSet(std::span<const uint8_t> bytes, std::vector<LegacyMessage>* out)
{
    size_t position = 0;
    while (bytes.size() - position >= 12) {
        const auto size = static_cast<size_t>(readBeInt32(bytes.subspan(position + 8)));
        if (bytes.size() - position - 12 < size)
            return true; // partial tail
        const auto message = bytes.subspan(position + 12, size);
        if (size < 14 || readBe32(message) != crc32Ieee(message.subspan(4)))
            return false;
        LegacyMessage decoded;
        decoded.offset = readBeInt64(bytes.subspan(position));
        decoded.magic = static_cast<int8_t>(message[4]);
        decoded.attributes = static_cast<int8_t>(message[5]);
        size_t field = 6;
        if (decoded.magic == 1) {
            decoded.timestamp = readBeInt64(message.subspan(field));
            field += 8;
        }
        for (auto* target : { &decoded.key, &decoded.value }) {
            const int32_t length = readBeInt32(message.subspan(field));
            field += 4;
            if (length >= 0) {
                const auto text = message.subspan(field, static_cast<size_t>(length));
                *target = std::string(text.begin(), text.end());
                field += static_cast<size_t>(length);
            }
        }
        if (field != size)
            return false;
        out->push_back(decoded);
        position += 12 + size;
    }
    return true;
}

} // namespace samsa::broker::test
