#include "bytereader.h"

#include <cstring>

namespace samsa::broker::protocol {

bool ByteReader::need(size_t n)
{
    if (!m_ok || m_data.size() - m_pos < n) {
        m_ok = false;
        return false;
    }
    return true;
}

int8_t ByteReader::readInt8()
{
    if (!need(1))
        return 0;
    return static_cast<int8_t>(m_data[m_pos++]);
}

int16_t ByteReader::readInt16()
{
    if (!need(2))
        return 0;
    const uint16_t v = static_cast<uint16_t>((m_data[m_pos] << 8) | m_data[m_pos + 1]);
    m_pos += 2;
    return static_cast<int16_t>(v);
}

uint32_t ByteReader::readUInt32()
{
    if (!need(4))
        return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v = (v << 8) | m_data[m_pos++];
    return v;
}

int32_t ByteReader::readInt32()
{
    return static_cast<int32_t>(readUInt32());
}

int64_t ByteReader::readInt64()
{
    if (!need(8))
        return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | m_data[m_pos++];
    return static_cast<int64_t>(v);
}

uint32_t ByteReader::readUnsignedVarint()
{
    uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (!need(1))
            return 0;
        const uint8_t b = m_data[m_pos++];
        if (shift == 28 && (b & 0xf0) != 0) {
            m_ok = false; // more than 32 bits
            return 0;
        }
        value |= static_cast<uint32_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0)
            return value;
    }
    m_ok = false;
    return 0;
}

int32_t ByteReader::readVarint()
{
    const uint32_t raw = readUnsignedVarint();
    return static_cast<int32_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

int64_t ByteReader::readVarlong()
{
    uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (!need(1))
            return 0;
        const uint8_t b = m_data[m_pos++];
        if (shift == 63 && (b & 0xfe) != 0) {
            m_ok = false;
            return 0;
        }
        value |= static_cast<uint64_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0)
            return static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
    }
    m_ok = false;
    return 0;
}

void ByteReader::readUuid(uint8_t out[16])
{
    if (!need(16)) {
        std::memset(out, 0, 16);
        return;
    }
    std::memcpy(out, m_data.data() + m_pos, 16);
    m_pos += 16;
}

std::span<const uint8_t> ByteReader::readRaw(size_t n)
{
    if (!need(n))
        return {};
    auto s = m_data.subspan(m_pos, n);
    m_pos += n;
    return s;
}

std::optional<std::string> ByteReader::readNullableString(bool flexible)
{
    int64_t len = 0;
    if (flexible)
        len = static_cast<int64_t>(readUnsignedVarint()) - 1;
    else
        len = readInt16();
    if (!m_ok)
        return std::nullopt;
    if (len < 0) {
        if (len < -1)
            m_ok = false;
        return std::nullopt;
    }
    auto raw = readRaw(static_cast<size_t>(len));
    if (!m_ok)
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(raw.data()), raw.size());
}

std::string ByteReader::readString(bool flexible)
{
    return readNullableString(flexible).value_or(std::string());
}

std::optional<std::span<const uint8_t>> ByteReader::readNullableBytes(bool flexible)
{
    int64_t len = 0;
    if (flexible)
        len = static_cast<int64_t>(readUnsignedVarint()) - 1;
    else
        len = readInt32();
    if (!m_ok)
        return std::nullopt;
    if (len < 0) {
        if (len < -1)
            m_ok = false;
        return std::nullopt;
    }
    auto raw = readRaw(static_cast<size_t>(len));
    if (!m_ok)
        return std::nullopt;
    return raw;
}

int32_t ByteReader::readArrayLength(bool flexible)
{
    int64_t len = 0;
    if (flexible)
        len = static_cast<int64_t>(readUnsignedVarint()) - 1;
    else
        len = readInt32();
    if (!m_ok)
        return 0;
    if (len < -1 || (len > 0 && static_cast<uint64_t>(len) > remaining())) {
        // Every element takes at least one byte, so a longer array cannot be real.
        m_ok = false;
        return 0;
    }
    return static_cast<int32_t>(len);
}

void ByteReader::skipTaggedFields()
{
    const uint32_t count = readUnsignedVarint();
    for (uint32_t i = 0; i < count && m_ok; ++i) {
        readUnsignedVarint(); // tag
        const uint32_t size = readUnsignedVarint();
        readRaw(size);
    }
}

} // namespace samsa::broker::protocol
