#include "storage/partitionlog.h"

#include "common/crc32c.h"
#include "common/log.h"
#include "storage/batchcompression.h"
#include "storage/configparse.h"
#include "storage/fileutil.h"
#include "storage/partitionlogimpl.h"
#include "storage/recordvalidation.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string_view>
#include <sys/uio.h>
#include <unistd.h>

namespace samsa::broker {

namespace {

constexpr const char* LogStartCheckpoint = "log-start-offset";
// Idempotent producer state as of an offset: "samsa-producers <offset>" then ProducerStateTable lines.
constexpr const char* ProducerSnapshot = "producer-snapshot";

struct PendingBatch {
    recordbatch::Header header;
    std::span<const uint8_t> bytes;
};

AppendResult failure(ErrorCode error, std::string message, int32_t batchIndex = -1)
{
    AppendResult result;
    result.error = error;
    result.message = std::move(message);
    result.batchIndex = batchIndex;
    return result;
}

// Splits the Records field into batches and checks everything that does not depend on the
// log's state. Sets `error` on the first problem.
std::vector<PendingBatch> validateBatches(std::span<const uint8_t> records, const TopicConfig& config,
                                          AppendResult* error)
{
    std::vector<PendingBatch> batches;
    if (records.empty()) {
        *error = failure(ErrorCode::CorruptMessage, "the produce request carries no record batch");
        return {};
    }
    size_t position = 0;
    int32_t index = 0;
    while (position < records.size()) {
        const auto rest = records.subspan(position);
        if (rest.size() <= recordbatch::MagicPosition) {
            *error = failure(ErrorCode::CorruptMessage, "truncated record batch header", index);
            return {};
        }
        const auto magic = static_cast<int8_t>(rest[recordbatch::MagicPosition]);
        if (magic == 0 || magic == 1) {
            *error = failure(ErrorCode::UnsupportedForMessageFormat,
                             "message format v" + std::to_string(magic) + " is not supported: record batch v2 only",
                             index);
            return {};
        }
        if (magic != 2) {
            *error = failure(ErrorCode::CorruptMessage, "unknown record batch magic " + std::to_string(magic), index);
            return {};
        }
        if (rest.size() < recordbatch::HeaderSize) {
            *error = failure(ErrorCode::CorruptMessage, "truncated record batch header", index);
            return {};
        }
        const auto header = recordbatch::parseHeader(rest);
        if (header.length < recordbatch::MinimumLength || header.totalSize() > static_cast<int64_t>(rest.size())) {
            *error = failure(ErrorCode::CorruptMessage,
                             "record batch length " + std::to_string(header.length) + " does not match the data", index);
            return {};
        }
        const auto bytes = rest.first(static_cast<size_t>(header.totalSize()));
        if (header.totalSize() > config.maxMessageBytes) {
            *error = failure(ErrorCode::MessageTooLarge,
                             "record batch of " + std::to_string(header.totalSize())
                                 + " bytes exceeds max.message.bytes " + std::to_string(config.maxMessageBytes),
                             index);
            return {};
        }
        if (header.totalSize() > config.segmentBytes) {
            *error = failure(ErrorCode::RecordListTooLarge,
                             "record batch of " + std::to_string(header.totalSize()) + " bytes exceeds segment.bytes "
                                 + std::to_string(config.segmentBytes),
                             index);
            return {};
        }
        if (crc32c(bytes.subspan(recordbatch::AttributesPosition)) != header.crc) {
            *error = failure(ErrorCode::CorruptMessage, "record batch CRC-32C mismatch", index);
            return {};
        }
        if (header.recordsCount <= 0 || header.lastOffsetDelta < 0
            || static_cast<int64_t>(header.recordsCount) != static_cast<int64_t>(header.lastOffsetDelta) + 1) {
            *error = failure(ErrorCode::InvalidRecord,
                             "record count " + std::to_string(header.recordsCount) + " does not match last offset delta "
                                 + std::to_string(header.lastOffsetDelta),
                             index);
            return {};
        }
        if (header.control()) {
            *error = failure(ErrorCode::InvalidRecord, "clients may not write control batches", index);
            return {};
        }
        if (header.transactional()) {
            *error = failure(ErrorCode::InvalidRecord, "transactional batches are not supported by this broker", index);
            return {};
        }
        if (header.compression() > 4) {
            *error = failure(ErrorCode::CorruptMessage,
                             "unknown compression codec " + std::to_string(header.compression()), index);
            return {};
        }
        const auto check = validateRecords(bytes, decompressedBatchLimit(config.maxMessageBytes));
        if (check.error != ErrorCode::None) {
            *error = failure(check.error, check.message, index);
            return {};
        }
        batches.push_back({header, bytes});
        position += bytes.size();
        ++index;
    }
    const bool idempotent = std::any_of(batches.begin(), batches.end(),
                                        [](const PendingBatch& batch) { return batch.header.producerId >= 0; });
    if (idempotent && batches.size() > 1) {
        *error = failure(ErrorCode::InvalidRecord, "an idempotent produce request must carry exactly one batch", 1);
        return {};
    }
    return batches;
}

// pwritev the whole iovec list at `position`, continuing after short writes.
bool writeAll(int fd, std::vector<iovec> parts, int64_t position)
{
    size_t first = 0;
    while (first < parts.size()) {
        const int count = static_cast<int>(std::min<size_t>(parts.size() - first, IOV_MAX));
        const ssize_t written = ::pwritev(fd, parts.data() + first, count, position);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        position += written;
        auto left = static_cast<size_t>(written);
        while (first < parts.size() && left >= parts[first].iov_len) {
            left -= parts[first].iov_len;
            ++first;
        }
        if (left > 0) {
            parts[first].iov_base = static_cast<uint8_t*>(parts[first].iov_base) + left;
            parts[first].iov_len -= left;
        }
    }
    return true;
}

} // namespace

PartitionLog::PartitionLog(std::string directory, std::string topic, int32_t partition, const TopicConfig& config)
    : m_impl(std::make_unique<Impl>())
    , m_directory(std::move(directory))
    , m_topic(std::move(topic))
    , m_partition(partition)
{
    m_impl->config = config;
}

PartitionLog::~PartitionLog() = default;

std::shared_ptr<PartitionLog> PartitionLog::open(const std::string& directory, const std::string& topic,
                                                 int32_t partition, const TopicConfig& config, std::string* error)
{
    std::shared_ptr<PartitionLog> log(new PartitionLog(directory, topic, partition, config));
    if (!log->recover(error))
        return nullptr;
    return log;
}

bool PartitionLog::recover(std::string* error)
{
    if (!fileutil::makeDirectories(m_directory, error))
        return false;
    finishInterruptedCleaning();
    std::vector<int64_t> bases;
    for (const auto& name : fileutil::listDirectory(m_directory)) {
        if (name.size() != 24 || name.compare(20, 4, ".log") != 0)
            continue;
        // Twenty digits can still overflow int64 (a stray or damaged file): leave it alone.
        const auto base = configparse::parseInteger(name.substr(0, 20), 0, INT64_MAX);
        if (!base || !std::all_of(name.begin(), name.begin() + 20, [](char c) { return c >= '0' && c <= '9'; })) {
            log(LogLevel::Warning, "ignoring %s/%s: not a segment file name", m_directory.c_str(), name.c_str());
            continue;
        }
        bases.push_back(*base);
    }
    std::sort(bases.begin(), bases.end());
    int64_t checkpoint = 0;
    if (const auto text = fileutil::readFile(m_directory + "/" + LogStartCheckpoint)) {
        const auto parsed = configparse::parseInteger(*text, 0, INT64_MAX);
        if (!parsed)
            log(LogLevel::Warning, "ignoring damaged %s/%s", m_directory.c_str(), LogStartCheckpoint);
        checkpoint = parsed.value_or(0);
    }
    Impl& d = *m_impl;
    const int32_t interval = d.config.indexIntervalBytes;
    if (bases.empty()) {
        auto segment = Segment::create(m_directory, checkpoint, error);
        if (!segment)
            return false;
        d.segments.emplace(checkpoint, std::move(segment));
    }
    for (size_t i = 0; i < bases.size(); ++i) {
        auto segment = Segment::openExisting(m_directory, bases[i], error);
        if (!segment)
            return false;
        // Open for the whole recovery: a segment that cannot be read must fail the partition,
        // never look empty (and be truncated to nothing).
        const auto file = segment->file();
        if (file->fd() < 0) {
            if (error)
                *error = "cannot open segment " + segment->logPath();
            return false;
        }
        if (i + 1 < bases.size()) {
            segment->loadClosed(interval);
        } else {
            const int64_t before = segment->size.load();
            std::vector<recordbatch::Header> idempotentBatches;
            const int64_t valid = segment->recover(interval, [&idempotentBatches](const recordbatch::Header& header) {
                if (header.producerId >= 0)
                    idempotentBatches.push_back(header);
            });
            restoreProducers(segment->nextOffset, idempotentBatches);
            if (valid < before) {
                log(LogLevel::Warning,
                    "partition %s-%d: truncated %lld bytes of torn or corrupt data at the end of %s (kept %lld bytes)",
                    m_topic.c_str(), m_partition, static_cast<long long>(before - valid),
                    segment->logPath().c_str(), static_cast<long long>(valid));
                if (!segment->truncate(valid)) {
                    if (error)
                        *error = fileutil::errnoMessage("cannot truncate " + segment->logPath());
                    return false;
                }
                segment->sync();
            }
            if (segment->firstBatchTimestamp > 0)
                segment->rollStartMs = segment->firstBatchTimestamp;
        }
        d.segments.emplace(bases[i], std::move(segment));
    }
    d.highWatermark = d.active().nextOffset;
    d.logStartOffset = std::min(std::max(d.segments.begin()->first, checkpoint), d.highWatermark);
    return true;
}

AppendResult PartitionLog::append(std::span<const uint8_t> records, int64_t nowMs)
{
    Impl& d = *m_impl;
    TopicConfig config;
    {
        std::lock_guard state(d.stateMutex);
        config = d.config;
    }
    AppendResult result;
    std::vector<PendingBatch> batches = validateBatches(records, config, &result);
    if (result.error != ErrorCode::None)
        return result;
    // compression.type other than "producer": batches in another codec are re-encoded, as Kafka does.
    std::vector<std::vector<uint8_t>> reencoded;
    reencoded.reserve(batches.size()); // the batches' spans point into it
    for (auto& batch : batches) {
        if (!config.compression || batch.header.compression() == static_cast<int>(*config.compression))
            continue;
        std::string message;
        auto bytes = recompressBatch(batch.bytes, *config.compression, decompressedBatchLimit(config.maxMessageBytes),
                                     &message);
        if (!bytes)
            return failure(ErrorCode::CorruptMessage, message);
        if (static_cast<int64_t>(bytes->size()) > config.segmentBytes)
            return failure(ErrorCode::RecordListTooLarge, "the re-encoded record batch exceeds segment.bytes");
        batch.bytes = reencoded.emplace_back(std::move(*bytes));
        batch.header = recordbatch::parseHeader(batch.bytes);
    }

    std::unique_lock appendLock(d.appendMutex);
    if (d.closed)
        return failure(ErrorCode::UnknownTopicOrPartition, "partition " + m_topic + "-" + std::to_string(m_partition)
                                                               + " is closed or deleted");
    const bool logAppendTime = config.timestampType == TimestampType::LogAppendTime;
    if (batches.front().header.producerId >= 0) {
        const auto check = d.producers.check(batches.front().header);
        if (check.error != ErrorCode::None)
            return failure(check.error, check.message, 0);
        if (check.duplicate) {
            result.duplicate = true;
            result.baseOffset = check.duplicateBaseOffset;
            result.logAppendTime = logAppendTime ? nowMs : -1;
            result.logStartOffset = d.logStartOffset;
            return result;
        }
    }

    int64_t totalBytes = 0;
    int64_t totalRecords = 0;
    for (const auto& batch : batches) {
        totalBytes += static_cast<int64_t>(batch.bytes.size());
        totalRecords += batch.header.recordsCount;
    }
    {
        const Segment& active = d.active();
        const int64_t size = active.size.load();
        const bool full = size + totalBytes > config.segmentBytes;
        const bool old = active.rollStartMs >= 0 && nowMs - active.rollStartMs >= config.segmentMs;
        const bool offsetsOverflow = d.highWatermark + totalRecords - active.baseOffset() > INT32_MAX;
        if (size > 0 && (full || old || offsetsOverflow)) {
            std::string error;
            if (!roll(&error))
                return failure(ErrorCode::KafkaStorageError, error);
        }
    }

    const std::shared_ptr<Segment> segment = d.activePointer();
    const int64_t position = segment->size.load();
    std::vector<std::array<uint8_t, recordbatch::HeaderSize>> headers(batches.size());
    std::vector<iovec> parts;
    parts.reserve(batches.size() * 2);
    int64_t nextOffset = d.highWatermark;
    for (size_t i = 0; i < batches.size(); ++i) {
        auto& header = batches[i].header;
        auto& bytes = headers[i];
        std::memcpy(bytes.data(), batches[i].bytes.data(), recordbatch::HeaderSize);
        header.baseOffset = nextOffset;
        header.partitionLeaderEpoch = 0;
        writeBeInt64(bytes, header.baseOffset);
        writeBeInt32(std::span(bytes).subspan(recordbatch::PartitionLeaderEpochPosition), 0);
        if (logAppendTime) {
            header.attributes = static_cast<int16_t>(header.attributes | recordbatch::TimestampTypeBit);
            header.maxTimestamp = nowMs;
            writeBeInt16(std::span(bytes).subspan(recordbatch::AttributesPosition), header.attributes);
            writeBeInt64(std::span(bytes).subspan(recordbatch::MaxTimestampPosition), header.maxTimestamp);
            uint32_t crc = crc32c(std::span<const uint8_t>(bytes).subspan(recordbatch::AttributesPosition));
            crc = crc32c(batches[i].bytes.subspan(recordbatch::HeaderSize), crc);
            header.crc = crc;
            writeBe32(std::span(bytes).subspan(recordbatch::CrcPosition), crc);
        }
        parts.push_back({bytes.data(), bytes.size()});
        const auto rest = batches[i].bytes.subspan(recordbatch::HeaderSize);
        if (!rest.empty())
            parts.push_back({const_cast<uint8_t*>(rest.data()), rest.size()});
        nextOffset += header.recordsCount;
    }

    bool flushed = false;
    const auto file = segment->file();
    bool ok = writeAll(file->fd(), parts, position);
    d.unflushedMessages += totalRecords;
    if (d.firstUnflushedMs < 0)
        d.firstUnflushedMs = nowMs;
    if (ok && d.unflushedMessages >= config.flushMessages) {
        ok = segment->sync();
        flushed = true;
    }
    if (!ok) {
        const std::string message = fileutil::errnoMessage("cannot write to " + segment->logPath());
        log(LogLevel::Error, "%s", message.c_str());
        if (::ftruncate(file->fd(), position) != 0)
            log(LogLevel::Error, "cannot truncate %s after a failed write", segment->logPath().c_str());
        return failure(ErrorCode::KafkaStorageError, message);
    }
    if (flushed) {
        d.unflushedMessages = 0;
        d.firstUnflushedMs = -1;
    }
    d.appendedSinceOpen = true;
    {
        std::lock_guard state(d.stateMutex);
        int64_t at = position;
        for (const auto& batch : batches) {
            segment->addBatch(batch.header, at, static_cast<int64_t>(batch.bytes.size()), config.indexIntervalBytes);
            at += static_cast<int64_t>(batch.bytes.size());
        }
        segment->size = at;
        if (segment->rollStartMs < 0)
            segment->rollStartMs = nowMs;
        d.highWatermark = nextOffset;
        result.logStartOffset = d.logStartOffset;
    }
    for (const auto& batch : batches)
        d.producers.record(batch.header);
    appendLock.unlock();

    result.baseOffset = batches.front().header.baseOffset;
    result.logAppendTime = logAppendTime ? nowMs : -1;
    d.generation.fetch_add(1, std::memory_order_release);
    std::function<void()> listener;
    {
        std::lock_guard lock(d.listenerMutex);
        listener = d.listener;
    }
    if (listener)
        listener();
    return result;
}

void PartitionLog::restoreProducers(int64_t endOffset, const std::vector<recordbatch::Header>& tail)
{
    Impl& d = *m_impl;
    int64_t snapshotOffset = -1;
    if (const auto text = fileutil::readFile(m_directory + "/" + ProducerSnapshot)) {
        const auto newline = text->find('\n');
        const std::string first = text->substr(0, newline);
        constexpr std::string_view Prefix = "samsa-producers ";
        if (first.rfind(Prefix, 0) == 0 && newline != std::string::npos) {
            snapshotOffset = configparse::parseInteger(first.substr(Prefix.size()), 0, INT64_MAX).value_or(-1);
            // A snapshot from beyond what survived (or one that does not parse) is of no use.
            if (snapshotOffset < 0 || snapshotOffset > endOffset || !d.producers.parse(text->substr(newline + 1))) {
                snapshotOffset = -1;
                d.producers.clear();
            }
        }
    }
    for (const auto& header : tail) {
        if (header.baseOffset >= snapshotOffset)
            d.producers.record(header);
    }
}

void PartitionLog::writeProducerSnapshot()
{
    Impl& d = *m_impl;
    if (d.producers.producerCount() == 0)
        return;
    std::string error;
    const std::string content = "samsa-producers " + std::to_string(d.highWatermark) + "\n" + d.producers.serialize();
    if (!fileutil::writeFileAtomically(m_directory + "/" + ProducerSnapshot, content, &error))
        log(LogLevel::Warning, "partition %s-%d: %s", m_topic.c_str(), m_partition, error.c_str());
}

bool PartitionLog::roll(std::string* error)
{
    Impl& d = *m_impl;
    Segment& old = d.active();
    old.writeIndexes();
    writeProducerSnapshot();
    if (!old.sync()) {
        *error = fileutil::errnoMessage("cannot flush " + old.logPath());
        return false;
    }
    auto segment = Segment::create(m_directory, d.highWatermark, error);
    if (!segment)
        return false;
    std::lock_guard state(d.stateMutex);
    d.segments[d.highWatermark] = std::move(segment);
    return true;
}

void PartitionLog::setAppendListener(std::function<void()> listener)
{
    std::lock_guard lock(m_impl->listenerMutex);
    m_impl->listener = std::move(listener);
}

uint64_t PartitionLog::appendGeneration() const
{
    return m_impl->generation.load(std::memory_order_acquire);
}

void PartitionLog::setConfig(const TopicConfig& config)
{
    std::lock_guard state(m_impl->stateMutex);
    m_impl->config = config;
}

TopicConfig PartitionLog::config() const
{
    std::lock_guard state(m_impl->stateMutex);
    return m_impl->config;
}

void PartitionLog::flush()
{
    std::shared_ptr<Segment> segment;
    {
        std::lock_guard appendLock(m_impl->appendMutex);
        if (m_impl->unflushedMessages == 0)
            return;
        m_impl->unflushedMessages = 0;
        m_impl->firstUnflushedMs = -1;
        segment = m_impl->activePointer();
    }
    // Outside the lock: appends go on while the disk catches up. Anything they write after this
    // point counts as unflushed again.
    if (!segment->sync())
        log(LogLevel::Error, "%s", fileutil::errnoMessage("cannot flush " + segment->logPath()).c_str());
}

void PartitionLog::flushIfDue(int64_t nowMs)
{
    bool due = false;
    {
        std::lock_guard appendLock(m_impl->appendMutex);
        std::lock_guard state(m_impl->stateMutex);
        due = m_impl->firstUnflushedMs >= 0 && nowMs - m_impl->firstUnflushedMs >= m_impl->config.flushMs;
    }
    if (due)
        flush();
}

void PartitionLog::close()
{
    flush();
    std::lock_guard appendLock(m_impl->appendMutex);
    if (m_impl->closed)
        return;
    m_impl->closed = true;
    // flush() above synced whatever was unflushed. A partition not written since it was opened
    // is left alone: recovery rebuilds the active segment's indexes from the log in any case,
    // and a broker with 10,000 idle partitions must not spend three fdatasyncs on each to stop.
    if (!m_impl->appendedSinceOpen)
        return;
    m_impl->active().writeIndexes();
    writeProducerSnapshot();
}

void PartitionLog::markDeleted()
{
    std::lock_guard appendLock(m_impl->appendMutex);
    m_impl->closed = true;
}

} // namespace samsa::broker
