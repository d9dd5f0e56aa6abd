#include "registry/schemalog.h"

#include "storage/internaltopics.h"
#include "storage/logmanager.h"
#include "storage/logreplay.h"

#include <chrono>

namespace samsa::broker::registry {

namespace {

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
    // The registry's ids are safe only if it is the topic's one writer: another writer could give
    // an id to a second schema, and a hand-written record could poison the replay.
    internaltopics::claim(logs, TopicName, "the broker's schema registry");
    return std::unique_ptr<SchemaLog>(new SchemaLog(logs));
}

SchemaLog::~SchemaLog()
{
    internaltopics::release(m_logs, TopicName);
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
    // Bad batches are skipped one by one (with a warning each), so the records after them, and the
    // ids they hold, are never lost.
    int64_t next = m_nextOffset;
    const bool ok = replayLog(*log, m_nextOffset, out, &next, error);
    m_nextOffset = next;
    return ok;
}

} // namespace samsa::broker::registry
