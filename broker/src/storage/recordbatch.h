#pragma once

// The fixed header of a record batch v2 (Kafka's DefaultRecordBatch), as stored on disk and sent
// by producers. Offsets are byte positions from the start of the batch.

#include "common/bytes.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace samsa::broker::recordbatch {

constexpr size_t BaseOffsetPosition = 0;
constexpr size_t LengthPosition = 8;
constexpr size_t PartitionLeaderEpochPosition = 12;
constexpr size_t MagicPosition = 16;
constexpr size_t CrcPosition = 17;
constexpr size_t AttributesPosition = 21;
constexpr size_t LastOffsetDeltaPosition = 23;
constexpr size_t BaseTimestampPosition = 27;
constexpr size_t MaxTimestampPosition = 35;
constexpr size_t ProducerIdPosition = 43;
constexpr size_t ProducerEpochPosition = 51;
constexpr size_t BaseSequencePosition = 53;
constexpr size_t RecordsCountPosition = 57;
constexpr size_t HeaderSize = 61;
// BaseOffset and Length come before what Length counts.
constexpr size_t LogOverhead = 12;
// The smallest Length a v2 batch can have (a header without records).
constexpr int32_t MinimumLength = static_cast<int32_t>(HeaderSize - LogOverhead);

constexpr int16_t CompressionMask = 0x07;
constexpr int16_t TimestampTypeBit = 0x08;
constexpr int16_t TransactionalBit = 0x10;
constexpr int16_t ControlBit = 0x20;

struct Header {
    int64_t baseOffset = 0;
    int32_t length = 0;
    int32_t partitionLeaderEpoch = 0;
    int8_t magic = 0;
    uint32_t crc = 0;
    int16_t attributes = 0;
    int32_t lastOffsetDelta = 0;
    int64_t baseTimestamp = 0;
    int64_t maxTimestamp = 0;
    int64_t producerId = -1;
    int16_t producerEpoch = -1;
    int32_t baseSequence = -1;
    int32_t recordsCount = 0;

    int64_t lastOffset() const { return baseOffset + lastOffsetDelta; }
    int64_t totalSize() const { return static_cast<int64_t>(LogOverhead) + length; }
    int compression() const { return attributes & CompressionMask; }
    bool logAppendTime() const { return (attributes & TimestampTypeBit) != 0; }
    bool transactional() const { return (attributes & TransactionalBit) != 0; }
    bool control() const { return (attributes & ControlBit) != 0; }
    int32_t lastSequence() const
    {
        // Sequences wrap from INT32_MAX to 0, as Kafka's DefaultRecordBatch.incrementSequence does.
        const int64_t last = static_cast<int64_t>(baseSequence) + lastOffsetDelta;
        return static_cast<int32_t>(last > INT32_MAX ? last - INT32_MAX - 1 : last);
    }
};

// Parses the first HeaderSize bytes of `bytes` (which must hold at least that many).
inline Header parseHeader(std::span<const uint8_t> bytes)
{
    Header h;
    h.baseOffset = readBeInt64(bytes.subspan(BaseOffsetPosition));
    h.length = readBeInt32(bytes.subspan(LengthPosition));
    h.partitionLeaderEpoch = readBeInt32(bytes.subspan(PartitionLeaderEpochPosition));
    h.magic = static_cast<int8_t>(bytes[MagicPosition]);
    h.crc = readBe32(bytes.subspan(CrcPosition));
    h.attributes = readBeInt16(bytes.subspan(AttributesPosition));
    h.lastOffsetDelta = readBeInt32(bytes.subspan(LastOffsetDeltaPosition));
    h.baseTimestamp = readBeInt64(bytes.subspan(BaseTimestampPosition));
    h.maxTimestamp = readBeInt64(bytes.subspan(MaxTimestampPosition));
    h.producerId = readBeInt64(bytes.subspan(ProducerIdPosition));
    h.producerEpoch = readBeInt16(bytes.subspan(ProducerEpochPosition));
    h.baseSequence = readBeInt32(bytes.subspan(BaseSequencePosition));
    h.recordsCount = readBeInt32(bytes.subspan(RecordsCountPosition));
    return h;
}

} // namespace samsa::broker::recordbatch
