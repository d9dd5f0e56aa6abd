#pragma once

// The record batch codecs of Kafka (attributes bits 0-2): gzip, snappy, lz4 and zstd, through the
// Debian libraries. Decompression is pulled in pieces through a Decompressor, so a caller can walk
// a batch's records with a fixed buffer and never hold the whole decompressed copy; every
// decompressor refuses to produce more than a limit the caller sets (a decompression bomb stops
// there, with an error).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace samsa::broker {

enum class CompressionCodec : int8_t { None = 0, Gzip = 1, Snappy = 2, Lz4 = 3, Zstd = 4 };

// "none"/"uncompressed", "gzip", "snappy", "lz4", "zstd"; nullopt for anything else.
std::optional<CompressionCodec> compressionCodecFromName(std::string_view name);
const char* compressionCodecName(CompressionCodec codec);

class Decompressor {
public:
    // A reader of `input` (which must outlive it) that fails once more than `limit` bytes come out.
    // Codec None copies the input through.
    static std::unique_ptr<Decompressor> create(CompressionCodec codec, std::span<const uint8_t> input, size_t limit);
    virtual ~Decompressor() = default;

    // Fills `out` with up to out.size() decompressed bytes and returns how many. 0 means the end of
    // the data, or an error when failed() (a truncated or corrupt stream, or the limit passed).
    size_t read(std::span<uint8_t> out);
    bool failed() const { return !m_error.empty(); }
    const std::string& error() const { return m_error; }
    size_t produced() const { return m_produced; }

protected:
    explicit Decompressor(size_t limit)
        : m_limit(limit)
    {
    }
    // The codec's own step: at most out.size() bytes, 0 at the end; sets m_error on failure.
    virtual size_t readSome(std::span<uint8_t> out) = 0;
    bool fail(std::string message)
    {
        if (m_error.empty())
            m_error = std::move(message);
        return false;
    }
    size_t m_limit;
    std::string m_error;

private:
    size_t m_produced = 0;
};

// The whole decompressed data, or nullopt with *error (which may be null).
std::optional<std::vector<uint8_t>> decompressAll(
    CompressionCodec codec, std::span<const uint8_t> input, size_t limit, std::string* error);

// The input compressed as Kafka's clients write it: gzip members, snappy in the xerial framing,
// lz4 frames with independent 64 KiB blocks, zstd frames. Codec None returns a copy.
std::vector<uint8_t> compress(CompressionCodec codec, std::span<const uint8_t> input);

// Messages of format v0 carry lz4 frames whose header checksum also covers the frame magic
// (KAFKA-3160), which liblz4 refuses: a copy of the frame with the checksum liblz4 expects.
std::vector<uint8_t> lz4WithProperHeaderChecksum(std::span<const uint8_t> frame);

} // namespace samsa::broker
