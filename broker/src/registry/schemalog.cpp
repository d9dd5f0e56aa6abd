#include "registry/schemalog.h"

#include "storage/logmanager.h"
#include "storage/recordbatch.h"

#include <chrono>
#include <unistd.h>

namespace samsa::broker::registry {

namespace {

constexpr int32_t ReadChunkBytes = 4 * 1024 * 1024;

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::shared_ptr<PartitionLog> partitionOf(LogManager& logs, std::string* error)
{
    if (auto log = logs.partition(SchemaLog::TopicName, 0))
        return log;
    // Missing on first start, or deleted by a client since: (re)create it.
    const auto created = logs.createTopic(SchemaLog::TopicName, 1, { { "cleanup.policy", "compact" } }, false);
    if (created.error != ErrorCode::None && created.error != ErrorCode::TopicAlreadyExists) {
        *error = "cannot create the " + std::string(SchemaLog::TopicName) + " topic: " + created.message;
        return nullptr;
    }
    auto log = logs.partition(SchemaLog::TopicName, 0);
    if (!log)
        *error = std::string("the ") + SchemaLog::TopicName + " topic has no partition 0";
    return log;
}

} // namespace

std::unique_ptr<SchemaLog> SchemaLog::open(LogManager& logs, std::string* error)
{
    if (!partitionOf(logs, error))
        return nullptr;
    return std::unique_ptr<SchemaLog>(new SchemaLog(logs));
}

bool SchemaLog::append(const std::vector<KeyValue>& records, std::string* error)
{
    auto log = partitionOf(m_logs, error);
    if (!log)
        return false;
    const int64_t now = nowMs();
    const Bytes batch = buildRecordBatch(records, now);
    const AppendResult result = log->append(batch, now);
    if (result.error != ErrorCode::None) {
        *error = "cannot append to " + std::string(TopicName) + ": " + result.message;
        return false;
    }
    return true;
}

bool SchemaLog::readNew(std::vector<DecodedRecord>* out, bool* replaced, std::string* error)
{
    auto log = partitionOf(m_logs, error);
    if (!log)
        return false;
    *replaced = false;
    if (m_reading.lock() != log) {
        *replaced = m_readBefore;
        m_reading = log;
        m_readBefore = true;
        m_nextOffset = 0;
    }
    if (m_nextOffset < log->logStartOffset())
        m_nextOffset = log->logStartOffset();
    while (m_nextOffset < log->highWatermark()) {
        const ReadResult read = log->read(m_nextOffset, ReadChunkBytes);
        if (read.error != ErrorCode::None) {
            *error = "cannot read " + std::string(TopicName) + " at offset " + std::to_string(m_nextOffset);
            return false;
        }
        if (read.slices.empty())
            break;
        Bytes bytes;
        for (const auto& slice : read.slices) {
            const size_t start = bytes.size();
            bytes.resize(start + static_cast<size_t>(slice.length));
            if (::pread(slice.fd, bytes.data() + start, static_cast<size_t>(slice.length), slice.position)
                != slice.length) {
                *error = "cannot read a segment of " + std::string(TopicName);
                return false;
            }
        }
        int64_t next = m_nextOffset;
        size_t position = 0;
        while (bytes.size() - position >= recordbatch::HeaderSize) {
            const auto header = recordbatch::parseHeader(std::span<const uint8_t>(bytes).subspan(position));
            if (header.length < recordbatch::MinimumLength)
                break;
            next = header.lastOffset() + 1;
            position += static_cast<size_t>(header.totalSize());
        }
        std::vector<DecodedRecord> records;
        decodeRecordBatches(bytes, &records);
        for (auto& record : records) {
            if (record.offset >= m_nextOffset)
                out->push_back(std::move(record));
        }
        if (next <= m_nextOffset)
            break;
        m_nextOffset = next;
    }
    return true;
}

} // namespace samsa::broker::registry
