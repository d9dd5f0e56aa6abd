// lz4 as Kafka writes it since record format v1: the standard LZ4 frame format (Kafka's
// KafkaLZ4BlockOutputStream: independent 64 KiB blocks, no content size), read with liblz4's
// frame decoder, which also takes linked blocks, checksums and concatenated frames.

#include "storage/compressionimpl.h"

#include <lz4frame.h>
#include <xxhash.h>

namespace samsa::broker::codecs {

namespace {

class Lz4Decompressor final : public Decompressor {
public:
    Lz4Decompressor(std::span<const uint8_t> input, size_t limit)
        : Decompressor(limit)
        , m_input(input)
    {
        if (LZ4F_isError(LZ4F_createDecompressionContext(&m_context, LZ4F_VERSION)))
            fail("cannot start lz4 decompression");
    }
    ~Lz4Decompressor() override
    {
        if (m_context)
            LZ4F_freeDecompressionContext(m_context);
    }

protected:
    size_t readSome(std::span<uint8_t> out) override
    {
        if (!m_context)
            return 0;
        for (;;) {
            // Step on while in a frame even with the input used up: liblz4 may still hold decoded
            // bytes for a small output buffer.
            if (m_input.empty() && !m_inFrame)
                return 0;
            size_t written = out.size();
            size_t consumed = m_input.size();
            const size_t hint = LZ4F_decompress(m_context, out.data(), &written, m_input.data(), &consumed, nullptr);
            if (LZ4F_isError(hint)) {
                fail(std::string("corrupt lz4 data: ") + LZ4F_getErrorName(hint));
                return 0;
            }
            m_input = m_input.subspan(consumed);
            m_inFrame = hint != 0;
            if (written > 0)
                return written;
            if (consumed == 0) {
                if (m_inFrame)
                    fail("the lz4 data is truncated");
                return 0;
            }
        }
    }

private:
    std::span<const uint8_t> m_input;
    LZ4F_dctx* m_context = nullptr;
    bool m_inFrame = false;
};

} // namespace

std::unique_ptr<Decompressor> lz4Decompressor(std::span<const uint8_t> input, size_t limit)
{
    return std::make_unique<Lz4Decompressor>(input, limit);
}

std::vector<uint8_t> lz4Compress(std::span<const uint8_t> input)
{
    LZ4F_preferences_t preferences {};
    preferences.frameInfo.blockSizeID = LZ4F_max64KB;
    preferences.frameInfo.blockMode = LZ4F_blockIndependent;
    std::vector<uint8_t> out(LZ4F_compressFrameBound(input.size(), &preferences));
    const size_t size = LZ4F_compressFrame(out.data(), out.size(), input.data(), input.size(), &preferences);
    out.resize(LZ4F_isError(size) ? 0 : size);
    return out;
}

} // namespace samsa::broker::codecs

namespace samsa::broker {

std::vector<uint8_t> lz4WithProperHeaderChecksum(std::span<const uint8_t> frame)
{
    std::vector<uint8_t> fixed(frame.begin(), frame.end());
    constexpr size_t DescriptorStart = 4; // after the frame magic
    if (fixed.size() < DescriptorStart + 3 || (fixed[0] | fixed[1] << 8 | fixed[2] << 16 | uint32_t(fixed[3]) << 24) != 0x184D2204u)
        return fixed; // not a frame: let the decoder say so
    const uint8_t flags = fixed[DescriptorStart];
    const size_t descriptorLength = 2 + ((flags & 0x08) ? 8 : 0) + ((flags & 0x01) ? 4 : 0);
    const size_t checksumAt = DescriptorStart + descriptorLength;
    if (checksumAt >= fixed.size())
        return fixed;
    // The right checksum covers the descriptor only; format v0's also covered the magic.
    fixed[checksumAt] = static_cast<uint8_t>((XXH32(fixed.data() + DescriptorStart, descriptorLength, 0) >> 8) & 0xff);
    return fixed;
}

} // namespace samsa::broker
