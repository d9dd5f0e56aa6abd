// Log compaction of PartitionLog (cleanup.policy=compact), after Kafka's log cleaner: closed
// segments are rewritten keeping the last record of each key.
//
// What is kept: the dirty part (from the cleaner checkpoint to the end of the cleanable segments)
// gives each key's last offset; every cleanable segment is then rewritten without the records a
// later one of the same key replaced. A tombstone goes once a previous cleaning has seen it (it
// lies below the checkpoint) and its batch is older than delete.retention.ms; Kafka counts that
// time from the first cleaning instead. Records without a key, control batches and compressed
// batches are kept as they are (compressed ones until the broker decompresses batches).
//
// Consistency: offsets never change (batches keep their base offset and last offset delta), and a
// reader holding the old file keeps reading it: the new file replaces the old name by rename(2),
// and the old descriptor lives until its last reader lets go. Crash safety as Kafka's: the rewrite
// goes to BASE.log.cleaned, is synced and renamed to BASE.log.swap, and only then renamed over
// BASE.log; at start a .cleaned file is deleted and a .swap file finishes its rename.

#include "storage/partitionlog.h"

#include "common/log.h"
#include "storage/batchcompression.h"
#include "storage/batchrecords.h"
#include "storage/configparse.h"
#include "storage/fileutil.h"
#include "storage/partitionlogimpl.h"
#include "storage/recordvalidation.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>
#include <unordered_map>

namespace samsa::broker {

namespace {

constexpr const char* CleanerCheckpoint = "cleaner-offset-checkpoint";

struct Cleanable {
    std::shared_ptr<Segment> segment;
    int64_t base = 0;
    int64_t size = 0;
    int64_t next = 0; // one past its last offset
};

// Calls visit(batch bytes, header, position) for each whole batch of the segment's first `size`
// bytes, reading one batch at a time into a buffer that is reused (a segment may be a gigabyte).
// False when the file cannot be read.
template<typename Visit>
bool forEachBatch(const Segment& segment, int64_t size, Visit visit)
{
    const auto file = segment.file();
    const int fd = file->fd();
    std::vector<uint8_t> buffer(recordbatch::HeaderSize);
    int64_t position = 0;
    while (size - position >= static_cast<int64_t>(recordbatch::HeaderSize)) {
        buffer.resize(recordbatch::HeaderSize);
        if (fileutil::readAt(fd, buffer, position) != static_cast<int64_t>(recordbatch::HeaderSize))
            return false;
        const recordbatch::Header header = recordbatch::parseHeader(buffer);
        if (header.length < recordbatch::MinimumLength || header.totalSize() > size - position)
            return true; // a torn tail: recovery's business, not the cleaner's
        buffer.resize(static_cast<size_t>(header.totalSize()));
        if (fileutil::readAt(fd, buffer, position) != header.totalSize())
            return false;
        visit(std::span<const uint8_t>(buffer), header, position);
        position += header.totalSize();
    }
    return true;
}

// The rewritten segment, written as it is made. Nothing is written while every batch is kept as it
// is; at the first change the unchanged part is copied from the old file, so an untouched segment
// costs no write.
class CleanedWriter {
public:
    CleanedWriter(std::string path, int sourceFd)
        : m_path(std::move(path))
        , m_sourceFd(sourceFd)
    {
    }
    ~CleanedWriter()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool changed() const { return m_fd >= 0; }
    int64_t size() const { return m_size; }

    // The batch at `position` of the old file, kept as it is.
    bool keep(std::span<const uint8_t> batch)
    {
        if (changed())
            return append(batch);
        m_size += static_cast<int64_t>(batch.size()); // still the old file's bytes, up to here
        return true;
    }

    // A batch that differs from the old file's at `position` (empty: dropped).
    bool replace(std::span<const uint8_t> batch, int64_t position)
    {
        if (!changed() && !start(position))
            return false;
        return append(batch);
    }

    bool finish(std::string* error)
    {
        if (!m_ok || ::fdatasync(m_fd) != 0) {
            *error = fileutil::errnoMessage("cannot write " + m_path);
            return false;
        }
        return true;
    }

private:
    bool start(int64_t copyUpTo)
    {
        m_fd = ::open(m_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
        if (m_fd < 0)
            return m_ok = false;
        m_size = 0;
        std::vector<uint8_t> chunk;
        for (int64_t at = 0; at < copyUpTo && m_ok;) {
            chunk.resize(static_cast<size_t>(std::min<int64_t>(copyUpTo - at, 1 << 20)));
            m_ok = fileutil::readAt(m_sourceFd, chunk, at) == static_cast<int64_t>(chunk.size()) && append(chunk);
            at += static_cast<int64_t>(chunk.size());
        }
        return m_ok;
    }

    bool append(std::span<const uint8_t> bytes)
    {
        m_ok = m_ok && fileutil::writeAt(m_fd, bytes, m_size);
        m_size += static_cast<int64_t>(bytes.size());
        return m_ok;
    }

    std::string m_path;
    int m_sourceFd;
    int m_fd = -1;
    int64_t m_size = 0;
    bool m_ok = true;
};

bool cleanable(const recordbatch::Header& header)
{
    return header.magic == 2 && header.compression() <= static_cast<int>(CompressionCodec::Zstd) && !header.control();
}

// The batch whose records the cleaner walks: the batch itself, or for a compressed one its records
// decompressed into `storage`. False when they do not decompress: the batch is then kept whole.
bool recordsOf(std::span<const uint8_t> batch, const recordbatch::Header& header, int32_t maxMessageBytes,
               std::vector<uint8_t>& storage, std::span<const uint8_t>* out)
{
    *out = batch;
    if (header.compression() == 0)
        return true;
    auto plain = recompressBatch(batch, CompressionCodec::None, decompressedBatchLimit(maxMessageBytes), nullptr);
    if (!plain)
        return false;
    storage = std::move(*plain);
    *out = storage;
    return true;
}

} // namespace

void PartitionLog::finishInterruptedCleaning()
{
    for (const auto& name : fileutil::listDirectory(m_directory)) {
        const std::string path = m_directory + "/" + name;
        if (name.ends_with(".log.cleaned")) {
            ::unlink(path.c_str());
        } else if (name.ends_with(".log.swap")) {
            const std::string target = path.substr(0, path.size() - std::string_view(".swap").size());
            const std::string base = target.substr(0, target.size() - std::string_view(".log").size());
            // The swap file was complete; the old indexes describe the old file.
            if (::rename(path.c_str(), target.c_str()) == 0) {
                ::unlink((base + ".index").c_str());
                ::unlink((base + ".timeindex").c_str());
                log(LogLevel::Info, "%s: finished swapping in the cleaned %s", m_directory.c_str(), name.c_str());
            }
        }
    }
}

int PartitionLog::compact(int64_t nowMs, const std::function<bool(int64_t bytes)>& pace)
{
    Impl& d = *m_impl;
    std::vector<Cleanable> segments;
    TopicConfig config;
    {
        std::lock_guard state(d.stateMutex);
        config = d.config;
        if (!config.cleanupCompact || d.closed || d.segments.size() < 2)
            return 0;
        const auto active = std::prev(d.segments.end()); // never cleaned: it is still written
        for (auto it = d.segments.begin(); it != active; ++it) {
            const Segment& segment = *it->second;
            if (segment.maxTimestamp > nowMs - config.minCompactionLagMs)
                break; // too recent: neither it nor anything after it is cleaned yet
            segments.push_back({ it->second, it->first, segment.size.load(), segment.nextOffset });
        }
    }
    if (segments.empty())
        return 0;
    int64_t firstDirty = 0;
    if (const auto text = fileutil::readFile(m_directory + "/" + CleanerCheckpoint))
        firstDirty = configparse::parseInteger(*text, 0, INT64_MAX).value_or(0);
    int64_t total = 0;
    int64_t dirty = 0;
    for (const Cleanable& segment : segments) {
        total += segment.size;
        if (segment.next > firstDirty)
            dirty += segment.size;
    }
    if (total == 0 || dirty == 0 || static_cast<double>(dirty) / static_cast<double>(total) < config.minCleanableDirtyRatio)
        return 0;

    // Each key's last offset in the dirty part.
    std::unordered_map<std::string, int64_t> lastOffsets;
    for (const Cleanable& segment : segments) {
        if (segment.next <= firstDirty)
            continue;
        if (pace && !pace(segment.size))
            return 0;
        const bool read = forEachBatch(*segment.segment, segment.size,
            [&](std::span<const uint8_t> batch, const recordbatch::Header& header, int64_t) {
            std::vector<uint8_t> storage;
            std::span<const uint8_t> records;
            if (!cleanable(header) || !recordsOf(batch, header, config.maxMessageBytes, storage, &records))
                return;
            std::string ignored;
            forEachRecord(
                records,
                [&](const RecordView& record) {
                    if (record.hasKey)
                        lastOffsets[std::string(record.key.begin(), record.key.end())] = record.offset;
                    return true;
                },
                &ignored);
        });
        if (!read)
            return 0;
    }

    int rewritten = 0;
    int64_t before = 0;
    int64_t after = 0;
    for (const Cleanable& segment : segments) {
        if (pace && !pace(2 * segment.size)) // read and, at most, written
            return rewritten;
        const std::string logPath = segment.segment->logPath();
        const std::string basePath = logPath.substr(0, logPath.size() - std::string_view(".log").size());
        const auto source = segment.segment->file(); // open for as long as the writer copies from it
        CleanedWriter cleaned(logPath + ".cleaned", source->fd());
        const bool read = forEachBatch(*segment.segment, segment.size,
            [&](std::span<const uint8_t> batch, const recordbatch::Header& header, int64_t position) {
            const bool tombstonesExpired
                = header.lastOffset() < firstDirty && header.maxTimestamp < nowMs - config.deleteRetentionMs;
            const auto keep = [&](const RecordView& record) {
                if (!record.hasKey)
                    return true;
                const auto last = lastOffsets.find(std::string(record.key.begin(), record.key.end()));
                if (last != lastOffsets.end() && last->second > record.offset)
                    return false;
                return !(record.tombstone && tombstonesExpired);
            };
            std::optional<std::vector<uint8_t>> kept;
            bool batchChanged = false;
            std::string error;
            std::vector<uint8_t> storage;
            std::span<const uint8_t> records;
            if (!cleanable(header) || !recordsOf(batch, header, config.maxMessageBytes, storage, &records)
                || !filterBatch(records, keep, &kept, &batchChanged, &error) || !batchChanged) {
                cleaned.keep(batch); // as it is
                return;
            }
            // A compressed batch stays compressed with its codec.
            if (kept && header.compression() != 0) {
                kept = recompressBatch(*kept, static_cast<CompressionCodec>(header.compression()),
                                       decompressedBatchLimit(config.maxMessageBytes), &error);
                if (!kept) {
                    cleaned.keep(batch);
                    return;
                }
            }
            cleaned.replace(kept ? std::span<const uint8_t>(*kept) : std::span<const uint8_t>(), position);
        });
        if (!cleaned.changed()) {
            if (!read)
                return rewritten;
            continue;
        }
        std::string error = read ? std::string() : "cannot read " + logPath;
        if (!read || !cleaned.finish(&error)
            || ::rename((logPath + ".cleaned").c_str(), (logPath + ".swap").c_str()) != 0) {
            log(LogLevel::Warning, "partition %s-%d: cleaning stopped: %s", m_topic.c_str(), m_partition, error.c_str());
            ::unlink((logPath + ".cleaned").c_str());
            return rewritten;
        }
        fileutil::syncDirectory(m_directory);
        // Swap in, unless retention or DeleteRecords took the segment meanwhile.
        std::lock_guard appendLock(d.appendMutex);
        std::shared_ptr<Segment> current;
        {
            std::lock_guard state(d.stateMutex);
            const auto found = d.segments.find(segment.base);
            if (found != d.segments.end())
                current = found->second;
        }
        if (d.closed || current != segment.segment) {
            ::unlink((logPath + ".swap").c_str());
            continue;
        }
        if (::rename((logPath + ".swap").c_str(), logPath.c_str()) != 0) {
            log(LogLevel::Warning, "partition %s-%d: cannot swap in %s.swap", m_topic.c_str(), m_partition, logPath.c_str());
            ::unlink((logPath + ".swap").c_str());
            return rewritten;
        }
        ::unlink((basePath + ".index").c_str());
        ::unlink((basePath + ".timeindex").c_str());
        auto fresh = Segment::openExisting(m_directory, segment.base, &error);
        if (!fresh) {
            log(LogLevel::Error, "partition %s-%d: cannot reopen cleaned segment: %s", m_topic.c_str(), m_partition,
                error.c_str());
            return rewritten;
        }
        fresh->loadClosed(config.indexIntervalBytes);
        fresh->writeIndexes();
        {
            std::lock_guard state(d.stateMutex);
            d.segments[segment.base] = fresh;
        }
        ++rewritten;
        before += segment.size;
        after += cleaned.size();
    }
    std::string error;
    if (!fileutil::writeFileAtomically(m_directory + "/" + CleanerCheckpoint, std::to_string(segments.back().next), &error))
        log(LogLevel::Warning, "partition %s-%d: %s", m_topic.c_str(), m_partition, error.c_str());
    if (rewritten > 0)
        log(LogLevel::Info, "partition %s-%d: compacted %d segment(s) from %lld to %lld bytes", m_topic.c_str(),
            m_partition, rewritten, static_cast<long long>(before), static_cast<long long>(after));
    return rewritten;
}

} // namespace samsa::broker
