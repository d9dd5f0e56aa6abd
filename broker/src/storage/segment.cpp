#include "storage/segment.h"

#include "common/crc32c.h"
#include "common/log.h"
#include "storage/fileutil.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace samsa::broker {

namespace {

constexpr int64_t RecoveryChunk = 1 << 20;
constexpr int64_t ScanChunk = 8192;
constexpr size_t OffsetEntrySize = 8;
constexpr size_t TimeEntrySize = 12;

bool plausible(const recordbatch::Header& header, int64_t position, int64_t end)
{
    return header.magic == 2 && header.length >= recordbatch::MinimumLength && header.lastOffsetDelta >= 0
        && position + header.totalSize() <= end;
}

} // namespace

SegmentFile::~SegmentFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Segment::Segment(std::string directory, int64_t baseOffset)
    : m_directory(std::move(directory))
    , m_baseOffset(baseOffset)
    , m_logPath(m_directory + "/" + fileName(baseOffset, ".log"))
    , m_indexPath(m_directory + "/" + fileName(baseOffset, ".index"))
    , m_timeIndexPath(m_directory + "/" + fileName(baseOffset, ".timeindex"))
{
    nextOffset = baseOffset;
}

Segment::~Segment()
{
    OpenFileCache::instance().release(m_slot);
}

std::shared_ptr<SegmentFile> Segment::file() const
{
    int openError = 0;
    bool replaced = false;
    auto file = OpenFileCache::instance().acquire(m_slot, [&]() -> std::shared_ptr<SegmentFile> {
        const int fd = ::open(m_logPath.c_str(), O_RDWR | O_CLOEXEC);
        if (fd < 0) {
            openError = errno;
            return nullptr;
        }
        struct stat info{};
        if (::fstat(fd, &info) != 0 || info.st_dev != m_device || info.st_ino != m_inode) {
            // Replaced by the cleaner since this Segment was made: its positions are not the file's.
            ::close(fd);
            replaced = true;
            return nullptr;
        }
        return std::make_shared<SegmentFile>(fd);
    });
    if (file)
        return file;
    // ENOENT is retention having deleted the segment under a reader: no error worth a line.
    if (!replaced && openError != ENOENT) {
        errno = openError;
        log(LogLevel::Error, "%s", fileutil::errnoMessage("cannot open segment " + m_logPath).c_str());
    }
    return std::make_shared<SegmentFile>(-1);
}

int64_t Segment::lastModifiedMs() const
{
    struct stat status {};
    if (::stat(m_logPath.c_str(), &status) != 0)
        return 0;
    return static_cast<int64_t>(status.st_mtim.tv_sec) * 1000 + status.st_mtim.tv_nsec / 1000000;
}

std::string Segment::fileName(int64_t baseOffset, const char* suffix)
{
    char name[64];
    std::snprintf(name, sizeof name, "%020" PRId64 "%s", baseOffset, suffix);
    return name;
}

std::shared_ptr<Segment> Segment::create(const std::string& directory, int64_t baseOffset, std::string* error)
{
    const std::string path = directory + "/" + fileName(baseOffset, ".log");
    std::shared_ptr<Segment> segment(new Segment(directory, baseOffset));
    bool created = false;
    // Through the cache, so that the new file takes its place among the open ones.
    OpenFileCache::instance().acquire(segment->m_slot, [&]() -> std::shared_ptr<SegmentFile> {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        struct stat info{};
        if (fd < 0 || ::fstat(fd, &info) != 0) {
            if (error)
                *error = fileutil::errnoMessage("cannot create segment " + path);
            if (fd >= 0)
                ::close(fd);
            return nullptr;
        }
        segment->m_device = info.st_dev;
        segment->m_inode = info.st_ino;
        created = true;
        return std::make_shared<SegmentFile>(fd);
    });
    if (!created)
        return nullptr;
    ::unlink(segment->m_indexPath.c_str());
    ::unlink(segment->m_timeIndexPath.c_str());
    // The directory is synced with the first data (sync()), not here: creating 10,000 empty
    // partitions must not cost 10,000 fsyncs, and an empty segment lost in a crash is recreated.
    segment->m_entryPending = true;
    return segment;
}

std::shared_ptr<Segment> Segment::openExisting(const std::string& directory, int64_t baseOffset, std::string* error)
{
    const std::string path = directory + "/" + fileName(baseOffset, ".log");
    struct stat info{};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
        if (error)
            *error = fileutil::errnoMessage("cannot open segment " + path);
        return nullptr;
    }
    std::shared_ptr<Segment> segment(new Segment(directory, baseOffset));
    segment->m_device = info.st_dev;
    segment->m_inode = info.st_ino;
    segment->size = std::max<int64_t>(0, info.st_size);
    return segment;
}

void Segment::addBatch(const recordbatch::Header& header, int64_t position, int64_t batchSize,
                       int32_t indexIntervalBytes)
{
    if (firstBatchTimestamp < 0)
        firstBatchTimestamp = header.maxTimestamp;
    if (header.maxTimestamp > maxTimestamp) {
        maxTimestamp = header.maxTimestamp;
        offsetOfMaxTimestamp = header.lastOffset();
    }
    if (offsetIndex.empty() || bytesSinceIndexEntry >= indexIntervalBytes) {
        offsetIndex.push_back({header.baseOffset, position});
        bytesSinceIndexEntry = 0;
        if (timeIndex.empty() || maxTimestamp > timeIndex.back().timestamp)
            timeIndex.push_back({maxTimestamp, header.baseOffset});
    }
    bytesSinceIndexEntry += batchSize;
    nextOffset = header.lastOffset() + 1;
}

int64_t Segment::positionFloor(int64_t offset) const
{
    auto it = std::upper_bound(offsetIndex.begin(), offsetIndex.end(), offset,
                               [](int64_t value, const OffsetEntry& entry) { return value < entry.offset; });
    if (it == offsetIndex.begin())
        return 0;
    return std::prev(it)->position;
}

int64_t Segment::offsetFloorForTimestamp(int64_t timestamp) const
{
    auto it = std::partition_point(timeIndex.begin(), timeIndex.end(),
                                   [timestamp](const TimeEntry& entry) { return entry.timestamp < timestamp; });
    if (it == timeIndex.begin())
        return m_baseOffset;
    return std::prev(it)->offset;
}

int64_t Segment::scanHeaders(int64_t position, int64_t end, const std::function<bool(const ScannedBatch&)>& visit) const
{
    const auto file = this->file();
    const int fd = file->fd();
    std::vector<uint8_t> chunk(static_cast<size_t>(ScanChunk));
    int64_t chunkStart = 0;
    int64_t chunkLength = 0;
    while (position + static_cast<int64_t>(recordbatch::HeaderSize) <= end) {
        if (position < chunkStart
            || position + static_cast<int64_t>(recordbatch::HeaderSize) > chunkStart + chunkLength) {
            const int64_t want = std::min(ScanChunk, end - position);
            chunkLength = fileutil::readAt(fd, std::span(chunk.data(), static_cast<size_t>(want)), position);
            chunkStart = position;
            if (chunkLength < static_cast<int64_t>(recordbatch::HeaderSize))
                break;
        }
        const auto header = recordbatch::parseHeader(
            std::span<const uint8_t>(chunk.data() + (position - chunkStart), recordbatch::HeaderSize));
        if (!plausible(header, position, end))
            break;
        if (!visit({header, position}))
            break;
        position += header.totalSize();
    }
    return position;
}

int64_t Segment::recover(int32_t indexIntervalBytes, const std::function<void(const recordbatch::Header&)>& visit)
{
    offsetIndex.clear();
    timeIndex.clear();
    bytesSinceIndexEntry = 0;
    maxTimestamp = -1;
    offsetOfMaxTimestamp = -1;
    firstBatchTimestamp = -1;
    nextOffset = m_baseOffset;

    const auto file = this->file();
    const int fd = file->fd();
    const int64_t end = fileutil::fileSize(fd);
    std::vector<uint8_t> buffer;
    int64_t bufferStart = 0;
    auto ensure = [&](int64_t from, int64_t length) {
        if (from >= bufferStart && from + length <= bufferStart + static_cast<int64_t>(buffer.size()))
            return true;
        const int64_t want = std::min(std::max(length, RecoveryChunk), end - from);
        buffer.resize(static_cast<size_t>(std::max<int64_t>(want, 0)));
        const int64_t got = fileutil::readAt(fd, buffer, from);
        buffer.resize(static_cast<size_t>(std::max<int64_t>(got, 0)));
        bufferStart = from;
        return got >= length;
    };

    int64_t position = 0;
    while (position + static_cast<int64_t>(recordbatch::HeaderSize) <= end) {
        if (!ensure(position, static_cast<int64_t>(recordbatch::HeaderSize)))
            break;
        const auto header = recordbatch::parseHeader(std::span<const uint8_t>(buffer).subspan(
            static_cast<size_t>(position - bufferStart)));
        if (!plausible(header, position, end) || header.baseOffset != nextOffset)
            break;
        if (!ensure(position, header.totalSize()))
            break;
        const auto covered = std::span<const uint8_t>(buffer).subspan(
            static_cast<size_t>(position - bufferStart) + recordbatch::AttributesPosition,
            static_cast<size_t>(header.totalSize()) - recordbatch::AttributesPosition);
        if (crc32c(covered) != header.crc)
            break;
        addBatch(header, position, header.totalSize(), indexIntervalBytes);
        if (visit)
            visit(header);
        position += header.totalSize();
    }
    size = position;
    return position;
}

bool Segment::writeIndexes()
{
    std::vector<uint8_t> offsets(offsetIndex.size() * OffsetEntrySize);
    for (size_t i = 0; i < offsetIndex.size(); ++i) {
        auto out = std::span(offsets).subspan(i * OffsetEntrySize);
        writeBeInt32(out, static_cast<int32_t>(offsetIndex[i].offset - m_baseOffset));
        writeBeInt32(out.subspan(4), static_cast<int32_t>(offsetIndex[i].position));
    }
    std::vector<uint8_t> times(timeIndex.size() * TimeEntrySize);
    for (size_t i = 0; i < timeIndex.size(); ++i) {
        auto out = std::span(times).subspan(i * TimeEntrySize);
        writeBeInt64(out, timeIndex[i].timestamp);
        writeBeInt32(out.subspan(8), static_cast<int32_t>(timeIndex[i].offset - m_baseOffset));
    }
    bool ok = true;
    for (const auto& [path, data] : {std::pair{&m_indexPath, &offsets}, std::pair{&m_timeIndexPath, &times}}) {
        const int fd = ::open(path->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) {
            ok = false;
            continue;
        }
        ok = fileutil::writeAt(fd, *data, 0) && ::fdatasync(fd) == 0 && ok;
        ::close(fd);
    }
    return ok;
}

bool Segment::loadIndexes()
{
    offsetIndex.clear();
    timeIndex.clear();
    const auto offsets = fileutil::readFile(m_indexPath);
    const auto times = fileutil::readFile(m_timeIndexPath);
    if (!offsets || !times || offsets->size() % OffsetEntrySize != 0 || times->size() % TimeEntrySize != 0
        || offsets->empty())
        return false;
    const int64_t logSize = size.load();
    const auto offsetBytes = std::span(reinterpret_cast<const uint8_t*>(offsets->data()), offsets->size());
    for (size_t i = 0; i < offsets->size(); i += OffsetEntrySize) {
        const OffsetEntry entry{m_baseOffset + readBeInt32(offsetBytes.subspan(i)), readBeInt32(offsetBytes.subspan(i + 4))};
        const bool ordered = offsetIndex.empty()
            || (entry.offset > offsetIndex.back().offset && entry.position > offsetIndex.back().position);
        if (!ordered || entry.offset < m_baseOffset || entry.position < 0 || entry.position >= logSize) {
            offsetIndex.clear();
            return false;
        }
        offsetIndex.push_back(entry);
    }
    const auto timeBytes = std::span(reinterpret_cast<const uint8_t*>(times->data()), times->size());
    for (size_t i = 0; i < times->size(); i += TimeEntrySize) {
        const TimeEntry entry{readBeInt64(timeBytes.subspan(i)), m_baseOffset + readBeInt32(timeBytes.subspan(i + 8))};
        const bool ordered = timeIndex.empty()
            || (entry.timestamp >= timeIndex.back().timestamp && entry.offset >= timeIndex.back().offset);
        if (!ordered) {
            offsetIndex.clear();
            timeIndex.clear();
            return false;
        }
        timeIndex.push_back(entry);
    }
    return offsetIndex.front().position == 0;
}

void Segment::loadClosed(int32_t indexIntervalBytes)
{
    const int64_t end = size.load();
    if (loadIndexes()) {
        if (!timeIndex.empty()) {
            maxTimestamp = timeIndex.back().timestamp;
            offsetOfMaxTimestamp = timeIndex.back().offset;
        }
        const int64_t last = scanHeaders(offsetIndex.back().position, end, [this](const ScannedBatch& batch) {
            nextOffset = batch.header.lastOffset() + 1;
            if (batch.header.maxTimestamp > maxTimestamp) {
                maxTimestamp = batch.header.maxTimestamp;
                offsetOfMaxTimestamp = batch.header.lastOffset();
            }
            return true;
        });
        if (last == end)
            return;
    }
    // The index files are missing or do not match the log: rebuild them from the batch headers.
    offsetIndex.clear();
    timeIndex.clear();
    bytesSinceIndexEntry = 0;
    maxTimestamp = -1;
    offsetOfMaxTimestamp = -1;
    nextOffset = m_baseOffset;
    const int64_t last = scanHeaders(0, end, [&](const ScannedBatch& batch) {
        // Offsets rise; a compacted segment may skip some (whole batches the cleaner removed).
        if (batch.header.baseOffset < nextOffset)
            return false;
        addBatch(batch.header, batch.position, batch.header.totalSize(), indexIntervalBytes);
        return true;
    });
    size = last;
    writeIndexes();
}

bool Segment::truncate(int64_t newSize)
{
    if (::ftruncate(file()->fd(), newSize) != 0)
        return false;
    size = newSize;
    return true;
}

bool Segment::sync()
{
    // A descriptor opened after the data was written (the first one was evicted) flushes it as
    // well: fdatasync works on the inode, and Linux reports an unseen writeback error to it.
    if (::fdatasync(file()->fd()) != 0)
        return false;
    // A segment made in this run: its name in the partition's directory, and that directory's in
    // the data directory, become durable with its first synced data.
    if (m_entryPending.exchange(false)) {
        if (!fileutil::syncDirectory(m_directory)) {
            m_entryPending = true;
            return false;
        }
        const auto slash = m_directory.rfind('/');
        if (slash != std::string::npos && slash > 0)
            fileutil::syncDirectory(m_directory.substr(0, slash));
    }
    return true;
}

void Segment::removeFiles()
{
    ::unlink(m_logPath.c_str());
    ::unlink(m_indexPath.c_str());
    ::unlink(m_timeIndexPath.c_str());
}

} // namespace samsa::broker
