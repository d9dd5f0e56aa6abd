#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace samsa::broker::protocol {

// Reads Kafka primitive types from a request body. Never throws and never reads out of bounds:
// the first malformed field puts the reader into a failed state and every later read yields a
// default value, so decoders can read a whole struct and check ok() once at the end.
class ByteReader {
public:
    explicit ByteReader(std::span<const uint8_t> data)
        : m_data(data)
    {
    }

    bool ok() const { return m_ok; }
    void fail() { m_ok = false; }
    size_t position() const { return m_pos; }
    size_t remaining() const { return m_ok ? m_data.size() - m_pos : 0; }
    bool atEnd() const { return remaining() == 0; }

    int8_t readInt8();
    int16_t readInt16();
    int32_t readInt32();
    int64_t readInt64();
    uint32_t readUInt32();
    bool readBool() { return readInt8() != 0; }
    uint32_t readUnsignedVarint();
    int32_t readVarint();
    int64_t readVarlong();
    // 16 raw bytes, as in Kafka's uuid type.
    void readUuid(uint8_t out[16]);

    // STRING / COMPACT_STRING; a null string reads as empty.
    std::string readString(bool flexible);
    // NULLABLE_STRING / COMPACT_NULLABLE_STRING.
    std::optional<std::string> readNullableString(bool flexible);
    // BYTES / COMPACT_BYTES and their nullable forms; a null reads as nullopt.
    std::optional<std::span<const uint8_t>> readNullableBytes(bool flexible);
    std::span<const uint8_t> readBytes(bool flexible)
    {
        return readNullableBytes(flexible).value_or(std::span<const uint8_t> {});
    }
    // ARRAY / COMPACT_ARRAY length: -1 for null. Lengths that cannot fit in the remaining bytes fail.
    int32_t readArrayLength(bool flexible);
    // Skips a tagged-field section (flexible versions only).
    void skipTaggedFields();
    std::span<const uint8_t> readRaw(size_t n);

private:
    bool need(size_t n);

    std::span<const uint8_t> m_data;
    size_t m_pos = 0;
    bool m_ok = true;
};

} // namespace samsa::broker::protocol
