// snappy as Kafka's clients write it: the xerial framing (a 16-byte header, then blocks each
// preceded by its compressed length, big-endian) that Java's SnappyOutputStream and librdkafka
// produce, and a plain raw snappy block, which some clients send. Each block's decompressed length
// is read from the block itself and checked against what is left of the limit before anything is
// allocated: a block that lies about its length fails in snappy_uncompress, never overruns.

#include "storage/compressionimpl.h"

#include "common/bytes.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <snappy-c.h>

namespace samsa::broker::codecs {

namespace {

constexpr std::array<uint8_t, 8> XerialMagic { 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0 };
constexpr size_t XerialHeaderSize = 16; // magic, version, compatible version
// SnappyOutputStream's default block size, which Kafka keeps.
constexpr size_t XerialBlockSize = 32 * 1024;

bool isXerial(std::span<const uint8_t> input)
{
    return input.size() >= XerialHeaderSize && std::equal(XerialMagic.begin(), XerialMagic.end(), input.begin());
}

class SnappyDecompressor final : public Decompressor {
public:
    SnappyDecompressor(std::span<const uint8_t> input, size_t limit)
        : Decompressor(limit)
        , m_xerial(isXerial(input))
        , m_input(m_xerial ? input.subspan(XerialHeaderSize) : input)
    {
    }

protected:
    size_t readSome(std::span<uint8_t> out) override
    {
        while (m_position == m_block.size()) {
            if (m_input.empty() || !nextBlock())
                return 0;
        }
        const size_t n = std::min(out.size(), m_block.size() - m_position);
        std::memcpy(out.data(), m_block.data() + m_position, n);
        m_position += n;
        return n;
    }

private:
    bool nextBlock()
    {
        std::span<const uint8_t> compressed = m_input;
        if (m_xerial) {
            if (m_input.size() < 4)
                return fail("truncated snappy block length");
            const int32_t length = readBeInt32(m_input);
            if (length < 0 || static_cast<size_t>(length) > m_input.size() - 4)
                return fail("a snappy block claims " + std::to_string(length) + " bytes, more than the data holds");
            compressed = m_input.subspan(4, static_cast<size_t>(length));
            m_input = m_input.subspan(4 + static_cast<size_t>(length));
        } else {
            m_input = {};
        }
        size_t length = 0;
        if (snappy_uncompressed_length(reinterpret_cast<const char*>(compressed.data()), compressed.size(), &length)
            != SNAPPY_OK)
            return fail("corrupt snappy block");
        if (length > m_limit - produced())
            return fail("the data decompresses to more than " + std::to_string(m_limit) + " bytes");
        m_block.resize(length);
        size_t written = length;
        if (snappy_uncompress(reinterpret_cast<const char*>(compressed.data()), compressed.size(),
                reinterpret_cast<char*>(m_block.data()), &written)
                != SNAPPY_OK
            || written != length)
            return fail("corrupt snappy block");
        m_position = 0;
        return true;
    }

    bool m_xerial;
    std::span<const uint8_t> m_input;
    std::vector<uint8_t> m_block;
    size_t m_position = 0;
};

void appendBlock(std::vector<uint8_t>& out, std::span<const uint8_t> block)
{
    size_t length = snappy_max_compressed_length(block.size());
    const size_t at = out.size();
    out.resize(at + 4 + length);
    snappy_compress(reinterpret_cast<const char*>(block.data()), block.size(),
        reinterpret_cast<char*>(out.data() + at + 4), &length);
    writeBeInt32(std::span(out).subspan(at), static_cast<int32_t>(length));
    out.resize(at + 4 + length);
}

} // namespace

std::unique_ptr<Decompressor> snappyDecompressor(std::span<const uint8_t> input, size_t limit)
{
    return std::make_unique<SnappyDecompressor>(input, limit);
}

std::vector<uint8_t> snappyCompress(std::span<const uint8_t> input)
{
    std::vector<uint8_t> out(XerialMagic.begin(), XerialMagic.end());
    out.resize(XerialHeaderSize);
    writeBeInt32(std::span(out).subspan(8), 1);
    writeBeInt32(std::span(out).subspan(12), 1);
    for (size_t at = 0; at < input.size(); at += XerialBlockSize)
        appendBlock(out, input.subspan(at, std::min(XerialBlockSize, input.size() - at)));
    return out;
}

} // namespace samsa::broker::codecs
