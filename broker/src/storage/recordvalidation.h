#pragma once

// Checks a record batch v2 from a client against its header, as Kafka's LogValidator does before
// anything is stored: every record is walked (length varint, attributes, timestamp delta, offset
// delta, key, value, headers), each record's offset delta must be its index, and the records
// present must be exactly the header's count, which must equal lastOffsetDelta + 1. A compressed
// batch is decompressed as a stream through a fixed buffer and walked the same way; the
// decompressed copy is never kept.
//
// Errors: CORRUPT_MESSAGE when the bytes cannot be read at all (a compressed payload that does not
// decompress, or decompresses past the bound below); INVALID_RECORD when the records contradict
// their header or their own lengths (Kafka's DefaultRecord and LogValidator throw
// InvalidRecordException there).

#include "common/errors.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace samsa::broker {

struct RecordValidation {
    ErrorCode error = ErrorCode::None;
    std::string message;
};

// How many bytes one batch may decompress to: 16 times max.message.bytes, and at least 64 MiB,
// at most 1 GiB. Clients bound a batch before compression (librdkafka's batch.size, 1 MB by
// default; Java's batch.size, 16 KiB), so real batches stay far below; a decompression bomb stops
// there after bounded work (the bytes stream through a 64 KiB buffer, never all held).
size_t decompressedBatchLimit(int32_t maxMessageBytes);

// `batch` is one whole batch, header included, whose header and CRC are already checked.
RecordValidation validateRecords(std::span<const uint8_t> batch, size_t decompressedLimit);

} // namespace samsa::broker
