#pragma once

#include "common/errors.h"
#include "storage/topicconfig.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker {

namespace recordbatch {
struct Header;
}
class Segment;
class SegmentFile;
struct ProducerStateTable;

struct AppendResult {
    ErrorCode error = ErrorCode::None;
    std::string message;        // readable reason when error != None (for ErrorMessage / logs)
    int64_t baseOffset = -1;    // offset of the first record written (or, for a duplicate, of the original)
    int64_t logAppendTime = -1; // the broker's timestamp for LogAppendTime topics, -1 for CreateTime
    int64_t logStartOffset = -1;
    bool duplicate = false;     // an idempotent retry of a batch already in the log: nothing written
    // Index of the first offending batch in the request's records (for RecordErrors), -1 if none.
    int32_t batchIndex = -1;
};

// A byte range of a segment file that the server may sendfile() as is. The SegmentFile keeps
// the descriptor open for as long as the slice lives, even when retention deletes the segment.
struct FileSlice {
    std::shared_ptr<SegmentFile> file;
    int fd = -1;
    int64_t position = 0;
    int32_t length = 0;
};

struct ReadResult {
    ErrorCode error = ErrorCode::None; // OffsetOutOfRange when the offset is outside [logStart, high watermark]
    std::vector<FileSlice> slices;     // whole batches in offset order; empty at the high watermark
    int64_t highWatermark = 0;
    int64_t logStartOffset = 0;
    int64_t bytes = 0;                 // total length of slices
};

struct OffsetAndTimestamp {
    int64_t offset = -1;
    int64_t timestamp = -1;
};

// A segment as ListOffsets v0 sees it: where it starts and when its file last changed.
struct SegmentStart {
    int64_t baseOffset = 0;
    int64_t lastModifiedMs = 0;
    int64_t sizeBytes = 0;
};

struct DeleteRecordsResult {
    ErrorCode error = ErrorCode::None;
    int64_t logStartOffset = -1; // the new low watermark
};

// The bytes of the slices of a read, in order, appended to *out; false when a read fails.
bool readSliceBytes(const std::vector<FileSlice>& slices, std::vector<uint8_t>* out);

// One partition's log: a directory of segments named by base offset (%020lld.log with .index
// and .timeindex), holding record batches v2 exactly as producers sent them, apart from the
// rewritten BaseOffset and PartitionLeaderEpoch (and, for LogAppendTime, the timestamp bit,
// MaxTimestamp and CRC).
//
// Thread safety: every method may be called from any thread. Appends are serialized by a mutex;
// reads run concurrently with appends and see only whole batches below the high watermark they
// observed. After close() or markDeleted() appends fail with UnknownTopicOrPartition.
class PartitionLog {
public:
    // Opens (creating when missing) the directory and recovers it: the last segment is checked
    // batch by batch (length, magic, CRC, offsets) and a torn tail is truncated to the last whole
    // batch with a warning naming how many bytes were cut; damaged or missing indexes are rebuilt;
    // idempotent producer state is rebuilt from the last segment. Returns null with *error set
    // when the directory cannot be created or read.
    static std::shared_ptr<PartitionLog> open(const std::string& directory, const std::string& topic,
                                              int32_t partition, const TopicConfig& config, std::string* error);
    ~PartitionLog();
    PartitionLog(const PartitionLog&) = delete;
    PartitionLog& operator=(const PartitionLog&) = delete;

    // Appends the Records field of a produce request: one or more record batches v2. Everything is
    // validated before anything is written: length and magic (UnsupportedForMessageFormat for magic
    // 0/1, CorruptMessage otherwise), CRC-32C (CorruptMessage), LastOffsetDelta + 1 == count > 0
    // and no control or transactional batches (InvalidRecord), size <= max.message.bytes
    // (MessageTooLarge), and for idempotent producers the sequence: a retry of one of the producer's
    // last 5 batches is acknowledged with its original offset and not written (duplicate = true),
    // a gap gives OutOfOrderSequenceNumber and an older epoch InvalidProducerEpoch. Offsets are
    // assigned here; with flush.messages reached the data is fdatasync'd before returning.
    AppendResult append(std::span<const uint8_t> records, int64_t nowMs);

    // Whole batches starting at the one that contains fetchOffset: at least one batch even when
    // it is larger than maxBytes (KIP-74), then only batches that fit. Reads one segment at a time.
    ReadResult read(int64_t fetchOffset, int32_t maxBytes) const;

    int64_t highWatermark() const;   // next offset to be written ("latest", the log end offset)
    int64_t logStartOffset() const;  // first readable offset ("earliest")

    // The first batch whose MaxTimestamp >= timestamp: for uncompressed batches the exact record
    // (offset and its timestamp); for compressed ones the batch's base offset and MaxTimestamp.
    // {-1, -1} when no record is that recent.
    OffsetAndTimestamp offsetForTimestamp(int64_t timestamp) const;

    // The record with the largest timestamp (ListOffsets -3); {-1, -1} for an empty log.
    OffsetAndTimestamp maxTimestamp() const;

    // Every segment, oldest first; the first one's base offset raised to the log start offset.
    std::vector<SegmentStart> segmentStarts() const;
    // Moves the log start offset to `offset` (-1: the high watermark). OffsetOutOfRange when it is
    // beyond the high watermark; a smaller offset than the current start is a no-op. Segments that
    // end below the new start are deleted; the start offset is stored durably.
    DeleteRecordsResult deleteRecordsBefore(int64_t offset);

    // Bytes in all segment files.
    int64_t sizeBytes() const;

    // Called (outside all locks, on the appending thread) after every successful append, so the
    // server can wake fetches parked on this partition. Replaces any previous listener.
    void setAppendListener(std::function<void()> listener);

    // Increases with every successful append; lets a parked fetch check for news without a listener.
    uint64_t appendGeneration() const;

    // New effective config (after AlterConfigs); takes effect on the next append or retention run.
    void setConfig(const TopicConfig& config);
    TopicConfig config() const;

    // Deletes whole non-active segments that are past retention.ms (by their largest timestamp) or
    // beyond retention.bytes, or entirely below the log start offset. Returns how many were deleted.
    int applyRetention(int64_t nowMs);

    // With cleanup.policy compact: rewrites the closed segments older than min.compaction.lag.ms
    // keeping the last record of each key, once the part not cleaned yet is at least
    // min.cleanable.dirty.ratio of them (see partitionlogcompaction.cpp). Returns how many segments
    // were rewritten. Runs beside appends and reads; offsets never change. pace(bytes) is called
    // before each segment is read with the bytes about to be read; it may wait (an I/O bound) and
    // returns false to stop cleaning (shutdown).
    int compact(int64_t nowMs, const std::function<bool(int64_t bytes)>& pace = {});

    // fdatasync's the segment and index data written since the last flush.
    void flush();
    // Flushes when data older than flush.ms is unflushed (the background flusher calls this).
    void flushIfDue(int64_t nowMs);

    // Flushes unflushed data, writes the active segment's indexes and the producer snapshot when
    // anything was appended since open (an idle partition's files are not touched), and refuses
    // further appends.
    void close();
    // Refuses further appends without flushing: the topic is being deleted.
    void markDeleted();

    const std::string& topic() const { return m_topic; }
    int32_t partition() const { return m_partition; }
    const std::string& directory() const { return m_directory; }

private:
    PartitionLog(std::string directory, std::string topic, int32_t partition, const TopicConfig& config);
    bool recover(std::string* error);
    void finishInterruptedCleaning();
    bool roll(std::string* error);
    void deleteSegmentsBelowStart();
    void restoreProducers(int64_t endOffset, const std::vector<recordbatch::Header>& tail);
    void writeProducerSnapshot();

    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_directory;
    std::string m_topic;
    int32_t m_partition = 0;
};

} // namespace samsa::broker
