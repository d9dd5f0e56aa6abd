#pragma once

// A librdkafka group member (subscribe, poll, commit) for tests that need a consumer group with a
// real member and real committed offsets.

#include <QString>

#include <librdkafka/rdkafka.h>

namespace Samsa::Test {

class GroupConsumer {
public:
    GroupConsumer(const QString& bootstrap, const char* group, const char* topic);
    ~GroupConsumer();
    GroupConsumer(const GroupConsumer&) = delete;
    GroupConsumer& operator=(const GroupConsumer&) = delete;

    bool isValid() const { return m_handle != nullptr; }
    // Reads until `count` messages arrived, then commits them synchronously; false on timeout.
    bool consumeAndCommit(int count, int timeoutMs = 30000);
    // Leaves the group.
    void close();

private:
    rd_kafka_t* m_handle = nullptr;
};

} // namespace Samsa::Test
