#pragma once

// Sequential reads of a batch's record bytes, either straight from memory or pulled from a
// Decompressor through a fixed 64 KiB buffer. The varints are the record format's zig-zag ones,
// no longer than Kafka's ByteUtils accepts (5 bytes for an int, 10 for a long).

#include "storage/compression.h"

#include <cstdint>
#include <span>
#include <vector>

namespace samsa::broker {

class RecordStream {
public:
    explicit RecordStream(std::span<const uint8_t> bytes)
        : m_view(bytes)
    {
    }
    explicit RecordStream(Decompressor* source)
        : m_source(source)
        , m_buffer(64 * 1024)
    {
    }

    bool readByte(uint8_t* byte)
    {
        if (m_position == m_view.size() && !refill())
            return false;
        *byte = m_view[m_position++];
        ++m_consumed;
        return true;
    }
    bool readVarint(int32_t* value);
    bool readVarlong(int64_t* value);
    bool skip(uint64_t count);
    // True when no byte is left (for a decompressor: it reached a clean end, or failed).
    bool atEnd() { return m_position == m_view.size() && !refill(); }
    uint64_t consumed() const { return m_consumed; }

private:
    bool refill();

    Decompressor* m_source = nullptr;
    std::vector<uint8_t> m_buffer;
    std::span<const uint8_t> m_view;
    size_t m_position = 0;
    uint64_t m_consumed = 0;
};

} // namespace samsa::broker
