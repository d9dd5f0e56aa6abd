#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace samsa::broker::protocol {

// A piece of a segment file that goes to the socket as is (sendfile), spliced into a response.
struct FileRegion {
    std::shared_ptr<const void> keepAlive; // keeps the file descriptor open until it is sent
    int fd = -1;
    int64_t position = 0;
    int32_t length = 0;
};

// Builds a response body: big-endian primitives into a memory buffer, plus file regions that
// are logically inserted at given points of that buffer and never copied through user space.
class ByteWriter {
public:
    struct Splice {
        size_t at; // offset in buffer() before which the region goes
        FileRegion region;
    };

    void writeInt8(int8_t v) { m_buf.push_back(static_cast<uint8_t>(v)); }
    void writeBool(bool v) { writeInt8(v ? 1 : 0); }
    void writeInt16(int16_t v);
    void writeInt32(int32_t v);
    void writeUInt32(uint32_t v);
    void writeInt64(int64_t v);
    void writeUnsignedVarint(uint32_t v);
    void writeVarint(int32_t v);
    void writeVarlong(int64_t v);
    void writeUuid(const uint8_t uuid[16]) { m_buf.insert(m_buf.end(), uuid, uuid + 16); }
    void writeString(bool flexible, std::string_view s);
    void writeNullableString(bool flexible, const std::optional<std::string>& s);
    void writeBytes(bool flexible, std::span<const uint8_t> b);
    void writeNullableBytes(bool flexible, const std::optional<std::span<const uint8_t>>& b);
    void writeArrayLength(bool flexible, int32_t n); // -1 for null
    void writeEmptyTaggedFields() { m_buf.push_back(0); }
    void writeRaw(std::span<const uint8_t> b) { m_buf.insert(m_buf.end(), b.begin(), b.end()); }
    // Length prefix (int32 or compact) for a records field made of file regions, then the regions.
    void writeRecords(bool flexible, const std::vector<FileRegion>& regions, bool nullWhenEmpty = false);
    void appendRegion(FileRegion region);

    // Reserves an int32 to fill later with patchInt32 (used for sizes known only afterwards).
    size_t reserveInt32();
    void patchInt32(size_t at, int32_t v);

    const std::vector<uint8_t>& buffer() const { return m_buf; }
    std::vector<uint8_t>& buffer() { return m_buf; }
    const std::vector<Splice>& splices() const { return m_splices; }
    std::vector<Splice>& splices() { return m_splices; }
    // Bytes in memory plus bytes of all file regions.
    size_t totalSize() const;

private:
    std::vector<uint8_t> m_buf;
    std::vector<Splice> m_splices;
};

} // namespace samsa::broker::protocol
