// zstd frames as Kafka's clients write them (zstd-jni's stream, librdkafka's single-shot frames),
// streamed through libzstd. The window a frame may ask for is capped, so a frame cannot make the
// broker reserve more than 16 MiB for its history; clients compress far smaller batches than that.

#include "storage/compressionimpl.h"

#include <zstd.h>

namespace samsa::broker::codecs {

namespace {

constexpr int MaxWindowLog = 24;

class ZstdDecompressor final : public Decompressor {
public:
    ZstdDecompressor(std::span<const uint8_t> input, size_t limit)
        : Decompressor(limit)
        , m_stream(ZSTD_createDStream())
        , m_input { input.data(), input.size(), 0 }
    {
        if (!m_stream || ZSTD_isError(ZSTD_DCtx_setParameter(m_stream, ZSTD_d_windowLogMax, MaxWindowLog)))
            fail("cannot start zstd decompression");
    }
    ~ZstdDecompressor() override { ZSTD_freeDStream(m_stream); }

protected:
    size_t readSome(std::span<uint8_t> out) override
    {
        if (failed())
            return 0;
        ZSTD_outBuffer output { out.data(), out.size(), 0 };
        while (output.pos == 0) {
            // Between frames with nothing left: the end. Otherwise step on, even with the input used
            // up, since libzstd may still hold decoded bytes for a small output buffer.
            if (m_input.pos == m_input.size && m_pending == 0)
                return 0;
            const size_t before = m_input.pos;
            m_pending = ZSTD_decompressStream(m_stream, &output, &m_input);
            if (ZSTD_isError(m_pending)) {
                fail(std::string("corrupt zstd data: ") + ZSTD_getErrorName(m_pending));
                return 0;
            }
            if (output.pos == 0 && m_input.pos == before) {
                if (m_pending != 0)
                    fail("the zstd data is truncated");
                return 0;
            }
        }
        return output.pos;
    }

private:
    ZSTD_DStream* m_stream;
    ZSTD_inBuffer m_input;
    size_t m_pending = 0; // 0 between frames
};

} // namespace

std::unique_ptr<Decompressor> zstdDecompressor(std::span<const uint8_t> input, size_t limit)
{
    return std::make_unique<ZstdDecompressor>(input, limit);
}

std::vector<uint8_t> zstdCompress(std::span<const uint8_t> input)
{
    std::vector<uint8_t> out(ZSTD_compressBound(input.size()));
    const size_t size = ZSTD_compress(out.data(), out.size(), input.data(), input.size(), ZSTD_CLEVEL_DEFAULT);
    out.resize(ZSTD_isError(size) ? 0 : size);
    return out;
}

} // namespace samsa::broker::codecs
