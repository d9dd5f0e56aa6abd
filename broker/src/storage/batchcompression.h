#pragma once

// A stored or produced record batch v2 with its records re-encoded in another codec: for exact
// timestamp lookups and compaction inside compressed batches (decompressed to None), for a
// topic's compression.type, and to compress a cleaned batch again. Offsets, timestamps and
// producer fields stay as they are; the length, the codec bits and the CRC are set to match.

#include "storage/compression.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker {

// nullopt with *error (may be null) when the records do not decompress within `limit` bytes.
std::optional<std::vector<uint8_t>> recompressBatch(
    std::span<const uint8_t> batch, CompressionCodec codec, size_t limit, std::string* error);

} // namespace samsa::broker
