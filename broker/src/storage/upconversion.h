#pragma once

// Kafka's up-conversion on append: the message set of a Produce v0-v2 request (messages of magic 0
// and 1, plain or compressed wrappers) becomes record batches v2, which the log then stores like
// any other (offsets, LogAppendTime and the topic's compression.type are applied there). Keys,
// values and order are kept; a magic 0 message has no timestamp and gets -1 (NO_TIMESTAMP), a
// magic 1 message keeps its own. The batches are compressed with the producer's codec, as the
// messages were. Kafka makes one batch of the whole set; here a set larger than max.message.bytes
// becomes several batches below it, so that the log's own size check does not refuse what each
// message passed.
//
// Refused, as Kafka's LogValidator refuses them:
// - CORRUPT_MESSAGE: a message whose size, CRC-32 or fields do not add up, a wrapper without a
//   value or whose value does not decompress, an unknown codec; all wrappers of one request together
//   may decompress to decompressedBatchLimit(max.message.bytes) at most, so a request of many
//   small decompression bombs stops there as one big one does;
// - INVALID_RECORD: a compressed message inside a wrapper, an inner message of another magic, a
//   wrapper without messages;
// - INVALID_TIMESTAMP: a producer's message that claims LogAppendTime;
// - UNSUPPORTED_COMPRESSION_TYPE: zstd, which the old formats never had;
// - MESSAGE_TOO_LARGE: an entry larger than max.message.bytes.

#include "common/errors.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker {

struct UpConversion {
    ErrorCode error = ErrorCode::None;
    std::string message;
    int32_t entryIndex = -1; // the message set entry at fault
    std::vector<uint8_t> batches; // one or more whole batches, back to back
    int32_t messageCount = 0;
};

UpConversion upConvertMessageSet(std::span<const uint8_t> messageSet, int32_t maxMessageBytes);

} // namespace samsa::broker
