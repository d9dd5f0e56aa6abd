#pragma once

// The message formats before record batches: a message set of messages v0 (magic 0) and v1
// (magic 1, which adds a timestamp), as Produce v0-v2 carries them and Fetch v0-v3 expects them
// back (Kafka's LegacyRecord). Each entry on the wire:
//
//     offset int64, size int32, crc uint32 (CRC-32 of the rest), magic int8, attributes int8,
//     timestamp int64 (v1 only), key BYTES, value BYTES
//
// A compressed entry (codec in attributes bits 0-2) is a wrapper whose value is an inner message
// set in that codec; the inner messages of magic 1 carry offsets relative to the first (0, 1, ...),
// those of magic 0 absolute ones. Attributes bit 3 of magic 1 marks a LogAppendTime timestamp.
// Here are the two ends of that format only: splitting and checking bytes, and writing messages.

#include "common/errors.h"
#include "storage/compression.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker::legacy {

constexpr size_t LogOverhead = 12; // offset and size
constexpr size_t HeaderSizeV0 = 4 + 1 + 1; // crc, magic, attributes
constexpr size_t MinimumSizeV0 = HeaderSizeV0 + 4 + 4; // and the key and value lengths
constexpr size_t MinimumSizeV1 = MinimumSizeV0 + 8; // and the timestamp
constexpr int8_t CompressionMask = 0x07;
constexpr int8_t LogAppendTimeBit = 0x08;
constexpr int64_t NoTimestamp = -1;

// One message, its key and value views into the bytes it was read from.
struct Message {
    int64_t offset = 0;
    int8_t magic = 0;
    int8_t attributes = 0;
    int64_t timestamp = NoTimestamp; // magic 0 has none
    std::optional<std::span<const uint8_t>> key;
    std::optional<std::span<const uint8_t>> value;
    size_t wireSize = 0; // LogOverhead + size

    CompressionCodec codec() const { return static_cast<CompressionCodec>(attributes & CompressionMask); }
    bool logAppendTime() const { return magic > 0 && (attributes & LogAppendTimeBit) != 0; }
};

struct ParseResult {
    ErrorCode error = ErrorCode::None;
    std::string message;
    int32_t index = -1; // the entry at fault
};

// Walks a whole message set's shallow entries (wrappers stay compressed) in order, checking each
// one's size, magic (0 or 1), CRC-32 and that its key and value fill it exactly before visit sees
// it; stops early when visit returns false. A truncated last entry is an error: a producer's request
// must hold whole messages. CORRUPT_MESSAGE on failure, naming the entry.
ParseResult forEachMessage(std::span<const uint8_t> bytes, const std::function<bool(const Message&)>& visit);

// The magic byte of the first entry of a Records field (message set or record batches: it sits at
// the same position in both), or nullopt when the bytes are too short to tell.
std::optional<int8_t> firstMagic(std::span<const uint8_t> records);

// Appends one message entry. For magic 0 the timestamp is not written.
void appendMessage(std::vector<uint8_t>& out, int64_t offset, int8_t magic, int8_t attributes, int64_t timestamp,
    std::optional<std::span<const uint8_t>> key, std::optional<std::span<const uint8_t>> value);

} // namespace samsa::broker::legacy
