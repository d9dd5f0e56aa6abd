#include "bytewriter.h"

namespace samsa::broker::protocol {

void ByteWriter::writeInt16(int16_t v)
{
    const auto u = static_cast<uint16_t>(v);
    m_buf.push_back(static_cast<uint8_t>(u >> 8));
    m_buf.push_back(static_cast<uint8_t>(u));
}

void ByteWriter::writeUInt32(uint32_t u)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        m_buf.push_back(static_cast<uint8_t>(u >> shift));
}

void ByteWriter::writeInt32(int32_t v)
{
    writeUInt32(static_cast<uint32_t>(v));
}

void ByteWriter::writeInt64(int64_t v)
{
    const auto u = static_cast<uint64_t>(v);
    for (int shift = 56; shift >= 0; shift -= 8)
        m_buf.push_back(static_cast<uint8_t>(u >> shift));
}

void ByteWriter::writeUnsignedVarint(uint32_t v)
{
    while (v >= 0x80) {
        m_buf.push_back(static_cast<uint8_t>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    m_buf.push_back(static_cast<uint8_t>(v));
}

void ByteWriter::writeVarint(int32_t v)
{
    const auto u = static_cast<uint32_t>(v);
    writeUnsignedVarint((u << 1) ^ static_cast<uint32_t>(v >> 31));
}

void ByteWriter::writeVarlong(int64_t v)
{
    uint64_t u = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
    while (u >= 0x80) {
        m_buf.push_back(static_cast<uint8_t>((u & 0x7f) | 0x80));
        u >>= 7;
    }
    m_buf.push_back(static_cast<uint8_t>(u));
}

void ByteWriter::writeString(bool flexible, std::string_view s)
{
    if (flexible)
        writeUnsignedVarint(static_cast<uint32_t>(s.size() + 1));
    else
        writeInt16(static_cast<int16_t>(s.size()));
    m_buf.insert(m_buf.end(), s.begin(), s.end());
}

void ByteWriter::writeNullableString(bool flexible, const std::optional<std::string>& s)
{
    if (s) {
        writeString(flexible, *s);
    } else if (flexible) {
        writeUnsignedVarint(0);
    } else {
        writeInt16(-1);
    }
}

void ByteWriter::writeBytes(bool flexible, std::span<const uint8_t> b)
{
    if (flexible)
        writeUnsignedVarint(static_cast<uint32_t>(b.size() + 1));
    else
        writeInt32(static_cast<int32_t>(b.size()));
    writeRaw(b);
}

void ByteWriter::writeNullableBytes(bool flexible, const std::optional<std::span<const uint8_t>>& b)
{
    if (b) {
        writeBytes(flexible, *b);
    } else if (flexible) {
        writeUnsignedVarint(0);
    } else {
        writeInt32(-1);
    }
}

void ByteWriter::writeArrayLength(bool flexible, int32_t n)
{
    if (flexible)
        writeUnsignedVarint(static_cast<uint32_t>(n + 1));
    else
        writeInt32(n);
}

void ByteWriter::writeRecords(bool flexible, const std::vector<FileRegion>& regions, bool nullWhenEmpty)
{
    if (regions.empty() && nullWhenEmpty) {
        writeNullableBytes(flexible, std::nullopt);
        return;
    }
    int64_t total = 0;
    for (const auto& r : regions)
        total += r.length;
    if (flexible)
        writeUnsignedVarint(static_cast<uint32_t>(total + 1));
    else
        writeInt32(static_cast<int32_t>(total));
    for (const auto& r : regions)
        appendRegion(r);
}

void ByteWriter::appendRegion(FileRegion region)
{
    if (region.length <= 0)
        return;
    m_splices.push_back({ m_buf.size(), std::move(region) });
}

size_t ByteWriter::reserveInt32()
{
    const size_t at = m_buf.size();
    writeInt32(0);
    return at;
}

void ByteWriter::patchInt32(size_t at, int32_t v)
{
    const auto u = static_cast<uint32_t>(v);
    for (int i = 0; i < 4; ++i)
        m_buf[at + static_cast<size_t>(i)] = static_cast<uint8_t>(u >> (24 - 8 * i));
}

size_t ByteWriter::totalSize() const
{
    size_t total = m_buf.size();
    for (const auto& s : m_splices)
        total += static_cast<size_t>(s.region.length);
    return total;
}

} // namespace samsa::broker::protocol
