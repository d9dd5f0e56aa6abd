#include "bytearena.h"

#include <cstring>

namespace Samsa {

ByteArena::ByteArena(qsizetype capacity)
{
    if (capacity > 0) {
        m_block.resize(capacity);
        m_base = m_block.data();
    }
}

QByteArray ByteArena::copy(const char* bytes, qsizetype size)
{
    if (size == 0)
        return QByteArray("", 0); // empty, not null: null is the caller's to say
    if (footprint(size) > m_block.size() - m_used)
        return QByteArray(bytes, size);
    char* start = m_base + m_used; // a part no copy covers yet
    std::memcpy(start, bytes, size_t(size));
    start[size] = '\0';
    m_used += footprint(size);
    QByteArray::DataPointer shared = m_block.data_ptr(); // one more reference to the block
    shared.ptr = start;
    shared.size = size;
    return QByteArray(std::move(shared));
}

} // namespace Samsa
