#include "storage/batchcompression.h"

#include "common/bytes.h"
#include "common/crc32c.h"
#include "storage/recordbatch.h"

namespace samsa::broker {

std::optional<std::vector<uint8_t>> recompressBatch(
    std::span<const uint8_t> batch, CompressionCodec codec, size_t limit, std::string* error)
{
    const recordbatch::Header header = recordbatch::parseHeader(batch);
    const auto from = static_cast<CompressionCodec>(header.compression());
    const auto records = batch.subspan(recordbatch::HeaderSize);
    std::optional<std::vector<uint8_t>> plain;
    if (from != CompressionCodec::None) {
        plain = decompressAll(from, records, limit, error);
        if (!plain)
            return std::nullopt;
    }
    const std::span<const uint8_t> uncompressed = plain ? std::span<const uint8_t>(*plain) : records;
    std::vector<uint8_t> encoded
        = codec == CompressionCodec::None && plain ? std::move(*plain) : compress(codec, uncompressed);
    if (codec != CompressionCodec::None && encoded.empty() && !uncompressed.empty()) {
        if (error)
            *error = std::string("cannot compress with ") + compressionCodecName(codec);
        return std::nullopt;
    }
    const size_t size = recordbatch::HeaderSize + encoded.size();
    if (size - recordbatch::LogOverhead > static_cast<size_t>(INT32_MAX)) {
        if (error)
            *error = "the batch would be larger than 2 GiB";
        return std::nullopt;
    }
    std::vector<uint8_t> out(batch.begin(), batch.begin() + recordbatch::HeaderSize);
    out.insert(out.end(), encoded.begin(), encoded.end());
    std::span<uint8_t> bytes(out);
    writeBeInt32(bytes.subspan(recordbatch::LengthPosition), static_cast<int32_t>(size - recordbatch::LogOverhead));
    const auto attributes
        = static_cast<int16_t>((header.attributes & ~recordbatch::CompressionMask) | static_cast<int16_t>(codec));
    writeBeInt16(bytes.subspan(recordbatch::AttributesPosition), attributes);
    writeBe32(bytes.subspan(recordbatch::CrcPosition),
        crc32c(std::span<const uint8_t>(out).subspan(recordbatch::AttributesPosition)));
    return out;
}

} // namespace samsa::broker
