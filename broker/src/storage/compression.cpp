#include "storage/compression.h"

#include "storage/compressionimpl.h"

#include <algorithm>
#include <cstring>

namespace samsa::broker {

namespace {

// Codec None: the input as it is, still under the limit.
class CopyDecompressor final : public Decompressor {
public:
    CopyDecompressor(std::span<const uint8_t> input, size_t limit)
        : Decompressor(limit)
        , m_input(input)
    {
    }

protected:
    size_t readSome(std::span<uint8_t> out) override
    {
        const size_t n = std::min(out.size(), m_input.size());
        std::memcpy(out.data(), m_input.data(), n);
        m_input = m_input.subspan(n);
        return n;
    }

private:
    std::span<const uint8_t> m_input;
};

} // namespace

std::optional<CompressionCodec> compressionCodecFromName(std::string_view name)
{
    if (name == "none" || name == "uncompressed")
        return CompressionCodec::None;
    if (name == "gzip")
        return CompressionCodec::Gzip;
    if (name == "snappy")
        return CompressionCodec::Snappy;
    if (name == "lz4")
        return CompressionCodec::Lz4;
    if (name == "zstd")
        return CompressionCodec::Zstd;
    return std::nullopt;
}

const char* compressionCodecName(CompressionCodec codec)
{
    switch (codec) {
    case CompressionCodec::None:
        return "none";
    case CompressionCodec::Gzip:
        return "gzip";
    case CompressionCodec::Snappy:
        return "snappy";
    case CompressionCodec::Lz4:
        return "lz4";
    case CompressionCodec::Zstd:
        return "zstd";
    }
    return "unknown";
}

std::unique_ptr<Decompressor> Decompressor::create(CompressionCodec codec, std::span<const uint8_t> input, size_t limit)
{
    switch (codec) {
    case CompressionCodec::None:
        return std::make_unique<CopyDecompressor>(input, limit);
    case CompressionCodec::Gzip:
        return codecs::gzipDecompressor(input, limit);
    case CompressionCodec::Snappy:
        return codecs::snappyDecompressor(input, limit);
    case CompressionCodec::Lz4:
        return codecs::lz4Decompressor(input, limit);
    case CompressionCodec::Zstd:
        return codecs::zstdDecompressor(input, limit);
    }
    return nullptr;
}

size_t Decompressor::read(std::span<uint8_t> out)
{
    if (failed() || out.empty())
        return 0;
    // One byte past the limit is enough to tell that the data does not fit.
    const size_t room = m_limit - m_produced;
    const size_t n = readSome(out.first(std::min(out.size(), room == SIZE_MAX ? room : room + 1)));
    if (failed())
        return 0;
    if (n > room) {
        fail("the data decompresses to more than " + std::to_string(m_limit) + " bytes");
        return 0;
    }
    m_produced += n;
    return n;
}

std::optional<std::vector<uint8_t>> decompressAll(
    CompressionCodec codec, std::span<const uint8_t> input, size_t limit, std::string* error)
{
    auto decompressor = Decompressor::create(codec, input, limit);
    if (!decompressor) {
        if (error)
            *error = "unknown compression codec";
        return std::nullopt;
    }
    std::vector<uint8_t> out;
    size_t used = 0;
    // Grow with what arrives, never by what the input claims; each growth doubles, so the zero-fill
    // of resize() stays linear.
    size_t chunk = std::clamp<size_t>(input.size() * 4, 4096, 1 << 20);
    for (;;) {
        if (used == out.size()) {
            out.resize(used + chunk);
            chunk = std::min<size_t>(chunk * 2, 16 << 20);
        }
        const size_t n = decompressor->read(std::span(out).subspan(used));
        if (n == 0)
            break;
        used += n;
    }
    out.resize(used);
    if (decompressor->failed()) {
        if (error)
            *error = decompressor->error();
        return std::nullopt;
    }
    return out;
}

std::vector<uint8_t> compress(CompressionCodec codec, std::span<const uint8_t> input)
{
    switch (codec) {
    case CompressionCodec::None:
        break;
    case CompressionCodec::Gzip:
        return codecs::gzipCompress(input);
    case CompressionCodec::Snappy:
        return codecs::snappyCompress(input);
    case CompressionCodec::Lz4:
        return codecs::lz4Compress(input);
    case CompressionCodec::Zstd:
        return codecs::zstdCompress(input);
    }
    return { input.begin(), input.end() };
}

} // namespace samsa::broker
