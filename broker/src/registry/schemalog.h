#pragma once

// The registry's durable store: the broker's own `_schemas` topic (one partition, compacted),
// written and read in process through the LogManager, in the record format of Confluent's
// registry so that either can read the other's topic.

#include "storage/recordbatchcodec.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace samsa::broker {
class LogManager;
}

namespace samsa::broker::registry {

class SchemaLog {
public:
    static constexpr const char* TopicName = "_schemas";

    // Creates the topic when it does not exist yet, and claims it: while this object lives,
    // clients may read the topic but not write to it (see storage/internaltopics.h).
    static std::unique_ptr<SchemaLog> open(LogManager& logs, std::string* error);
    ~SchemaLog();
    SchemaLog(const SchemaLog&) = delete;
    SchemaLog& operator=(const SchemaLog&) = delete;

    // Appends the records as one batch; false with *error when the log refuses it.
    bool append(const std::vector<KeyValue>& records, std::string* error);
    // The records appended since the previous call (all of them on the first call). *replaced is
    // set when the topic was deleted and created again since the previous call.
    bool readNew(std::vector<DecodedRecord>* out, bool* replaced, std::string* error);

private:
    explicit SchemaLog(LogManager& logs)
        : m_logs(logs)
    {
    }

    LogManager& m_logs;
    // The partition read so far: when the topic is deleted and created again, reading starts over.
    std::weak_ptr<PartitionLog> m_reading;
    bool m_readBefore = false;
    int64_t m_nextOffset = 0;
};

} // namespace samsa::broker::registry
