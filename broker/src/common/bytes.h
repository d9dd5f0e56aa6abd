#pragma once

// Big-endian (network order) readers and writers over raw byte spans, for the fixed-layout parts
// of the record batch header. Callers check bounds: these functions read or write exactly
// 2, 4 or 8 bytes at the start of the span they are given.

#include <cstdint>
#include <cstring>
#include <span>

namespace samsa::broker {

inline uint16_t readBe16(std::span<const uint8_t> bytes)
{
    return static_cast<uint16_t>((uint16_t(bytes[0]) << 8) | uint16_t(bytes[1]));
}

inline uint32_t readBe32(std::span<const uint8_t> bytes)
{
    return (uint32_t(bytes[0]) << 24) | (uint32_t(bytes[1]) << 16) | (uint32_t(bytes[2]) << 8) | uint32_t(bytes[3]);
}

inline uint64_t readBe64(std::span<const uint8_t> bytes)
{
    return (uint64_t(readBe32(bytes)) << 32) | uint64_t(readBe32(bytes.subspan(4)));
}

inline int16_t readBeInt16(std::span<const uint8_t> bytes)
{
    return static_cast<int16_t>(readBe16(bytes));
}

inline int32_t readBeInt32(std::span<const uint8_t> bytes)
{
    return static_cast<int32_t>(readBe32(bytes));
}

inline int64_t readBeInt64(std::span<const uint8_t> bytes)
{
    return static_cast<int64_t>(readBe64(bytes));
}

inline void writeBe16(std::span<uint8_t> bytes, uint16_t value)
{
    bytes[0] = static_cast<uint8_t>(value >> 8);
    bytes[1] = static_cast<uint8_t>(value);
}

inline void writeBe32(std::span<uint8_t> bytes, uint32_t value)
{
    bytes[0] = static_cast<uint8_t>(value >> 24);
    bytes[1] = static_cast<uint8_t>(value >> 16);
    bytes[2] = static_cast<uint8_t>(value >> 8);
    bytes[3] = static_cast<uint8_t>(value);
}

inline void writeBe64(std::span<uint8_t> bytes, uint64_t value)
{
    writeBe32(bytes, static_cast<uint32_t>(value >> 32));
    writeBe32(bytes.subspan(4), static_cast<uint32_t>(value));
}

inline void writeBeInt16(std::span<uint8_t> bytes, int16_t value)
{
    writeBe16(bytes, static_cast<uint16_t>(value));
}

inline void writeBeInt32(std::span<uint8_t> bytes, int32_t value)
{
    writeBe32(bytes, static_cast<uint32_t>(value));
}

inline void writeBeInt64(std::span<uint8_t> bytes, int64_t value)
{
    writeBe64(bytes, static_cast<uint64_t>(value));
}

} // namespace samsa::broker
