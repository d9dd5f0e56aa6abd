#pragma once

// The codec implementations behind Decompressor::create and compress(), one file each.

#include "storage/compression.h"

namespace samsa::broker::codecs {

std::unique_ptr<Decompressor> gzipDecompressor(std::span<const uint8_t> input, size_t limit);
std::unique_ptr<Decompressor> snappyDecompressor(std::span<const uint8_t> input, size_t limit);
std::unique_ptr<Decompressor> lz4Decompressor(std::span<const uint8_t> input, size_t limit);
std::unique_ptr<Decompressor> zstdDecompressor(std::span<const uint8_t> input, size_t limit);

std::vector<uint8_t> gzipCompress(std::span<const uint8_t> input);
std::vector<uint8_t> snappyCompress(std::span<const uint8_t> input);
std::vector<uint8_t> lz4Compress(std::span<const uint8_t> input);
std::vector<uint8_t> zstdCompress(std::span<const uint8_t> input);

} // namespace samsa::broker::codecs
