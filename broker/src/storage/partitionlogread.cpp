// The read side of PartitionLog: fetches, timestamp lookups, DeleteRecords and retention.

#include "storage/partitionlog.h"

#include "common/log.h"
#include "storage/batchcompression.h"
#include "storage/fileutil.h"
#include "storage/partitionlogimpl.h"
#include "storage/recordvalidation.h"

#include <algorithm>
#include <optional>
#include <unistd.h>

namespace samsa::broker {

namespace {

// Zig-zag varints of the record format.
bool readVarlong(std::span<const uint8_t> bytes, size_t& position, int64_t& value)
{
    uint64_t raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (position >= bytes.size())
            return false;
        const uint8_t byte = bytes[position++];
        raw |= static_cast<uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            value = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
            return true;
        }
    }
    return false;
}

// The first record of an uncompressed batch with timestamp >= target.
OffsetAndTimestamp findRecord(std::span<const uint8_t> batch, const recordbatch::Header& header, int64_t target)
{
    size_t position = recordbatch::HeaderSize;
    for (int32_t i = 0; i < header.recordsCount; ++i) {
        int64_t length = 0;
        if (!readVarlong(batch, position, length) || length <= 0)
            break;
        const size_t next = position + static_cast<size_t>(length);
        size_t field = position + 1; // skip the record's attributes byte
        int64_t timestampDelta = 0;
        int64_t offsetDelta = 0;
        if (next > batch.size() || !readVarlong(batch, field, timestampDelta) || !readVarlong(batch, field, offsetDelta))
            break;
        const int64_t timestamp = header.baseTimestamp + timestampDelta;
        if (timestamp >= target)
            return {header.baseOffset + offsetDelta, timestamp};
        position = next;
    }
    return {header.baseOffset, header.maxTimestamp};
}

// The same inside a compressed batch: its records decompressed for the walk, then dropped.
OffsetAndTimestamp findCompressedRecord(const Segment& segment, int64_t position, const recordbatch::Header& header,
                                        int64_t target, int32_t maxMessageBytes)
{
    std::vector<uint8_t> bytes(static_cast<size_t>(header.totalSize()));
    if (fileutil::readAt(segment.file()->fd(), bytes, position) == header.totalSize()) {
        const auto plain = recompressBatch(bytes, CompressionCodec::None, decompressedBatchLimit(maxMessageBytes),
                                           nullptr);
        if (plain)
            return findRecord(*plain, header, target);
    }
    return {header.baseOffset, header.maxTimestamp};
}

} // namespace

int64_t PartitionLog::highWatermark() const
{
    std::lock_guard state(m_impl->stateMutex);
    return m_impl->highWatermark;
}

int64_t PartitionLog::logStartOffset() const
{
    std::lock_guard state(m_impl->stateMutex);
    return m_impl->logStartOffset;
}

int64_t PartitionLog::sizeBytes() const
{
    std::lock_guard state(m_impl->stateMutex);
    int64_t total = 0;
    for (const auto& [base, segment] : m_impl->segments)
        total += segment->size.load();
    return total;
}

ReadResult PartitionLog::read(int64_t fetchOffset, int32_t maxBytes) const
{
    struct Candidate {
        std::shared_ptr<Segment> segment;
        int64_t position;
        int64_t end;
    };
    ReadResult result;
    std::vector<Candidate> candidates;
    {
        std::lock_guard state(m_impl->stateMutex);
        result.highWatermark = m_impl->highWatermark;
        result.logStartOffset = m_impl->logStartOffset;
        if (fetchOffset < result.logStartOffset || fetchOffset > result.highWatermark) {
            result.error = ErrorCode::OffsetOutOfRange;
            return result;
        }
        if (fetchOffset == result.highWatermark)
            return result;
        auto it = m_impl->segments.upper_bound(fetchOffset);
        if (it != m_impl->segments.begin())
            --it;
        bool first = true;
        for (; it != m_impl->segments.end(); ++it) {
            const auto& segment = it->second;
            candidates.push_back({segment, first ? segment->positionFloor(fetchOffset) : 0, segment->size.load()});
            first = false;
        }
    }
    const int64_t highWatermark = result.highWatermark;
    for (const auto& candidate : candidates) {
        int64_t start = -1;
        int64_t end = -1;
        candidate.segment->scanHeaders(candidate.position, candidate.end, [&](const Segment::ScannedBatch& batch) {
            if (batch.header.baseOffset >= highWatermark)
                return false;
            if (batch.header.lastOffset() < fetchOffset)
                return true;
            const int64_t batchEnd = batch.position + batch.header.totalSize();
            if (start >= 0 && batchEnd - start > maxBytes)
                return false;
            if (start < 0)
                start = batch.position;
            end = batchEnd;
            return true;
        });
        if (start >= 0) {
            const auto file = candidate.segment->file();
            result.slices.push_back({file, file->fd(), start, static_cast<int32_t>(end - start)});
            result.bytes = end - start;
            break;
        }
    }
    return result;
}

OffsetAndTimestamp PartitionLog::offsetForTimestamp(int64_t timestamp) const
{
    struct Candidate {
        std::shared_ptr<Segment> segment;
        int64_t position;
        int64_t end;
    };
    std::vector<Candidate> candidates;
    int64_t logStart = 0;
    int64_t highWatermark = 0;
    int32_t maxMessageBytes = 0;
    {
        std::lock_guard state(m_impl->stateMutex);
        logStart = m_impl->logStartOffset;
        highWatermark = m_impl->highWatermark;
        maxMessageBytes = m_impl->config.maxMessageBytes;
        for (const auto& [base, segment] : m_impl->segments) {
            if (segment->maxTimestamp < timestamp || segment->nextOffset <= logStart)
                continue;
            const int64_t fromOffset = std::max(segment->offsetFloorForTimestamp(timestamp), logStart);
            candidates.push_back({segment, segment->positionFloor(fromOffset), segment->size.load()});
        }
    }
    for (const auto& candidate : candidates) {
        std::optional<Segment::ScannedBatch> found;
        candidate.segment->scanHeaders(candidate.position, candidate.end, [&](const Segment::ScannedBatch& batch) {
            if (batch.header.baseOffset >= highWatermark)
                return false;
            if (batch.header.lastOffset() < logStart || batch.header.maxTimestamp < timestamp)
                return true;
            found = batch;
            return false;
        });
        if (!found)
            continue;
        const auto& header = found->header;
        OffsetAndTimestamp answer{header.baseOffset, header.maxTimestamp};
        if (header.compression() == 0 && !header.logAppendTime()) {
            std::vector<uint8_t> bytes(static_cast<size_t>(header.totalSize()));
            if (fileutil::readAt(candidate.segment->file()->fd(), bytes, found->position) == header.totalSize())
                answer = findRecord(bytes, header, timestamp);
        }
        if (header.compression() != 0 && !header.logAppendTime())
            answer = findCompressedRecord(*candidate.segment, found->position, header, timestamp, maxMessageBytes);
        answer.offset = std::max(answer.offset, logStart);
        return answer;
    }
    return {};
}

OffsetAndTimestamp PartitionLog::maxTimestamp() const
{
    std::lock_guard state(m_impl->stateMutex);
    OffsetAndTimestamp best;
    for (const auto& [base, segment] : m_impl->segments) {
        if (segment->maxTimestamp > best.timestamp && segment->offsetOfMaxTimestamp >= m_impl->logStartOffset)
            best = {segment->offsetOfMaxTimestamp, segment->maxTimestamp};
    }
    return best;
}

std::vector<SegmentStart> PartitionLog::segmentStarts() const
{
    std::vector<std::shared_ptr<Segment>> segments;
    int64_t logStart = 0;
    {
        std::lock_guard state(m_impl->stateMutex);
        logStart = m_impl->logStartOffset;
        for (const auto& [base, segment] : m_impl->segments)
            segments.push_back(segment);
    }
    std::vector<SegmentStart> starts;
    starts.reserve(segments.size());
    for (const auto& segment : segments)
        starts.push_back({ std::max(segment->baseOffset(), logStart), segment->lastModifiedMs(), segment->size.load() });
    return starts;
}

bool readSliceBytes(const std::vector<FileSlice>& slices, std::vector<uint8_t>* out)
{
    for (const auto& slice : slices) {
        const size_t at = out->size();
        out->resize(at + static_cast<size_t>(slice.length));
        if (::pread(slice.fd, out->data() + at, static_cast<size_t>(slice.length), slice.position) != slice.length)
            return false;
    }
    return true;
}

DeleteRecordsResult PartitionLog::deleteRecordsBefore(int64_t offset)
{
    DeleteRecordsResult result;
    std::lock_guard appendLock(m_impl->appendMutex);
    bool moved = false;
    {
        std::lock_guard state(m_impl->stateMutex);
        const int64_t target = offset == -1 ? m_impl->highWatermark : offset;
        if (target < 0 || target > m_impl->highWatermark) {
            result.error = ErrorCode::OffsetOutOfRange;
            result.logStartOffset = m_impl->logStartOffset;
            return result;
        }
        if (target > m_impl->logStartOffset) {
            m_impl->logStartOffset = target;
            moved = true;
        }
        result.logStartOffset = m_impl->logStartOffset;
    }
    if (moved) {
        std::string error;
        if (!fileutil::writeFileAtomically(m_directory + "/log-start-offset", std::to_string(result.logStartOffset),
                                           &error)) {
            log(LogLevel::Error, "partition %s-%d: %s", m_topic.c_str(), m_partition, error.c_str());
            result.error = ErrorCode::KafkaStorageError;
            return result;
        }
        deleteSegmentsBelowStart();
    }
    return result;
}

void PartitionLog::deleteSegmentsBelowStart()
{
    std::vector<std::shared_ptr<Segment>> doomed;
    {
        std::lock_guard state(m_impl->stateMutex);
        auto& segments = m_impl->segments;
        while (segments.size() > 1 && std::next(segments.begin())->first <= m_impl->logStartOffset) {
            doomed.push_back(segments.begin()->second);
            segments.erase(segments.begin());
        }
    }
    for (const auto& segment : doomed)
        segment->removeFiles();
}

int PartitionLog::applyRetention(int64_t nowMs)
{
    std::lock_guard appendLock(m_impl->appendMutex);
    if (m_impl->closed)
        return 0;
    std::vector<std::shared_ptr<Segment>> doomed;
    {
        std::lock_guard state(m_impl->stateMutex);
        const TopicConfig& config = m_impl->config;
        auto& segments = m_impl->segments;
        int64_t total = 0;
        for (const auto& [base, segment] : segments)
            total += segment->size.load();
        while (segments.size() > 1) {
            const auto& oldest = segments.begin()->second;
            const int64_t size = oldest->size.load();
            const bool belowStart = std::next(segments.begin())->first <= m_impl->logStartOffset;
            // Without timestamps (messages of format v0 have none) the file's age counts, as in Kafka.
            const int64_t newest = oldest->maxTimestamp >= 0 ? oldest->maxTimestamp : oldest->lastModifiedMs();
            const bool expired = config.cleanupDelete && config.retentionMs >= 0
                && newest < nowMs - config.retentionMs;
            const bool overSize = config.cleanupDelete && config.retentionBytes >= 0
                && total - size >= config.retentionBytes;
            if (!belowStart && !expired && !overSize)
                break;
            total -= size;
            doomed.push_back(oldest);
            segments.erase(segments.begin());
        }
        m_impl->logStartOffset = std::max(m_impl->logStartOffset, segments.begin()->first);
    }
    for (const auto& segment : doomed)
        segment->removeFiles();
    if (!doomed.empty())
        log(LogLevel::Info, "partition %s-%d: retention deleted %zu segment(s)", m_topic.c_str(), m_partition,
            doomed.size());
    return static_cast<int>(doomed.size());
}

} // namespace samsa::broker
