// gzip as Kafka writes it (java.util.zip.GZIPOutputStream): gzip members, read with zlib's
// automatic header detection, so a zlib stream is accepted too.

#include "storage/compressionimpl.h"

#include <zlib.h>

namespace samsa::broker::codecs {

namespace {

class GzipDecompressor final : public Decompressor {
public:
    GzipDecompressor(std::span<const uint8_t> input, size_t limit)
        : Decompressor(limit)
        , m_input(input)
    {
        m_stream.next_in = const_cast<Bytef*>(input.data());
        m_stream.avail_in = static_cast<uInt>(input.size());
        if (input.size() > UINT32_MAX || inflateInit2(&m_stream, 15 + 32) != Z_OK)
            fail("cannot start gzip decompression");
        else
            m_initialised = true;
    }
    ~GzipDecompressor() override
    {
        if (m_initialised)
            inflateEnd(&m_stream);
    }

protected:
    size_t readSome(std::span<uint8_t> out) override
    {
        if (!m_initialised || m_finished)
            return 0;
        m_stream.next_out = out.data();
        m_stream.avail_out = static_cast<uInt>(std::min<size_t>(out.size(), UINT32_MAX));
        while (m_stream.avail_out == out.size()) {
            const int status = inflate(&m_stream, Z_NO_FLUSH);
            if (status == Z_STREAM_END) {
                // Java's GZIPInputStream reads concatenated members: so do we. Anything else after
                // the end is not gzip.
                if (m_stream.avail_in == 0) {
                    m_finished = true;
                    break;
                }
                if (m_stream.avail_in < 2 || m_stream.next_in[0] != 0x1f || m_stream.next_in[1] != 0x8b) {
                    fail("bytes after the end of the gzip data");
                    return 0;
                }
                inflateReset(&m_stream);
                continue;
            }
            if (status == Z_BUF_ERROR && m_stream.avail_in == 0) {
                fail("the gzip data is truncated");
                return 0;
            }
            if (status != Z_OK) {
                fail(std::string("corrupt gzip data: ") + (m_stream.msg ? m_stream.msg : "inflate failed"));
                return 0;
            }
        }
        return out.size() - m_stream.avail_out;
    }

private:
    std::span<const uint8_t> m_input;
    z_stream m_stream {};
    bool m_initialised = false;
    bool m_finished = false;
};

} // namespace

std::unique_ptr<Decompressor> gzipDecompressor(std::span<const uint8_t> input, size_t limit)
{
    return std::make_unique<GzipDecompressor>(input, limit);
}

std::vector<uint8_t> gzipCompress(std::span<const uint8_t> input)
{
    z_stream stream {};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::vector<uint8_t> out(deflateBound(&stream, static_cast<uLong>(input.size())));
    stream.next_in = const_cast<Bytef*>(input.data());
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = out.data();
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(status == Z_STREAM_END ? stream.total_out : 0);
    deflateEnd(&stream);
    return out;
}

} // namespace samsa::broker::codecs
