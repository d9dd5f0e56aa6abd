#pragma once

#include "storage/openfilecache.h"
#include "storage/recordbatch.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace samsa::broker {

// An open segment .log file. Closed when the last owner (the Segment, or a FileSlice on its way to
// a socket) lets go, so retention may unlink a segment while a fetch is still sending from it.
class SegmentFile {
public:
    explicit SegmentFile(int fd) : m_fd(fd) {}
    ~SegmentFile();
    SegmentFile(const SegmentFile&) = delete;
    SegmentFile& operator=(const SegmentFile&) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

// One segment of a partition: BASE.log with its sparse BASE.index (offset → position) and
// BASE.timeindex (max timestamp so far → offset), both also held in memory.
//
// The .log is opened on demand through the process-wide OpenFileCache, so ten thousand idle
// partitions hold no descriptors; the index files are open only while written or loaded. A file
// reopened by path must be the same inode as before: after retention deleted it or compaction
// swapped in a rewrite, a stale Segment gets a closed file (reads fail) rather than other bytes.
//
// Not synchronised itself: PartitionLog guards the mutable members (size, nextOffset,
// timestamps, indexes) with its state mutex, and only its append path changes them.
class Segment {
public:
    struct OffsetEntry {
        int64_t offset;   // base offset of a batch
        int64_t position; // where that batch starts in the .log
    };
    struct TimeEntry {
        int64_t timestamp; // the segment's largest timestamp up to and including the batch at offset
        int64_t offset;
    };
    // Header of one batch found while scanning, with its position.
    struct ScannedBatch {
        recordbatch::Header header;
        int64_t position;
    };

    // Creates empty files for a new segment (truncating leftovers of the same name).
    static std::shared_ptr<Segment> create(const std::string& directory, int64_t baseOffset, std::string* error);
    // An existing .log (its size and identity, not yet a descriptor); indexes are loaded or rebuilt by the caller.
    static std::shared_ptr<Segment> openExisting(const std::string& directory, int64_t baseOffset, std::string* error);
    ~Segment();

    static std::string fileName(int64_t baseOffset, const char* suffix);

    int64_t baseOffset() const { return m_baseOffset; }
    // The open .log, opened (and made the most recently used) on demand. Never null: when it cannot
    // be opened (or is no longer the same file) its fd() is -1, so reads and writes through it fail
    // with EBADF and the reason is logged. Hold the pointer for as long as the fd is used.
    std::shared_ptr<SegmentFile> file() const;
    const std::string& logPath() const { return m_logPath; }
    // When the .log last changed (ms since the epoch), 0 when it cannot be read.
    int64_t lastModifiedMs() const;

    // Records a batch appended at `position` of `size` bytes and updates the sparse indexes.
    void addBatch(const recordbatch::Header& header, int64_t position, int64_t size, int32_t indexIntervalBytes);

    // The position of the indexed batch at or before `offset` (0 when none).
    int64_t positionFloor(int64_t offset) const;
    // The offset from which a scan for a record with timestamp >= `timestamp` may start.
    int64_t offsetFloorForTimestamp(int64_t timestamp) const;

    // Reads batch headers from `position` up to `end`, calling `visit` for each until it returns
    // false. Stops at the first header that cannot be read or does not fit. Returns the position
    // after the last batch visited completely.
    int64_t scanHeaders(int64_t position, int64_t end, const std::function<bool(const ScannedBatch&)>& visit) const;

    // Checks every batch from position 0 (length, magic, CRC, contiguous offsets), rebuilding
    // the indexes; returns the end of the last valid batch. `visit` sees each valid batch.
    int64_t recover(int32_t indexIntervalBytes, const std::function<void(const recordbatch::Header&)>& visit);

    // Writes the in-memory indexes to the .index and .timeindex files and fdatasync's them.
    bool writeIndexes();
    // Loads the index files; false (and empty indexes) when missing or inconsistent with the log.
    bool loadIndexes();
    // Rebuilds the in-memory state of a closed (non-active) segment: indexes from files when they
    // are sound, then a header scan from the last indexed batch for nextOffset and maxTimestamp.
    void loadClosed(int32_t indexIntervalBytes);

    bool truncate(int64_t size);
    // fdatasync's the .log; the first time for a segment created in this run, also its directory
    // entries (create() leaves them to this).
    bool sync();
    void removeFiles();

    std::atomic<int64_t> size{0};
    int64_t nextOffset = 0;       // one past the last offset in the segment
    int64_t maxTimestamp = -1;    // largest batch MaxTimestamp, -1 when empty
    int64_t offsetOfMaxTimestamp = -1;
    int64_t firstBatchTimestamp = -1;
    int64_t rollStartMs = -1;     // when the first batch arrived, for segment.ms
    int64_t bytesSinceIndexEntry = 0;
    std::vector<OffsetEntry> offsetIndex;
    std::vector<TimeEntry> timeIndex;

private:
    Segment(std::string directory, int64_t baseOffset);

    std::string m_directory;
    int64_t m_baseOffset;
    mutable OpenFileSlot m_slot;
    uint64_t m_device = 0; // identity of the .log, checked when it is reopened
    uint64_t m_inode = 0;
    std::atomic<bool> m_entryPending{false}; // created here; directory not synced since
    std::string m_logPath;
    std::string m_indexPath;
    std::string m_timeIndexPath;
};

} // namespace samsa::broker
