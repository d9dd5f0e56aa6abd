#include "storage/recordstream.h"

#include <algorithm>

namespace samsa::broker {

bool RecordStream::refill()
{
    if (!m_source)
        return false;
    const size_t n = m_source->read(m_buffer);
    m_view = std::span<const uint8_t>(m_buffer).first(n);
    m_position = 0;
    return n > 0;
}

bool RecordStream::readVarint(int32_t* value)
{
    uint32_t raw = 0;
    for (int shift = 0; shift <= 28; shift += 7) {
        uint8_t byte = 0;
        if (!readByte(&byte))
            return false;
        raw |= static_cast<uint32_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            *value = static_cast<int32_t>(raw >> 1) ^ -static_cast<int32_t>(raw & 1);
            return true;
        }
    }
    return false; // longer than five bytes
}

bool RecordStream::readVarlong(int64_t* value)
{
    uint64_t raw = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
        uint8_t byte = 0;
        if (!readByte(&byte))
            return false;
        raw |= static_cast<uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            *value = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
            return true;
        }
    }
    return false; // longer than ten bytes
}

bool RecordStream::skip(uint64_t count)
{
    while (count > 0) {
        if (m_position == m_view.size() && !refill())
            return false;
        const size_t step = static_cast<size_t>(std::min<uint64_t>(count, m_view.size() - m_position));
        m_position += step;
        m_consumed += step;
        count -= step;
    }
    return true;
}

} // namespace samsa::broker
