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
#include "storage/batchrecords.h"
#include "storage/configparse.h"
#include "storage/fileutil.h"
#include "storage/partitionlogimpl.h"

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

bool readWhole(const Segment& segment, int64_t size, std::vector<uint8_t>* bytes)
{
    bytes->resize(static_cast<size_t>(size));
    return fileutil::readAt(segment.fd(), *bytes, 0) == size;
}

// Calls visit(batch bytes, header) for each whole batch.
template<typename Visit>
void forEachBatch(std::span<const uint8_t> bytes, Visit visit)
{
    size_t position = 0;
    while (bytes.size() - position >= recordbatch::HeaderSize) {
        const recordbatch::Header header = recordbatch::parseHeader(bytes.subspan(position));
        if (header.length < recordbatch::MinimumLength || static_cast<size_t>(header.totalSize()) > bytes.size() - position)
            return;
        visit(bytes.subspan(position, static_cast<size_t>(header.totalSize())), header);
        position += static_cast<size_t>(header.totalSize());
    }
}

bool cleanable(const recordbatch::Header& header)
{
    return header.magic == 2 && header.compression() == 0 && !header.control();
}

bool writeSynced(const std::string& path, const std::vector<uint8_t>& bytes, std::string* error)
{
    const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) {
        *error = fileutil::errnoMessage("cannot create " + path);
        return false;
    }
    const bool ok = fileutil::writeAt(fd, bytes, 0) && ::fdatasync(fd) == 0;
    if (!ok)
        *error = fileutil::errnoMessage("cannot write " + path);
    ::close(fd);
    return ok;
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
    std::vector<uint8_t> bytes;
    for (const Cleanable& segment : segments) {
        if (segment.next <= firstDirty)
            continue;
        if ((pace && !pace(segment.size)) || !readWhole(*segment.segment, segment.size, &bytes))
            return 0;
        forEachBatch(bytes, [&](std::span<const uint8_t> batch, const recordbatch::Header& header) {
            if (!cleanable(header))
                return;
            std::string ignored;
            forEachRecord(
                batch,
                [&](const RecordView& record) {
                    if (record.hasKey)
                        lastOffsets[std::string(record.key.begin(), record.key.end())] = record.offset;
                    return true;
                },
                &ignored);
        });
    }

    int rewritten = 0;
    int64_t before = 0;
    int64_t after = 0;
    for (const Cleanable& segment : segments) {
        if ((pace && !pace(2 * segment.size)) || !readWhole(*segment.segment, segment.size, &bytes))
            return rewritten; // (read and written)
        std::vector<uint8_t> cleaned;
        cleaned.reserve(bytes.size());
        bool changed = false;
        forEachBatch(bytes, [&](std::span<const uint8_t> batch, const recordbatch::Header& header) {
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
            if (!cleanable(header) || !filterBatch(batch, keep, &kept, &batchChanged, &error)) {
                cleaned.insert(cleaned.end(), batch.begin(), batch.end()); // kept as it is
                return;
            }
            changed = changed || batchChanged;
            if (kept)
                cleaned.insert(cleaned.end(), kept->begin(), kept->end());
        });
        if (!changed)
            continue;
        const std::string logPath = segment.segment->logPath();
        const std::string basePath = logPath.substr(0, logPath.size() - std::string_view(".log").size());
        std::string error;
        if (!writeSynced(logPath + ".cleaned", cleaned, &error)
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
        after += static_cast<int64_t>(cleaned.size());
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
